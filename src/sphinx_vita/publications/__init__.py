"""The publication list: ``{publications}`` from BibTeX, citable from any page.

How it fits on sphinxcontrib-bibtex (which Vita sets up itself):

* ``builder-inited``, before sphinxcontrib-bibtex: the .bib files are read entry by entry
  (``bibfiles.py``, ``bibsource.py``), so a broken or duplicate entry is a warning, not a lost
  build, and the result is handed to sphinxcontrib-bibtex as its own up-to-date cache.
  ``{cite}``, ``{bibliography}`` and ``:filter:`` then all see the same, repaired data.
* The directive (``directive.py``) records a list spec (per document, in ``domain.py``) and
  registers itself with the ``cite`` domain as a citation list, so ``{cite}`` resolves to it.
* ``env-updated``, after sphinxcontrib-bibtex (``resolve.py``): each list's entries are chosen
  (filter, selected, sort, limit), formatted into views (``entry.py``, with ``names.py``,
  ``badges.py`` and ``latex.py``; cached by content digest in ``cache.py``), and offered to the
  ``cite`` domain as citations whose targets are the list's stable anchors.
* A post-transform (``render.py``) turns the placeholder into format-neutral nodes
  (``nodes.py``): a grouped, numbered list. HTML-only parts are nodes other builders skip.
* In HTML: each list's JSON-LD (``scholar.py``) and, when asked, one page per publication with
  Google Scholar's meta tags (``pages.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..config import add_static_folder
from . import metrics, pages, scholar
from .bibfiles import default_bibfiles, read_bibfiles
from .directive import PublicationsDirective
from .domain import PublicationsDomain
from .files import copy_into_output
from .fragments import FragmentCache
from .nodes import (
    CSS_FILE,
    JS_FILE,
    depart_badge_html,
    depart_bibtex_code_html,
    depart_details_html,
    depart_label_html,
    pass_through,
    skip,
    visit_badge_html,
    visit_badge_latex,
    visit_badge_text,
    visit_bibtex_code_html,
    visit_details_html,
    visit_label_html,
    visit_label_latex,
    visit_label_other,
    visit_label_text,
    visit_latex_anchor,
    visit_math_html,
    visit_math_latex,
    visit_metrics_html,
    visit_preview_html,
    visit_vita_html,
    vita_badge,
    vita_bibtex_code,
    vita_details,
    vita_html,
    vita_label,
    vita_latex_anchor,
    vita_math,
    vita_metrics,
    vita_preview,
    vita_publications,
    vita_words,
)
from .pybtex_plugins import RememberPybtexPlugins
from .render import PublicationsTransform
from .resolve import resolve_lists, restore_citations, set_citations_aside

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)
        app.add_js_file(JS_FILE, defer="defer")


def _cite_in_the_citation_style(app: Sphinx, config: Any) -> None:
    """``vita_citation_style = "author-year"``: {cite} says "(Example and Sample, 2024)", through
    sphinxcontrib-bibtex's own author-year style, unless conf.py chose a reference style."""
    if config.vita_citation_style == "author-year" and config.bibtex_reference_style == "label":
        config.bibtex_reference_style = "author_year"


def _copy_local_files(app: Sphinx) -> list[Any]:
    """The files and previews that listed entries name, copied into the output (in time for
    epub's manifest, which is made after the pages are collected)."""
    domain = cast(PublicationsDomain, app.env.get_domain(PublicationsDomain.name))
    listed = {
        item.key for result in domain.resolved.values() for _, g in result.groups for item in g
    }
    wanted = {
        f for key, found in domain.data["local_files"].items() if key in listed for f in found
    }
    copy_into_output(app, wanted)
    return []


def _add_nodes(app: Sphinx) -> None:
    # Writers that have no use for a node write nothing for it (html covers epub, singlehtml
    # and dirhtml: handlers fall back to the format).
    nowhere: dict[str, Any] = {
        "html": (skip, None),
        "latex": (skip, None),
        "text": (skip, None),
        "man": (skip, None),
        "texinfo": (skip, None),
    }
    # The placeholder is replaced in a post-transform; should a writer ever meet one
    # (a builder that skips post-transforms), it writes nothing rather than failing.
    app.add_node(vita_publications, **nowhere)
    app.add_node(
        vita_badge,
        **{
            **nowhere,
            "html": (visit_badge_html, depart_badge_html),
            "text": (visit_badge_text, None),
            "latex": (visit_badge_latex, None),
        },
    )
    app.add_node(vita_details, **{**nowhere, "html": (visit_details_html, depart_details_html)})
    app.add_node(vita_latex_anchor, **{**nowhere, "latex": (visit_latex_anchor, None)})
    app.add_node(
        vita_label,
        html=(visit_label_html, depart_label_html),
        text=(visit_label_text, None),
        latex=(visit_label_latex, None),
        man=(visit_label_other, pass_through),
        texinfo=(visit_label_other, pass_through),
    )
    app.add_node(vita_preview, **{**nowhere, "html": (visit_preview_html, None)})
    app.add_node(vita_metrics, **{**nowhere, "html": (visit_metrics_html, None)})
    readable = (pass_through, pass_through)
    app.add_node(
        vita_math,
        html=(visit_math_html, None),
        latex=(visit_math_latex, None),
        text=readable,
        man=readable,
        texinfo=readable,
    )
    app.add_node(vita_bibtex_code, html=(visit_bibtex_code_html, depart_bibtex_code_html))
    app.add_node(vita_html, **{**nowhere, "html": (visit_vita_html, None)})
    app.add_node(vita_words, **nowhere)


def _save_fragments(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        FragmentCache.for_directory(app.doctreedir).save()


def setup_publications(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(PublicationsDomain)
    _add_nodes(app)
    app.add_directive("publications", PublicationsDirective)
    app.add_post_transform(PublicationsTransform)
    app.connect("config-inited", default_bibfiles)
    app.connect("config-inited", _cite_in_the_citation_style, priority=800)
    # Before sphinxcontrib-bibtex's handlers (priority 500) and after them, respectively.
    app.connect("builder-inited", read_bibfiles, priority=400)
    add_static_folder(app, Path(__file__).parent / "static")
    app.connect("builder-inited", _add_static_files)
    app.connect("env-updated", resolve_lists, priority=600)
    app.connect("env-updated", set_citations_aside, priority=999)
    app.connect("write-started", restore_citations)
    # sphinxcontrib-bibtex looks up a pybtex plugin for every {cite}: make that lookup cheap.
    app.add_post_transform(RememberPybtexPlugins)
    # HTML extras: JSON-LD for the lists, and one page per publication when asked.
    app.connect("html-page-context", scholar.add_articles, priority=410)
    app.connect("html-collect-pages", pages.collect_pages)
    app.connect("html-collect-pages", _copy_local_files)
    # Before the page's files are narrowed to what it uses (speed/pageassets.py, 900).
    app.connect("html-page-context", metrics.load_scripts)
    # After furo (500) and Vita's cached sidebar (600, 650): it marks that sidebar.
    app.connect("html-page-context", pages.mark_list_page_current, priority=700)
    app.add_event(pages.EVENT)
    app.connect("build-finished", _save_fragments)
