"""The publication list's nodes: format-neutral where they can be, HTML-only where they add
nothing to print (the badge, the abstract and BibTeX toggles), with their visitors."""

from __future__ import annotations

import functools
import re
import weakref
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .metrics import SERVICES

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

CSS_FILE = "vita-publications.css"
JS_FILE = "vita-publications.js"
# On every list and on every publication's own page: pages without it skip both files.
LIST_CLASS = "vita-publications"


class vita_publications(nodes.General, nodes.Element):
    """Placeholder left by the directive; replaced by the list in a post-transform."""


class vita_html(nodes.General, nodes.Element):
    """Children of an entry, drawn once as HTML and cached (``fragments.py``); HTML builders
    only. It keeps their paragraphs' text in ``prose`` (for the page's description,
    ``site.seo``); their words are in the list's :class:`vita_words`."""


class vita_words(nodes.Invisible, nodes.Element):
    """The words of a list's cached entries, each once, for the search index (which keeps the
    pages a word is on, not how often): never written. HTML builders only."""


def visit_vita_html(self: Any, node: vita_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


class vita_badge(nodes.Inline, nodes.TextElement):
    """The venue badge; HTML only (a printed list names the venue already)."""


class vita_label(nodes.Inline, nodes.TextElement):
    """An entry's citation label ("[EXS24]"), as every {cite} of it shows. In a numbered list
    other writers print the list's own number, which is the label, so they skip it there."""


def visit_label_html(self: HTML5Translator, node: vita_label) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_label_html(self: HTML5Translator, node: vita_label) -> None:
    self.body.append("</span> ")


def visit_label_text(self: Any, node: vita_label) -> None:
    if not node.get("numbered"):
        self.add_text(node.astext() + " ")
    raise nodes.SkipNode


def visit_label_latex(self: Any, node: vita_label) -> None:
    if not node.get("numbered"):
        self.body.append(self.encode(node.astext()) + " ")
    raise nodes.SkipNode


def visit_label_other(self: Any, node: vita_label) -> None:
    if node.get("numbered"):
        raise nodes.SkipNode


class vita_latex_anchor(nodes.Inline, nodes.Element):
    """Where sphinxcontrib-bibtex's LaTeX citations jump to (``\\hyperlink{cite.DOC:ID}``)."""


def visit_latex_anchor(self: Any, node: vita_latex_anchor) -> None:
    # Same name sphinxcontrib-bibtex links to; anchors are make_id() output, docnames paths.
    self.body.append(r"\hypertarget{" + node["name"] + "}{}")
    raise nodes.SkipNode


class vita_math(nodes.Inline, nodes.TextElement):
    """Inline math from a title or abstract: its child is the readable text (``z=4.46``) that
    text, man and texinfo output show; HTML writes the MathML (no script: the CSP stays strict),
    LaTeX the TeX when every command in it is one LaTeX knows."""


def visit_math_html(self: HTML5Translator, node: vita_math) -> None:
    # Made by latex2mathml, which escapes the characters it writes; the TeX is not inserted.
    self.body.append(node["mathml"])
    raise nodes.SkipNode


def visit_math_latex(self: Any, node: vita_math) -> None:
    tex = node.get("tex", "")
    if tex and is_printable_tex(tex):
        self.body.append(r"\(" + tex + r"\)")
    else:
        self.body.append(self.encode(node.astext()))
    raise nodes.SkipNode


def _latex_commands() -> frozenset[str]:
    import latex2mathml.commands as commands

    names = {v for v in vars(commands).values() if isinstance(v, str) and v.startswith("\\")}
    # Commands from packages Sphinx's LaTeX preamble does not load.
    return frozenset(names - {r"\cancel", r"\bcancel", r"\xcancel", r"\bm", r"\bra", r"\ket"})


_COMMANDS_IN_TEX = re.compile(r"\\[A-Za-z]+")


def is_printable_tex(tex: str) -> bool:
    """Whether LaTeX compiles ``tex`` in math mode: every command a known one, braces paired."""
    from latex2mathml.symbols_parser import convert_symbol

    known = _known_latex_commands()
    if tex.count("{") - tex.count(r"\{") != tex.count("}") - tex.count(r"\}"):
        return False
    return all(c in known or convert_symbol(c) for c in _COMMANDS_IN_TEX.findall(tex))


@functools.cache
def _known_latex_commands() -> frozenset[str]:
    return _latex_commands()


def pass_through(self: Any, node: nodes.Node) -> None:
    """Writers that show the readable text: the node's children are written as they are."""


class vita_preview(nodes.General, nodes.Element):
    """al-folio's thumbnail beside an entry; HTML only (the list says what it shows)."""


def visit_preview_html(self: HTML5Translator, node: vita_preview) -> None:
    self.body.append(
        self.starttag(
            node,
            "img",
            "",
            empty=True,
            src=node["uri"],
            alt=node["alt"],
            width=str(node["width"]),
            height=str(node["height"]),
            loading="lazy",
            decoding="async",
            CLASS="vita-pub-preview",
        )
    )
    raise nodes.SkipNode


class vita_metrics(nodes.General, nodes.Element):
    """Altmetric's and Dimensions' badges of an entry (``metrics.py``): each an empty element
    the service's script fills in; HTML only, and only when the site turns them on."""


def visit_metrics_html(self: HTML5Translator, node: vita_metrics) -> None:
    parts = ['<div class="vita-pub-metrics">']
    for badge in node["badges"]:
        service = SERVICES[badge.service]
        attributes = "".join(
            f' {name}="{escape(value)}"'
            for name, value in (*service.look, (badge.attribute, badge.value))
        )
        parts.append(f"{service.mark}{attributes}></{service.tag}>")
    parts.append("</div>\n")
    self.body.append("".join(parts))
    raise nodes.SkipNode


class vita_details(nodes.General, nodes.Element):
    """A ``<details>`` toggle (abstract, BibTeX); HTML only, works without JavaScript."""


def visit_badge_html(self: HTML5Translator, node: vita_badge) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_badge_html(self: HTML5Translator, node: vita_badge) -> None:
    # The space belongs to the badge: builders that skip the badge print no stray space.
    self.body.append("</span> ")


def visit_badge_text(self: Any, node: vita_badge) -> None:
    """Other writers print a badge only when it says something the text does not
    (``printed``: "Selected: "); a venue badge repeats the venue, so it is skipped."""
    if node.get("printed"):
        self.add_text(node["printed"])
    raise nodes.SkipNode


def visit_badge_latex(self: Any, node: vita_badge) -> None:
    if node.get("printed"):
        self.body.append(self.encode(node["printed"]))
    raise nodes.SkipNode


def visit_details_html(self: HTML5Translator, node: vita_details) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append("<summary>" + self.encode(node["summary"]) + "</summary>")


# Static markup only; vita-publications.js copies the <pre> text next to it.
COPY_BUTTON = (
    '<button type="button" class="vita-copy" aria-label="Copy BibTeX to the clipboard">'
    "Copy</button>"
)


def depart_details_html(self: HTML5Translator, node: vita_details) -> None:
    if node.get("copy"):
        self.body.append(COPY_BUTTON)
    self.body.append("</details>\n")


class vita_bibtex_code(nodes.literal_block):
    """An entry's BibTeX: a ``literal_block`` to every builder (Sphinx's translators fall back
    to a node's base class); in HTML, highlighted with one shared Pygments formatter."""


# Sphinx makes a new Pygments HtmlFormatter for every code block, and building one (its
# style's CSS rules) costs far more than highlighting a BibTeX entry as plain text: 2 s of a
# 4,000-entry page. The formatter only depends on the highlighter, so one per highlighter.
_formatters: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def visit_bibtex_code_html(self: HTML5Translator, node: vita_bibtex_code) -> None:
    """Sphinx's ``visit_literal_block`` for the one case Vita emits: plain text, no options.

    Same markup (``tests/publications/test_publications.py`` compares the two); anything else is
    handed to Sphinx.
    """
    highlighter = getattr(self, "highlighter", None)
    language = node.get("language")
    if (
        highlighter is None
        or getattr(highlighter, "dest", None) != "html"
        or language != "none"
        or node.rawsource != node.astext()
        or node.get("linenos")
        or node.get("highlight_args")
        or node.get("force")
    ):
        self.visit_literal_block(node)
        return
    import pygments

    formatter = _formatters.get(highlighter)
    if formatter is None:
        # What highlight_block asks for a block without line numbers.
        formatter = _formatters[highlighter] = highlighter.get_formatter(linenos=False)
    opts = self.config.highlight_options.get(language, {})
    lexer = highlighter.get_lexer(node.rawsource, language, opts, False, node)
    highlighted = pygments.highlight(node.rawsource, lexer, formatter)
    starttag = self.starttag(node, "div", suffix="", CLASS=f"highlight-{language} notranslate")
    self.body.append(starttag + highlighted + "</div>\n")
    raise nodes.SkipNode


def depart_bibtex_code_html(self: HTML5Translator, node: vita_bibtex_code) -> None:
    self.depart_literal_block(node)  # only reached when Sphinx's visit wrote it


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode
