"""The import report: every thing converted, kept as it was, or dropped, with its source
``file:line`` (printed, and written to ``IMPORT.md``)."""

from __future__ import annotations

from dataclasses import dataclass, field

CONVERTED = "converted"
KEPT = "kept"
DROPPED = "dropped"
_ORDER = (CONVERTED, KEPT, DROPPED)


@dataclass(frozen=True)
class Item:
    action: str  # CONVERTED, KEPT or DROPPED
    where: str  # "file:line" (or "file") in the source site
    what: str


@dataclass
class Report:
    source: str = ""
    target: str = ""
    items: list[Item] = field(default_factory=list)

    def add(self, action: str, file: str, line: int | None, what: str) -> None:
        where = f"{file}:{line}" if line else file
        self.items.append(Item(action, where, what))

    def converted(self, file: str, line: int | None, what: str) -> None:
        self.add(CONVERTED, file, line, what)

    def kept(self, file: str, line: int | None, what: str) -> None:
        self.add(KEPT, file, line, what)

    def dropped(self, file: str, line: int | None, what: str) -> None:
        self.add(DROPPED, file, line, what)

    def of(self, action: str) -> list[Item]:
        return [item for item in self.items if item.action == action]

    def as_text(self) -> str:
        lines = [f"Imported {self.source} into {self.target}."]
        for action in _ORDER:
            items = self.of(action)
            lines.append(f"\n{action.capitalize()} ({len(items)}):")
            lines += [f"  {item.where}: {item.what}" for item in items] or ["  (nothing)"]
        return "\n".join(lines)

    def as_markdown(self) -> str:
        out = [
            "# Import report",
            "",
            f"`vita import` read `{self.source}` and wrote this site. Each line names the",
            "place in the Jekyll site it comes from (`file:line`). This file is not a page of",
            "the site (`conf.py` excludes it); delete it once you have read it.",
        ]
        for action in _ORDER:
            items = self.of(action)
            out += ["", f"## {action.capitalize()} ({len(items)})", ""]
            out += [f"- `{item.where}`: {_md(item.what)}" for item in items] or ["(nothing)"]
        return "\n".join(out) + "\n"


def _md(text: str) -> str:
    # Report lines quote Liquid and kramdown syntax: shown as code, never as markup.
    return text.replace("|", "\\|")
