extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["metrics.bib"]
vita_profile = {"name": "Ada Example"}
# The tests turn the badges on with confoverrides; off is the default.
