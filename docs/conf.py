"""Sphinx configuration for Akash Palrecha's site, the flagship Vita site.

Everything about the person lives in ``vita_profile``; the pages hold the prose.
"""

from __future__ import annotations

import os

project = "Akash Palrecha"
author = "Akash Palrecha"
copyright = "2019–2022, Akash Palrecha"
# The edition of the site; EPUB (a Read the Docs download) requires one.
version = release = "1"

extensions = ["myst_parser", "sphinx_design", "sphinx_vita"]

# MyST: ::: fences for sphinx-design cards, definition lists for the skills.
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# Keep the quotes as the author typed them (the seeds mix straight and curly ones).
smartquotes = False

bibtex_bibfiles = ["publications.bib"]

vita_profile = {
    "name": "Akash Palrecha",
    "role": "Machine learning for geospatial data",
    "affiliation": "Pixxel",
    "affiliation_url": "https://www.pixxel.space",
    "email": "akashpalrecha@gmail.com",
    "tagline": (
        "Tinkering with anything and everything to do with deep learning and computer vision."
    ),
    # No photograph here: the profile card draws his initials.
    "avatar": "",
    "links": {
        "GitHub": "https://github.com/akashpalrecha",
        "Twitter": "https://twitter.com/akashpalrecha98",
        "LinkedIn": "https://www.linkedin.com/in/akashpalrecha/",
    },
    "alumni_of": ["Birla Institute of Technology and Science, Pilani"],
}

html_theme = "furo"
html_title = "Akash Palrecha"
# Read the Docs sets the canonical URL; locally the site has none.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
if not html_baseurl:
    # A feed needs the site's public address: locally there is none, so there is no feed, and
    # Vita's warning that says so is expected here.
    suppress_warnings = ["vita.feed"]
html_show_sourcelink = False
html_static_path = ["_static"]
html_css_files = ["site.css"]
# Search with Pagefind: excerpts, sections and filters, loading only what a query needs.
vita_search = "pagefind"
# One page per publication (citation metadata for Google Scholar, a shareable address).
vita_publication_pages = True

# The PDF CV and the e-book carry the same pages.
latex_documents = [("index", "akash-palrecha.tex", "Akash Palrecha", author, "howto")]
# pdflatex (Read the Docs' PDF) has no emoji glyphs and stops at the first one: the PDF drops
# them, the HTML keeps them.
_EMOJI_CODEPOINTS = ["1F310", "1F393", "1F3FB", "1F468", "1F4BB", "1F4D6", "1F6F0", "200D"]
latex_elements = {
    "preamble": "\n".join(
        # The edition number exists for EPUB; a CV's title page does not say "Release 1".
        [r"\makeatletter\renewcommand{\py@release}{}\makeatother"]
        + [rf"\DeclareUnicodeCharacter{{{cp}}}{{}}" for cp in _EMOJI_CODEPOINTS]
    ),
}
epub_show_urls = "no"
