"""The ``{publications}`` directive: records what a list asks for (a :class:`.domain.ListSpec`)
and registers the list with sphinxcontrib-bibtex's ``cite`` domain as a citation list, so that
``{cite}`` resolves to it."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue

from ..messages import warn
from .domain import ListSpec, PublicationsDomain
from .nodes import vita_publications

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain

GROUP_BY = ("year", "type", "none")
SORT_ORDERS = ("newest", "oldest", "title", "source")


def _group_by(value: str | None) -> str:
    return directives.choice((value or "").strip().lower(), GROUP_BY)


def _sort(value: str | None) -> str:
    return directives.choice((value or "").strip().lower(), SORT_ORDERS)


# Deeper than any filter a person writes; sphinxcontrib-bibtex's filter visitor recurses once
# per level (or more), and Python stops at 1,000 frames.
MAX_FILTER_DEPTH = 50


def _depth(tree: ast.AST) -> int:
    """How deeply the expression nests, counted without recursion."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def filter_problem(source: str) -> str | None:
    """What is wrong with a ``:filter:`` expression, or None."""
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        return f"is not a valid expression ({exc.msg})"
    except (ValueError, RecursionError, MemoryError) as exc:  # a NUL byte; far too deep
        return f"is not a valid expression ({exc.__class__.__name__})"
    if _depth(tree) > MAX_FILTER_DEPTH:
        return f"nests deeper than {MAX_FILTER_DEPTH} levels"
    return None


class PublicationsDirective(SphinxDirective):
    """``{publications} [file.bib ...]`` with :filter:, :group-by:, :sort:, :limit:, :selected:,
    :mark-selected:."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "filter": directives.unchanged_required,
        "group-by": _group_by,
        "sort": _sort,
        "limit": directives.positive_int,
        "selected": directives.flag,
        "mark-selected": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        env = self.env
        cite = cast("BibtexDomain", env.get_domain("cite"))
        ours = cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
        known = cite.bibdata.bibfiles
        bibfiles: list[Path] = []
        for name in self.arguments[0].split() if self.arguments else []:
            path = Path(env.relfn2path(name)[1]).resolve()
            if path in known:
                bibfiles.append(path)
            else:
                warn(
                    f"{name}: not listed in bibtex_bibfiles, so it is not read",
                    "publications",
                    self.get_location(),
                )
        if self.arguments and not bibfiles:
            bibfiles = []  # nothing valid named: an empty list, not every file
        # The .bib files are not this page's dependencies: an edit to them changes no list's
        # spec, and resolve.resolve_lists writes again the pages whose lists it changes
        # (reading the page again would also write its toctree parents for nothing).
        filter_source = self.options.get("filter", "True")
        problem = filter_problem(filter_source)
        if problem:
            warn(f":filter: {problem}; listing every entry", "publications", self.get_location())
            filter_source = "True"
        count = int(env.temp_data.get("vita_publications_count") or 0) + 1
        env.temp_data["vita_publications_count"] = count
        list_id = "vita-publications" if count == 1 else f"vita-publications-{count}"
        spec = ListSpec(
            docname=env.docname,
            list_id=list_id,
            lineno=self.lineno,
            bibfiles=tuple(str(p) for p in bibfiles) if self.arguments else (),
            filter_source=filter_source,
            # Absent: "auto", year headings only when years hold more than one entry on average.
            group_by=self.options.get("group-by", "auto"),
            sort=self.options.get("sort", "newest"),
            limit=self.options.get("limit"),
            selected="selected" in self.options,
            classes=tuple(self.options.get("class", [])),
        )
        if self.arguments and not bibfiles:
            spec = replace(spec, filter_source="False")
        ours.lists.setdefault(env.docname, []).append(spec)
        # Registered as a citation list with no files of its own: sphinxcontrib-bibtex then
        # formats nothing for it (that is ours to do, with a cache), yet accepts its citations.
        cite.bibliographies[BibliographyKey(docname=env.docname, id_=list_id)] = BibliographyValue(
            line=self.lineno,
            bibfiles=[],
            style=env.config.bibtex_default_style,
            list_="citation",
            enumtype="arabic",
            start=1,
            labelprefix="",
            keyprefix="",
            filter_=ast.parse("False"),
            citation_nodes={},
            keys=[],
        )
        node = vita_publications(
            "",
            docname=env.docname,
            list_id=list_id,
            classes=list(spec.classes),
            mark_selected="mark-selected" in self.options,
        )
        self.set_source_info(node)
        return [node]
