"""The ``{notes}`` directive: records a list of notes (:class:`.domain.ListSpec`), filled in
once every page has been read."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..messages import warn
from .domain import ListSpec
from .frontmatter import tag_slug
from .nodes import vita_notes_placeholder
from .reading import notes_domain

if TYPE_CHECKING:
    from docutils import nodes

GROUP_BY = ("none", "year")
SORT_ORDERS = ("newest", "oldest")


def _choice(values: tuple[str, ...]) -> Any:
    def check(argument: str | None) -> str:
        return str(directives.choice((argument or "").strip().lower(), values))

    return check


class NotesDirective(SphinxDirective):
    """``{notes}`` with :tags:, :folder:, :limit:, :group-by:, :sort:."""

    has_content = True  # to say that content is not used, rather than fail on it
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": directives.unchanged,
        "folder": directives.unchanged,
        "limit": directives.positive_int,
        "group-by": _choice(GROUP_BY),
        "sort": _choice(SORT_ORDERS),
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        if self.content:
            warn(
                "notes: the directive takes no content; it is ignored", "notes", self.get_location()
            )
        env = self.env
        tags = [t for t in re.split(r"\s*,\s*", self.options.get("tags", "").strip()) if t]
        slugs = tuple(dict.fromkeys(tag_slug(t) for t in tags if tag_slug(t)))
        folder = self.options.get("folder", "").strip().strip("/")
        count = int(env.temp_data.get("vita_notes_count") or 0) + 1
        env.temp_data["vita_notes_count"] = count
        list_id = "vita-notes" if count == 1 else f"vita-notes-{count}"
        spec = ListSpec(
            docname=env.docname,
            list_id=list_id,
            tags=slugs,
            folder=folder,
            limit=self.options.get("limit"),
            group_by=self.options.get("group-by", "none"),
            sort=self.options.get("sort", "newest"),
            classes=tuple(self.options.get("class", [])),
        )
        notes_domain(env).lists.setdefault(env.docname, []).append(spec)
        node = vita_notes_placeholder("", docname=env.docname, list_id=list_id)
        self.set_source_info(node)
        return [node]
