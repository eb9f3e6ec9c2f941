# A project's docs as real projects write them (furo's, sphinx-design's, pip's): no Vita
# feature is used. The tests build it with and without "sphinx_vita" added to extensions.
project = "Widgets"
author = "The Widgets team"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build"]
html_theme = "furo"
myst_enable_extensions = ["dollarmath", "colon_fence"]
# A stylesheet from another origin, as sites load Font Awesome.
html_css_files = [
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.1/css/all.min.css",
]
bibtex_bibfiles = ["refs.bib"]
# refs.bib repeats a field; this project silences the peer's warning about it. Unresolved MyST
# links are silenced as well, so any warning a build prints is one Vita added.
suppress_warnings = ["bibtex.bibfile_data_error", "myst.xref_missing"]
# No html_favicon: the browser's default, as the project chose.
