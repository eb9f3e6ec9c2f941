# A small site for the browser check of publication thumbnails, math and award badges
# (obviously-example entries; no real publication data).
project = "Example publications"
extensions = ["sphinx_vita"]
html_theme = "furo"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["examples.bib"]
vita_profile = {"name": "Ada Example"}
html_show_sourcelink = False
