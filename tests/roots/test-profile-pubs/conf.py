project = "Ada Example"
extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
html_theme = "furo"
html_baseurl = "https://example.org/ada/"
bibtex_bibfiles = ["papers.bib"]
vita_profile = {"name": "Ada Example", "role": "Researcher"}
