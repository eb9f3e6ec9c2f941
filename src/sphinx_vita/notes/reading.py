"""What is read from each page: its front matter as a note (``source-read``) and its outgoing
links (``doctree-read``), kept in :class:`.domain.NotesDomain`."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from sphinx import addnodes

from ..messages import warn
from ..site.seo import page_summary
from .domain import NotesDomain, RawLink
from .frontmatter import read_note

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Links that name a page or a label in one: MyST links, {doc} and {ref}.
_PAGE_LINKS = {("doc", "myst"), ("", "myst"), ("std", "doc"), ("std", "ref")}


def notes_domain(env: BuildEnvironment) -> NotesDomain:
    return cast(NotesDomain, env.get_domain(NotesDomain.name))


def _is_markdown(env: BuildEnvironment, docname: str) -> bool:
    suffix = env.doc2path(docname).suffix
    return env.config.source_suffix.get(suffix) == "markdown"


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    if not source or not _is_markdown(env, docname):
        return
    reading = read_note(source[0])
    for problem in reading.problems:
        warn(problem.message, "note", (docname, problem.line))
    if reading.note is not None:
        notes_domain(env).notes[docname] = reading.note


def read_links(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    links: list[RawLink] = []
    for xref in doctree.findall(addnodes.pending_xref):
        kind = (xref.get("refdomain") or "", xref.get("reftype") or "")
        if kind in _PAGE_LINKS and xref.get("reftarget"):
            links.append((*kind, xref["reftarget"]))
    domain = notes_domain(env)
    if links:
        domain.links[docname] = tuple(dict.fromkeys(links))
    note = domain.notes.get(docname)
    if note is not None and not note.summary:
        domain.data["excerpts"][docname] = page_summary(doctree)
    if note is not None and note.draft:
        # Sphinx leaves pages with ``nosearch`` out of its search index.
        env.metadata[docname]["nosearch"] = True
