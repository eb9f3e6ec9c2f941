"""The ``vita`` command: ``vita new DIR`` writes a site of one's own, ``vita import SRC DIR``
turns a Jekyll site (or one Markdown page) into one.

- ``main.py``: the argument parser and the exit codes (no traceback reaches the user);
- ``scaffold.py``: the new site's files, from the templates in ``templates/site/``;
- ``jekyll/``: reading a Jekyll site and writing what it says as Vita pages, with a report.

Nothing here talks to Sphinx: the command writes files, and Sphinx builds them.
"""
