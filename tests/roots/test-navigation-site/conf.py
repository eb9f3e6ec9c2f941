project = "Incremental site"
extensions = ["myst_parser", "sphinx_design", "sphinx_vita"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
bibtex_bibfiles = ["refs.bib"]
vita_profile = {"name": "Ada Example", "role": "Researcher", "affiliation": "Example Lab"}
