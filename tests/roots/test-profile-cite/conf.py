project = "Cite Example"
extensions = ["sphinxcontrib.bibtex", "sphinx_vita"]
exclude_patterns = ["_build"]
html_theme = "furo"
html_baseurl = "https://example.org/"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "alpha"
vita_profile = {"name": "Sebastian D. Muller", "role": "Researcher"}
