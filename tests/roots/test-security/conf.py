extensions = ["sphinx_vita"]
html_theme = "furo"
project = "Security"
