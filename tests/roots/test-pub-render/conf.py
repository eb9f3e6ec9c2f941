extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["examples.bib"]
vita_profile = {"name": "Ada Example"}
html_baseurl = "https://example.org/"
