"""One Jekyll page as a Vita page: Liquid, kramdown and dated lines converted (in that order,
as Jekyll runs Liquid before Markdown), links pointed at the new site, the title and the
heading levels made what Sphinx reads as one page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .dated import DatedPass, Entry
from .kramdown import KramdownPass, fence_states
from .lines import Line
from .liquid import LiquidPass, Resolver
from .report import Report
from .source import SourcePage

_ATX = re.compile(r"^(?P<indent>\s{0,3})(?P<hashes>#{1,6})(?:\s+(?P<text>.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]*)(?P<title>\s+\"[^\"]*\")?\)"
)
_HTML_SRC = re.compile(r"""(?P<attr>\b(?:src|href))=(?P<quote>["'])(?P<target>[^"']+)(?P=quote)""")
# Front matter a Vita page keeps (for a note: date and the rest; see notes/frontmatter.py).
THEME_KEYS = (
    "layout", "permalink", "author_profile", "profile", "header", "classes", "redirect_from",
    "sidebar", "sidebar_link", "sidebar_sort_order", "nav", "nav_order", "excerpt", "share",
    "comments", "related", "read_time", "social", "news", "selected_papers", "show_date",
    "last_modified_at", "published", "lang", "description", "image", "og_image",
)  # fmt: skip


@dataclass
class Links:
    """What a page's links resolve to: another imported page (its new path, relative to the
    site root), or a file of the Jekyll site copied into the new one; None: neither."""

    resolve: Callable[[str], str | None]
    site_url: str = ""  # site.url + site.baseurl: links to it are local links
    base: str = ""  # site.baseurl


@dataclass
class ConvertedPage:
    title: str
    lines: list[Line]
    entries: list[Entry] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines).strip("\n") + "\n"


def _relative(target: str, page_path: str) -> str:
    """``target`` (from the site root) as a link from the page at ``page_path``."""
    depth = page_path.count("/")
    return "../" * depth + target


def convert(
    page: SourcePage,
    new_path: str,
    site: dict[str, Any],
    links: Links,
    report: Report,
    *,
    title: str | None = None,
    front_matter: dict[str, Any] | None = None,
    timeline: bool = True,
    headings: bool = True,
) -> ConvertedPage:
    name = page.name

    def image(path: str) -> str | None:
        found = links.resolve(_local(path, links))
        return _relative(found, new_path) if found else None

    lines = LiquidPass(name, site, page.meta, Resolver(image), report).run(page.body)
    lines = KramdownPass(name, report).run(lines)
    dated = DatedPass(name, report)
    if timeline:
        lines = dated.run(lines)
    lines = _rewrite_links(lines, new_path, links, name, report)
    title = title or str(page.meta.get("title") or "").strip()
    if headings:
        lines, title = _headings(lines, title, name, report)
        lines = _transitions(lines, name, report)
    head: list[Line] = []
    if front_matter:
        head = [Line("---", 1)]
        head += [Line(f"{key}: {_yaml(value)}", 1) for key, value in front_matter.items()]
        head += [Line("---", 1)]
    return ConvertedPage(title, head + _squeeze(lines), dated.entries)


def _squeeze(lines: list[Line]) -> list[Line]:
    """At most one blank line in a row outside fences (removed comments and tags leave some)."""
    fenced = fence_states(lines)
    out: list[Line] = []
    for line, in_fence in zip(lines, fenced, strict=True):
        blank = not line.text.strip()
        if blank and not in_fence and out and not out[-1].text.strip():
            continue
        out.append(Line("", line.origin) if blank and not in_fence else line)
    return out


def _yaml(value: Any) -> str:
    import json

    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(str(v), ensure_ascii=False) for v in value) + "]"
    return (
        json.dumps(str(value), ensure_ascii=False)
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", str(value))
        else str(value)
    )


def _local(target: str, links: Links) -> str:
    """A link target as a path from the Jekyll site's root, or "" when it is not local."""
    target = target.strip("<>")
    if links.site_url and target.startswith(links.site_url):
        target = target[len(links.site_url) :] or "/"
    elif re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith(("#", "//")):
        return ""
    if links.base and target.startswith(links.base + "/"):
        target = target[len(links.base) :]
    return target.split("#", 1)[0].split("?", 1)[0]


