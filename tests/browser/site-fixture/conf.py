# A small site for what the seed sites cannot show: their verified publication data has no
# abstracts, so the abstract toggle is driven here, on a made-up example entry; and csp-probe.md
# carries an inline script the Content-Security-Policy must refuse.
project = "Ada Example"
extensions = ["myst_parser", "sphinx_vita"]
exclude_patterns = ["_build"]
html_theme = "furo"
bibtex_bibfiles = ["papers.bib"]
vita_profile = {"name": "Ada Example"}
