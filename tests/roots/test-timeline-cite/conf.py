extensions = ["myst_parser", "sphinx_vita"]
project = "Timeline citations"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
