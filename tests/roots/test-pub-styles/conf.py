extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
bibtex_bibfiles = [
    "google-scholar.bib",
    "dblp.bib",
    "acl-anthology.bib",
    "zotero-biblatex.bib",
    "hand-written.bib",
    "al-folio.bib",
]
vita_profile = {"name": "Akash Palrecha"}
