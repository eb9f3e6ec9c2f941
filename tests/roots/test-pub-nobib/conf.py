# No bibtex_bibfiles at all: sphinxcontrib-bibtex alone would stop the build.
extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
vita_profile = {"name": "Vinay Sisodia"}
