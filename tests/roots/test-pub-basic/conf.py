extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["palrecha.bib", "emnlp-cvpr.bib"]
vita_profile = {"name": "Akash Palrecha"}
