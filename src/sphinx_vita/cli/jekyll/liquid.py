"""Liquid in a Jekyll page: what ``_config.yml`` can answer is evaluated (python-liquid), the
rest removed, and each removal reported at its source line. No ``{%``, ``{{`` or ``}}`` is
left in the text that comes out.

- ``{% comment %}`` blocks go with their content (so dated lines in them are no entries);
- ``{% raw %}`` keeps its content as it is; ``{% highlight lang %}`` becomes a code fence;
- ``{% if %}``, ``{% unless %}``, ``{% case %}`` and ``{{ ... }}`` are rendered with ``site``
  (``_config.yml``) and ``page`` (the front matter); a variable neither has is left out;
- ``{% include figure... %}`` becomes a MyST figure when its image exists, ``{% include toc %}``
  a ``contents`` directive; loops, captures, assignments and other includes are removed;
- jekyll-scholar's ``{% cite key %}`` becomes ``{cite}`key` `` and ``{% bibliography %}`` a
  ``{publications}`` list.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from liquid import Environment, FalsyStrictUndefined
from liquid.exceptions import LiquidError

from .kramdown import fence_states
from .lines import Line, assemble, text_of
from .report import Report

_TOKEN = re.compile(
    r"\{%-?\s*(?P<tag>[a-zA-Z_]\w*)(?P<args>.*?)-?%\}|\{\{-?(?P<output>.*?)-?\}\}", re.DOTALL
)
_BLOCKS = frozenset({"if", "unless", "case", "for", "tablerow", "capture", "highlight"})
_EVALUATED = frozenset({"if", "unless", "case"})
_ARG = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_IMAGE_KEYS = ("path", "image_path", "image", "src", "url", "file")
_LEFTOVER = re.compile(r"\{%-?|-?%\}|\{\{-?|-?\}\}")


@dataclass
class Resolver:
    """What the Liquid pass asks of the site: an image's path as the page will link it (the
    file copied into the new site), or None when the Jekyll site has no such file."""

    image: Callable[[str], str | None]


def _environment(site: dict[str, Any]) -> Environment:
    env = Environment(undefined=FalsyStrictUndefined)
    base = str(site.get("baseurl") or "").rstrip("/")
    url = str(site.get("url") or "").rstrip("/")
    # Jekyll's own filters that pages use in links; what they return is then read as a link.
    env.add_filter("relative_url", lambda value: f"{base}/{str(value).lstrip('/')}")
    env.add_filter("absolute_url", lambda value: f"{url}{base}/{str(value).lstrip('/')}")
    env.add_filter("markdownify", lambda value: str(value))
    env.add_filter("smartify", lambda value: str(value))
    return env


def _matching_end(text: str, start: int, name: str) -> re.Match[str] | None:
    """The ``{% endNAME %}`` closing the block opened just before ``start``."""
    depth = 1
    for match in _TOKEN.finditer(text, start):
        tag = match.group("tag")
        if tag == name:
            depth += 1
        elif tag == f"end{name}":
            depth -= 1
            if depth == 0:
                return match
    return None


def _include_args(args: str) -> dict[str, str]:
    return {
        m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _ARG.finditer(args)
    }


class LiquidPass:
    def __init__(
        self, name: str, site: dict[str, Any], page: dict[str, Any], resolver: Resolver,
        report: Report,
    ) -> None:  # fmt: skip
        self.name = name
        self.env = _environment(site)
        self.context = {"site": site, "page": page}
        self.resolver = resolver
        self.report = report

    def run(self, body: list[Line]) -> list[Line]:
        text = text_of(body)
        starts = [0]
        for line in body[:-1]:
            starts.append(starts[-1] + len(line.text) + 1)
        origins = [line.origin for line in body]

        def line_at(offset: int) -> int:
            return origins[bisect.bisect_right(starts, offset) - 1]

        parts: list[tuple[str, int, bool]] = []
        pos = 0
        while (match := _TOKEN.search(text, pos)) is not None:
            if match.start() > pos:
                parts.append((text[pos : match.start()], line_at(pos), True))
            at = line_at(match.start())
            replacement, end = self._token(text, match, at)
            if replacement is not None:
                parts.append((replacement, at, False))
            pos = end
        if pos < len(text) or not parts:
            parts.append((text[pos:], line_at(pos) if text else 1, True))
        lines = assemble(parts)
        fenced = fence_states(lines)
        return [self._no_leftovers(line, code) for line, code in zip(lines, fenced, strict=True)]

    def _no_leftovers(self, line: Line, in_code: bool) -> Line:
        """Braces left over (unbalanced, or from ``{% raw %}``) go, except inside code, where
        they are the text a reader is shown (a Liquid example), not Liquid."""
        if _LEFTOVER.search(line.text) is None:
            return line
        if in_code:
            self.report.kept(self.name, line.origin, "Liquid braces inside code, as code")
            return line
        pieces = re.split(r"(`+[^`]*`+)", line.text)
        cleaned = "".join(p if p.startswith("`") else _LEFTOVER.sub("", p) for p in pieces)
        if cleaned != line.text:
            self.report.dropped(self.name, line.origin, "Liquid braces outside code ({% %}, {{ }})")
        else:
            self.report.kept(self.name, line.origin, "Liquid braces inside code, as code")
        return Line(cleaned, line.origin)

    def _token(self, text: str, match: re.Match[str], line: int) -> tuple[str | None, int]:
        """The text that replaces the token (None: nothing), and where to go on from."""
        source = match.group(0)
        if match.group("tag") is None:
            return self._render(source, line, "output"), match.end()
        tag = match.group("tag")
        args = match.group("args").strip()
        if tag in _BLOCKS or tag in ("comment", "raw"):
            end = _matching_end(text, match.end(), tag)
            if end is None:
                self.report.dropped(self.name, line, f"{{% {tag} %}} with no {{% end{tag} %}}")
                return None, match.end()
            inner = text[match.end() : end.start()]
            whole = text[match.start() : end.end()]
            return self._block(tag, args, inner, whole, line), end.end()
        return self._tag(tag, args, source, line), match.end()

    def _block(self, tag: str, args: str, inner: str, whole: str, line: int) -> str | None:
        if tag == "comment":
            self.report.dropped(self.name, line, "a Liquid comment, with its content")
            return None
        if tag == "raw":
            self.report.kept(self.name, line, "the content of {% raw %} as it is")
            return inner
        if tag == "highlight":
            language = args.split()[0] if args else ""
            self.report.converted(self.name, line, f"{{% highlight {language} %}} to a code block")
            return f"```{language}\n{inner.strip(chr(10))}\n```"
        if tag in _EVALUATED:
            return self._render(whole, line, f"{{% {tag} %}} block")
        self.report.dropped(self.name, line, f"a Liquid {{% {tag} %}} block (it needs Jekyll)")
        return None

    def _render(self, source: str, line: int, what: str) -> str | None:
        try:
            rendered = self.env.from_string(source).render(**self.context)
        except LiquidError as error:
            reason = str(error).split("\n", 1)[0]
            self.report.dropped(self.name, line, f"Liquid {what} {_short(source)}: {reason}")
            return None
        self.report.converted(self.name, line, f"Liquid {what} {_short(source)} evaluated")
        return rendered

    def _tag(self, tag: str, args: str, source: str, line: int) -> str | None:
        if tag in ("include", "include_relative"):
            return self._include(args, source, line)
        if tag == "cite":
            keys = [k for k in re.split(r"[\s,]+", args) if k and not k.startswith("--")]
            self.report.converted(self.name, line, f"{source} to a {{cite}} role")
            return "{cite}`" + ",".join(keys) + "`"
        if tag in ("post_url", "link") and args:
            # The page's source path: the link pass turns it into the new page's address.
            target = f"/_posts/{args.split()[0]}" if tag == "post_url" else "/" + args.split()[0]
            self.report.converted(self.name, line, f"{_short(source)} to a link to {target}")
            return target.rsplit(".", 1)[0] if tag == "link" else target
        if tag == "bibliography":
            self.report.converted(self.name, line, f"{source} to a {{publications}} list")
            return "\n```{publications}\n```\n"
        self.report.dropped(self.name, line, f"the Liquid tag {_short(source)} (it needs Jekyll)")
        return None

    def _include(self, args: str, source: str, line: int) -> str | None:
        parts = args.split(None, 1)
        template = parts[0] if parts else ""
        stem = template.rsplit("/", 1)[-1].split(".", 1)[0]
        values = _include_args(parts[1] if len(parts) > 1 else "")
        if stem == "toc":
            self.report.converted(self.name, line, f"{_short(source)} to a contents directive")
            return "\n```{contents}\n:local:\n```\n"
        if stem == "figure":
            image = next((values[k] for k in _IMAGE_KEYS if values.get(k)), "")
            target = self.resolver.image(image) if image else None
            if target is None:
                self.report.dropped(
                    self.name, line, f"{_short(source)}: no image {image or '(none named)'}"
                )
                return None
            alt = values.get("alt") or values.get("title") or ""
            caption = values.get("caption", "")
            self.report.converted(self.name, line, f"{_short(source)} to a figure ({target})")
            fence = f"\n:::{{figure}} {target}\n"
            if alt:
                fence += f":alt: {alt}\n"
            return fence + (f"\n{caption}\n" if caption else "") + ":::\n"
        self.report.dropped(self.name, line, f"the include {_short(source)} (a theme template)")
        return None


def _short(source: str) -> str:
    flat = " ".join(source.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."
