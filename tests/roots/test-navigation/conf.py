project = "Navigation"
extensions = ["sphinx_vita"]
html_theme = "furo"
exclude_patterns = ["_build"]
