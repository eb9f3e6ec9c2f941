extensions = ["myst_parser", "sphinx_vita"]
project = "timeline test"
exclude_patterns = ["_build"]
