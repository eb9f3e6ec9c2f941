extensions = ["sphinx_vita"]
html_theme = "furo"
project = "Security"


def setup(app):
    # An inline script another extension adds: the policy must allow it by its hash too.
    app.add_js_file(None, body="window.vitaInline = 1;")