def _rewrite_links(
    lines: list[Line], new_path: str, links: Links, name: str, report: Report
) -> list[Line]:
    fenced = fence_states(lines)
    out = []
    for index, line in enumerate(lines):
        if fenced[index] or ("](" not in line.text and "=" not in line.text):
            out.append(line)
            continue

        def markdown(match: re.Match[str], line: Line = line) -> str:
            target = match.group("target")
            if target.strip("<>") in ("#", ""):
                report.dropped(
                    name, line.origin, f"the link to # of {match.group('text')!r}; its text stays"
                )
                return match.group("text")
            local = _local(target, links)
            if not local:
                return match.group(0)
            found = links.resolve(local)
            fragment = "#" + target.split("#", 1)[1] if "#" in target else ""
            if found is None:
                if match.group("bang"):
                    report.dropped(name, line.origin, f"the image {target} (no such file)")
                    return ""
                report.dropped(
                    name,
                    line.origin,
                    f"the link to {target} (no such page or file); its text stays",
                )
                return match.group("text")
            new = _relative(found, new_path) + (fragment if found.endswith(".md") else "")
            return (
                f"{match.group('bang')}[{match.group('text')}]({new}{match.group('title') or ''})"
            )

        def html(match: re.Match[str], line: Line = line) -> str:
            local = _local(match.group("target"), links)
            found = links.resolve(local) if local else None
            if not local or found is None:
                return match.group(0)
            new = _relative(found, new_path)
            if found.endswith(".md"):
                new = new[:-3] + ".html"
            return f"{match.group('attr')}={match.group('quote')}{new}{match.group('quote')}"

        text = _LINK.sub(markdown, line.text)
        if "<" in text:
            text = _HTML_SRC.sub(html, text)
        out.append(Line(text, line.origin))
    return out


def _headings(lines: list[Line], title: str, name: str, report: Report) -> tuple[list[Line], str]:
    """ATX headings only (setext converted), one ``#`` title first, no level skipped."""
    fenced = fence_states(lines)
    atx: list[Line] = []
    levels: list[int | None] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        setext = (
            nxt is not None
            and not fenced[index]
            and not fenced[index + 1]
            and line.text.strip()
            and _SETEXT.match(nxt.text)
            and not line.text.lstrip().startswith(("-", "*", "+", ">", "|", "<", "#"))
            and (index == 0 or not lines[index - 1].text.strip())
        )
        if setext and nxt is not None:
            level = 1 if nxt.text.strip().startswith("=") else 2
            atx.append(Line(f"{'#' * level} {line.text.strip()}", line.origin))
            levels.append(level)
            index += 2
            continue
        match = None if fenced[index] else _ATX.match(line.text)
        atx.append(line)
        levels.append(len(match.group("hashes")) if match and match.group("text") else None)
        index += 1
    first = next((i for i, lv in enumerate(levels) if lv is not None), None)
    leading_text = first is not None and any(x.text.strip() for x in atx[:first])
    if first is not None and levels[first] == 1 and not leading_text:
        heading = _ATX.match(atx[first].text)
        title = heading.group("text") if heading else title
        levels[first] = 0  # the title, left as it is
    else:
        if not title:
            stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            title = stem.replace("-", " ").replace("_", " ").strip().title() or "Home"
        atx = [Line(f"# {title}", 1), Line("", 1), *atx]
        levels = [0, None, *levels]
        report.converted(name, 1, f"the front matter's title {title!r} to the page's title")
    # The page's own top-level headings become sections under its one title.
    shift = 1 if 1 in levels else 0
    out: list[Line] = []
    previous = 1
    for line, found in zip(atx, levels, strict=True):
        level = found or 0
        if not level:
            out.append(line)
            continue
        heading = _ATX.match(line.text)
        assert heading is not None
        wanted = min(level + shift, previous + 1)
        if wanted != level:
            report.converted(
                name, line.origin, f"heading {heading.group('text')!r} to level {wanted}"
            )
        out.append(Line(f"{'#' * wanted} {heading.group('text')}", line.origin))
        previous = wanted
    return out, title


_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def _transitions(lines: list[Line], name: str, report: Report) -> list[Line]:
    """A thematic break (``---``) that opens or closes a section is dropped: docutils allows
    a transition only between two pieces of a section's content."""
    fenced = fence_states(lines)
    kinds = []  # "break", "heading", "blank" or "text" per line
    for line, in_fence in zip(lines, fenced, strict=True):
        if in_fence:
            kinds.append("text")
        elif not line.text.strip():
            kinds.append("blank")
        elif _ATX.match(line.text):
            kinds.append("heading")
        elif _BREAK.match(line.text):
            kinds.append("break")
        else:
            kinds.append("text")

    def neighbour(index: int, step: int) -> str:
        index += step
        while 0 <= index < len(kinds) and kinds[index] == "blank":
            index += step
        return kinds[index] if 0 <= index < len(kinds) else "edge"

    out = []
    for index, line in enumerate(lines):
        if kinds[index] == "break" and (
            neighbour(index, -1) in ("heading", "edge", "break")
            or neighbour(index, 1) in ("heading", "edge")
        ):
            report.dropped(name, line.origin, "a horizontal rule at the start or end of a section")
            kinds[index] = "blank"
            out.append(Line("", line.origin))
            continue
        out.append(line)
    return out
