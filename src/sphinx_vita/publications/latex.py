"""BibTeX field values (LaTeX) as plain Unicode text and inline math, through pybtex's own
LaTeX reader and latex2mathml.

pybtex turns accents (``{\\"u}``, ``{\\L}``), dashes and protecting braces into characters; it
leaves font commands (``\\emph{...}``) as they are, so those are unwrapped first. Math
(``$z=4.46$``, ``\\(...\\)``, ``\\ensuremath{>}``) is kept apart as :class:`Piece` objects that
carry both the TeX (for MathML and LaTeX output) and a readable text (``z=4.46``) for text
output, JSON-LD and meta tags. A command nobody here knows (``\\chem{O_3}``) keeps its argument
and is dropped itself; :func:`convert` reports its name so the build can warn once.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import latexcodec  # noqa: F401  (registers the "ulatex" codec pybtex uses too)
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Text

# One backend for all calls: ``render_as("text")`` looks the plugin up (slowly) every time.
_PLAIN_TEXT = PlainTextBackend()

_FONT_NAMES = (
    "emph|textit|textbf|textsc|texttt|textrm|textsf|textup|textnormal|mbox|text|url"
    "|textsuperscript|textsubscript|uppercase|MakeUppercase|NoCaseChange"
)
# Commands that only change the look of their argument; the argument is what a reader needs.
_FONT_COMMANDS = re.compile(r"\\(?:" + _FONT_NAMES + r")\s*\{")
_BARE_FONT_NAMES = "em|it|bf|sc|tt|rm|sf|itshape|bfseries|scshape"
_BARE_FONT_SWITCH = re.compile(r"\\(?:" + _BARE_FONT_NAMES + r")\b\s*")
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
    r"\textasciicircum": "^",
    r"\textgreater": ">",
    r"\textless": "<",
    r"\rq": "\u2019",
    r"\lq": "\u2018",
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
# In a BibTeX value "%" is text ("20-60% of"); pybtex's LaTeX reader would cut the rest off.
_BARE_PERCENT = re.compile(r"(?<!\\)%")
# A dotless i or j exists to carry an accent ('\\"{\\i}'): with the accent it is a plain letter.
# Like any control word it swallows the spaces after it ('Na\\"\\i ve' is "Naïve").
_DOTLESS = re.compile(r"\\([ij])(?![A-Za-z])\s*")

# Commands whose meaning is known though pybtex does not render them: (before, after) the
# argument, or the text of a command without one.
_QUOTING = {"enquote": ("\u201c", "\u201d"), "textquote": ("\u201c", "\u201d")}
_WORDS = {"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX"}
# Layout and sorting commands: nothing of theirs is shown (``\noopsort{a}`` exists to sort).
_SILENT = frozenset(
    {"relax", "newblock", "noindent", "newline", "linebreak", "protect", "xspace", "allowbreak"}
)
_SILENT_WITH_ARGUMENT = frozenset({"noopsort", "hspace", "vspace", "label", "index"})
_ACCENTS = frozenset("uvHtcdbrk")
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)\s*")
_KNOWN_HERE = frozenset(
    {c[1:] for c in _NAMED_SYMBOLS if c[-1].isalpha()}
    | set(_FONT_NAMES.split("|"))
    | set(_BARE_FONT_NAMES.split("|"))
)

# Math: $$...$$, $...$ and \(...\), but not an escaped "\$".
_MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$|(?<!\\)\$(?P<inline>.+?)(?<!\\)\$"
    r"|\\\((?P<paren>.+?)\\\)",
    re.S,
)
_ENSUREMATH = "\\ensuremath"
# Zotero writes a title's math escaped, character by character, as text:
# "\$\{T\}\_\{{\textbackslash}mathrm\{dust\}\}\$". Inside "\$ ... \$" that is undone.
_ESCAPED_MATH = re.compile(r"\\\$(.+?)\\\$", re.S)
_ESCAPED_MARKUP = re.compile(r"\\[{}_]|\\textbackslash|\\textasciicircum|\\backslash")
_ZOTERO_UNESCAPES = (
    ("{\\textbackslash}", "\\"),
    ("\\textbackslash{}", "\\"),
    ("\\textbackslash ", "\\"),
    ("\\textbackslash", "\\"),
    ("\\backslash", "\\"),
    ("{\\textasciicircum}", "^"),
    ("\\textasciicircum{}", "^"),
    ("\\textasciicircum", "^"),
    ("{\\textasciitilde}", "\\sim "),
    ("\\{", "{"),
    ("\\}", "}"),
    ("\\_", "_"),
    ("\\&", "&"),
)
_MATHML_NS = "http://www.w3.org/1998/Math/MathML"


@dataclass(frozen=True)
class Piece:
    """A stretch of a field: plain text, or math (``tex`` set) with its readable ``text``."""

    text: str
    tex: str = ""
    mathml: str = ""


@dataclass(frozen=True)
class Converted:
    text: str  # readable plain text of the whole value
    pieces: tuple[Piece, ...]  # the same, cut where math starts and ends; () without math
    unknown: tuple[str, ...]  # commands dropped for not being known, sorted


def _group_end(value: str, start: int) -> int:
    """Index just past the brace group opening at ``value[start] == "{"`` (or the end)."""
    depth = 0
    index = start
    while index < len(value):
        char = value[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(value)


@lru_cache(maxsize=4096)
def _latexcodec_knows(name: str) -> bool:
    try:
        decoded: str = codecs.decode(cast(Any, "\\" + name), "ulatex")
        return "\\" not in decoded
    except Exception:  # latexcodec refuses some input: then it is not a command it knows
        return False


@lru_cache(maxsize=4096)
def _symbol(name: str) -> str:
    # latex2mathml is imported where it is used: a rebuild that draws no entry skips it.
    from latex2mathml.symbols_parser import convert_symbol

    code = convert_symbol("\\" + name)
    try:
        return chr(int(code, 16)) if code and len(code) <= 5 else ""
    except ValueError:  # a code for several characters: not one symbol
        return ""


def _known(name: str) -> bool:
    # Accents (\c{c}, \v{s}, \H{o}): pybtex renders those it can.
    return name in _ACCENTS or name in _KNOWN_HERE or _latexcodec_knows(name)


def _drop_unknown_commands(value: str, unknown: set[str]) -> str:
    """``\\chem{O_3}`` -> ``{O_3}``, ``\\enquote{x}`` -> ``“{x}”``; names go in ``unknown``."""
    out: list[str] = []
    index = 0
    while True:
        match = _CONTROL_WORD.search(value, index)
        if match is None:
            out.append(value[index:])
            return "".join(out)
        name = match.group(1)
        if _known(name):  # doubled backslashes were made spaces before: none is escaped here
            out.append(value[index : match.end(1)])
            index = match.end(1)
            continue
        out.append(value[index : match.start()])
        has_argument = match.end() < len(value) and value[match.end()] == "{"
        if name in _QUOTING and has_argument:
            end = _group_end(value, match.end())
            before, after = _QUOTING[name]
            out.append(before + value[match.end() : end] + after)
            index = end
        elif name in _WORDS:
            out.append(_WORDS[name] + ("" if has_argument else " "))
            index = match.end()
        elif _symbol(name):
            # A math symbol outside math ("\\times", "\\alpha"): its character.
            out.append(_symbol(name))
            index = match.end(1)
        elif name == "href" and has_argument:
            # \\href{url}{text}: the text is what the title says.
            index = _group_end(value, match.end())
        elif name in _SILENT_WITH_ARGUMENT and has_argument:
            index = _group_end(value, match.end())
        elif name in _SILENT:
            index = match.end()
        elif name[0] == "n" and not has_argument:
            # "\nThe": a newline escaped by whatever wrote the file, then a word.
            out.append(" " + name[1:] + value[match.end(1) : match.end()])
            index = match.end()
        else:
            unknown.add(name)
            # The argument (if any) stays, in braces that keep it apart from what follows.
            index = match.end()
            if not has_argument and match.end() > match.end(1):
                out.append(" ")


def _text_to_plain(value: str, unknown: set[str]) -> str:
    if not value:
        return ""
    unwrapped = _BARE_PERCENT.sub(r"\\%", value)
    unwrapped = _FONT_COMMANDS.sub("{", unwrapped)
    unwrapped = _BARE_FONT_SWITCH.sub("", unwrapped)
    unwrapped = _DOTLESS.sub(r"\1", unwrapped)
    unwrapped = _drop_unknown_commands(unwrapped.replace("\\\\", " "), unknown)
    # Escaped braces are characters; pybtex would take them for a group.
    unwrapped = unwrapped.replace("\\{", "\ue000").replace("\\}", "\ue001")
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
    return text.replace("\ue000", "{").replace("\ue001", "}")


def _unescape_zotero_math(value: str) -> str:
    def undo(match: re.Match[str]) -> str:
        inner = match.group(1)
        if not _ESCAPED_MARKUP.search(inner):
            return match.group(0)  # two prices ("\\$5 to \\$10"), not math
        for escaped, plain in _ZOTERO_UNESCAPES:
            inner = inner.replace(escaped, plain)
        return "$" + inner + "$"

    if "\\$" not in value:
        return value
    return _ESCAPED_MATH.sub(undo, value.replace("{\\$}", "\\$"))


def _ensuremath_to_dollars(value: str) -> str:
    while _ENSUREMATH in value:
        start = value.index(_ENSUREMATH)
        brace = start + len(_ENSUREMATH)
        while brace < len(value) and value[brace] == " ":
            brace += 1
        if brace >= len(value) or value[brace] != "{":
            value = value[:start] + value[start + len(_ENSUREMATH) :]
            continue
        end = _group_end(value, brace)
        value = value[:start] + "$" + value[brace + 1 : end - 1] + "$" + value[end:]
    return value


def _readable(element: ET.Element, unknown: set[str]) -> str:
    """MathML as a line of text: ``n_v``, ``x^2``, ``a/b``."""
    tag = element.tag.rsplit("}", 1)[-1]
    children = list(element)
    parts = [_readable(child, unknown) for child in children]
    if tag in {"mi", "mn", "mo", "mtext", "ms"}:
        text = element.text or ""
        if text.startswith("\\"):
            unknown.add(text[1:])
            return ""
        return text
    if tag == "mspace":
        return " "
    if tag == "msub" and len(parts) == 2:
        return parts[0] + "_" + parts[1]
    if tag == "msup" and len(parts) == 2:
        return parts[0] + "^" + parts[1]
    if tag == "msubsup" and len(parts) == 3:
        return parts[0] + "_" + parts[1] + "^" + parts[2]
    if tag == "mfrac" and len(parts) == 2:
        return parts[0] + "/" + parts[1]
    if tag == "msqrt":
        return "\u221a" + "".join(parts)
    if tag in {"mover", "munder", "munderover"} and parts:
        return parts[0]
    return "".join(parts)


def _drop_unknown_mathml(element: ET.Element) -> None:
    for child in list(element):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in {"mi", "mo"} and (child.text or "").startswith("\\"):
            element.remove(child)
        else:
            _drop_unknown_mathml(child)


def _math_piece(tex: str, unknown: set[str]) -> Piece:
    # "\^{}" is a text-mode circumflex some files put in math ("MF $\^{} 2$"): a superscript.
    tex = re.sub(r"\\\^\{\}", "^", tex).strip()
    # "\\times": a backslash doubled by whatever wrote the file; a line break is no math.
    tex = re.sub(r"\\\\(?=[A-Za-z])", r"\\", tex)
    from latex2mathml.converter import convert as tex_to_mathml

    try:
        root = ET.fromstring(tex_to_mathml(tex))
    except Exception:  # latex2mathml cannot read it: the math shown as its readable text
        return Piece(_text_to_plain(tex, unknown).replace("$", ""), "", "")
    found: set[str] = set()
    text = _readable(root, found)
    unknown |= found
    if found:
        _drop_unknown_mathml(root)
    # Rendered inline, with the readable text for screen readers that do not speak MathML.
    root.set("alttext", text)
    return Piece(text, tex if not found else "", _serialise(root))


def _serialise(root: ET.Element) -> str:
    """MathML with a plain ``xmlns``: ElementTree would invent a prefix (``ns0:``), or reuse
    whatever prefix another library registered for the namespace."""
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    root.attrib = {"xmlns": _MATHML_NS, **root.attrib}
    return ET.tostring(root, encoding="unicode")


@lru_cache(maxsize=65536)
def convert(value: str) -> Converted:
    """``'{\\L}ukasz: $z=4.46$ \\chem{O_3}'`` -> text ``'Łukasz: z=4.46 O_3'``, with the math
    apart and ``("chem",)`` reported."""
    if not value:
        return Converted("", (), ())
    unknown: set[str] = set()
    prepared = _ensuremath_to_dollars(_unescape_zotero_math(value))
    pieces: list[Piece] = []
    index = 0
    for match in _MATH.finditer(prepared):
        tex = match.group("display") or match.group("inline") or match.group("paren") or ""
        if not tex.strip():
            continue
        pieces.append(Piece(_text_between(prepared[index : match.start()], unknown)))
        pieces.append(_math_piece(tex, unknown))
        index = match.end()
    pieces.append(Piece(_text_between(prepared[index:], unknown)))
    # Whitespace collapsed across pieces; the math keeps its place between words.
    text = _WHITESPACE.sub(" ", "".join(p.text for p in pieces)).strip()
    has_math = any(p.mathml for p in pieces)
    return Converted(text, _tidy(pieces) if has_math else (), tuple(sorted(unknown)))


def _text_between(value: str, unknown: set[str]) -> str:
    """Text beside math keeps the spaces at its ends, which pybtex would trim."""
    # Braces around the math ("{$>$}") belong to neither side.
    if value.endswith("{"):
        value = value[:-1]
    if value.startswith("}"):
        value = value[1:]
    text = _text_to_plain(value, unknown)
    before = " " if value[:1].isspace() else ""
    after = " " if value[-1:].isspace() else ""
    return before + text.strip() + after if text.strip() else before or after


def _tidy(pieces: list[Piece]) -> tuple[Piece, ...]:
    tidy = [Piece(_WHITESPACE.sub(" ", p.text), p.tex, p.mathml) for p in pieces]
    if tidy and not tidy[0].mathml:
        tidy[0] = Piece(tidy[0].text.lstrip())
    if tidy and not tidy[-1].mathml:
        tidy[-1] = Piece(tidy[-1].text.rstrip())
    return tuple(p for p in tidy if p.text or p.mathml)


def latex_to_text(value: str) -> str:
    """``'{\\L}ukasz M{\\"u}ller: {CNN}s \\emph{fast}'`` -> ``'Łukasz Müller: CNNs fast'``."""
    return convert(value).text
