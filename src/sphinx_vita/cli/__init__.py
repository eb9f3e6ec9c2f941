"""The ``vita`` command: ``vita new DIR`` writes a site of one's own.

- ``main.py``: the argument parser and the exit codes (no traceback reaches the user);
- ``scaffold.py``: the new site's files, from the templates in ``templates/site/``;

Nothing here talks to Sphinx: the command writes files, and Sphinx builds them.
"""
