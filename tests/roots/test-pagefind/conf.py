project = "Pagefind test"
extensions = ["myst_parser", "sphinx_vita"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_baseurl = "https://example.org/"
bibtex_bibfiles = ["refs.bib"]
vita_publication_pages = True
vita_search = "pagefind"
vita_profile = {
    "name": "Ada Example",
    "role": "Researcher",
    "links": {"Gitlabber": "https://gitlab.example.org/ada"},
}
suppress_warnings = ["myst.header"]
