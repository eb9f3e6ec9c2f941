extensions = ["myst_parser", "sphinx_vita"]
project = "Timeline test"
exclude_patterns = ["_build"]
