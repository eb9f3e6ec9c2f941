"""The one error the command reports to its user (a message, no traceback)."""

from __future__ import annotations


class CommandError(Exception):
    """Something the user can fix: the message says what and where."""
