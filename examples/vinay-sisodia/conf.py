"""Sphinx configuration for Vinay Sisodia's site: a second Vita site, with no BibTeX at all.

Nothing here is Vita code: the person is ``vita_profile``, the rest is in the pages.
"""

from __future__ import annotations

import os

project = "Vinay Sisodia"
author = "Vinay Sisodia"
copyright = "Vinay Sisodia"
# The edition of the site; EPUB (a Read the Docs download) requires one.
version = release = "1"

extensions = ["myst_parser", "sphinx_design", "sphinx_vita"]

myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# Keep the quotes as the author typed them (the seeds mix straight and curly ones).
smartquotes = False

# No publications, so no bibtex_bibfiles: Vita builds without a .bib.

vita_profile = {
    "name": "Vinay Sisodia",
    "role": "Technical Director, ML",
    "affiliation": "PicCollage",
    "affiliation_url": "https://picc.co/",
    "tagline": "Deep interest in areas of math & machine learning.",
    "links": {
        "TinyVolt (open source)": "https://github.com/tinyvolt/",
        "Linear Algebra for Programmers": "https://www.linearalgebraforprogrammers.com/",
    },
    "alumni_of": ["Indian Institute of Technology, Kharagpur"],
}

html_theme = "furo"
html_title = "Vinay Sisodia"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_show_sourcelink = False
# Search with Pagefind: excerpts, sections and filters, loading only what a query needs.
vita_search = "pagefind"

latex_documents = [("index", "vinay-sisodia.tex", "Vinay Sisodia", author, "howto")]
