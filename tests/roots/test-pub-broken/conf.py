extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["broken.bib", "more.bib"]
vita_profile = {"name": "Ada Fixture"}
