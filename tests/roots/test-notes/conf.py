project = "Notes test"
extensions = ["myst_parser", "sphinx_vita"]
html_theme = "furo"
html_baseurl = "https://example.org/"
vita_profile = {"name": "Ada Lovelace", "email": "ada@example.org"}
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header"]
