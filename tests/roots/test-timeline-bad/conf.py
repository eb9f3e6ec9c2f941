extensions = ["myst_parser", "sphinx_vita"]
project = "Timeline warnings"
exclude_patterns = ["_build"]
