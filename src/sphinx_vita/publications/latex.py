"""BibTeX field values (LaTeX) as plain Unicode text, through pybtex's own LaTeX reader.

pybtex turns accents (``{\\"u}``, ``{\\L}``), dashes and protecting braces into characters; it
leaves font commands (``\\emph{...}``) as they are, so those are unwrapped first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Text

# One backend for all calls: ``render_as("text")`` looks the plugin up (slowly) every time.
_PLAIN_TEXT = PlainTextBackend()

# Commands that only change the look of their argument; the argument is what a reader needs.
_FONT_COMMANDS = re.compile(
    r"\\(?:emph|textit|textbf|textsc|texttt|textrm|textsf|textup|textnormal|mbox|text|url"
    r"|textsuperscript|textsubscript|uppercase|MakeUppercase|NoCaseChange)\s*\{"
)
_BARE_FONT_SWITCH = re.compile(r"\\(?:em|it|bf|sc|tt|rm|sf|itshape|bfseries|scshape)\b\s*")
_NAMED_SYMBOLS = {
    r"\textendash": "\u2013",
    r"\textemdash": "\u2014",
    r"\textquoteright": "\u2019",
    r"\textquoteleft": "\u2018",
    r"\textquotedblleft": "\u201c",
    r"\textquotedblright": "\u201d",
    r"\ldots": "\u2026",
    r"\dots": "\u2026",
    r"\textregistered": "®",
    r"\texttrademark": "™",
    r"\textasciitilde": "~",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
# pybtex writes a command it does not know followed by a space, which LaTeX would swallow.
_UNKNOWN_COMMAND_SPACE = re.compile(
    "(" + "|".join(re.escape(c) for c in _NAMED_SYMBOLS if c[-1].isalpha()) + ") "
)
_WHITESPACE = re.compile(r"\s+")
# A dotless i or j exists to carry an accent ('\\"{\\i}'): with the accent it is a plain letter.
# Like any control word it swallows the spaces after it ('Na\\"\\i ve' is "Naïve").
_DOTLESS = re.compile(r"\\([ij])(?![A-Za-z])\s*")


@lru_cache(maxsize=65536)
def latex_to_text(value: str) -> str:
    """``'{\\L}ukasz M{\\"u}ller: {CNN}s \\emph{fast}'`` -> ``'Łukasz Müller: CNNs fast'``."""
    if not value:
        return ""
    unwrapped = _FONT_COMMANDS.sub("{", value)
    unwrapped = _BARE_FONT_SWITCH.sub("", unwrapped)
    unwrapped = _DOTLESS.sub(r"\1", unwrapped)
    try:
        text = Text.from_latex(unwrapped).render(_PLAIN_TEXT)
    except Exception:  # pybtex gives up on some unbalanced input: show the raw text instead
        # "~" is a non-breaking space in LaTeX (pybtex turns it into one itself, and turns
        # \textasciitilde into a real "~", which must stay).
        text = unwrapped.replace("{", "").replace("}", "").replace("~", "\u00a0")
    else:
        text = _UNKNOWN_COMMAND_SPACE.sub(r"\1", text)
    for command, char in _NAMED_SYMBOLS.items():
        text = text.replace(command, char)
    return _WHITESPACE.sub(" ", text).strip()
