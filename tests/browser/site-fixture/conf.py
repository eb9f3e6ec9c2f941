# A small site for what the seed sites cannot show: their verified publication data has no
# abstracts, so the abstract toggle is driven here, on a made-up example entry; and csp-probe.md
# gets an inline script the Content-Security-Policy must refuse (see setup below).
project = "Ada Example"
extensions = ["myst_parser", "sphinx_vita"]
exclude_patterns = ["_build"]
html_theme = "furo"
bibtex_bibfiles = ["papers.bib"]
vita_profile = {"name": "Ada Example"}


# What injected markup would be: a script that reached the page's body from data, past every
# escape (not the author's raw HTML, which the policy admits as the site's own).
PROBE = "<script>window.vitaProbeRan = true;</script>"


def _inject(app, pagename, templatename, context, doctree):
    if pagename == "csp-probe":
        context["body"] += PROBE


def setup(app):
    app.connect("html-page-context", _inject)
