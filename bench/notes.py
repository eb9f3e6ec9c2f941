"""The notes scenario (``python -m bench --notes``): 1,000 notes with 3 tags and 3 links each,
50 tags, a 4,000-entry .bib, built with Vita (notes on, and the same pages with notes off) and,
where it runs, with ablog on the same notes.

- "notes on": every note has ``date:`` and ``tags:``; the home page lists the latest ten and a
  tag's notes; Vita writes tag pages, feeds and backlinks.
- "notes off": the same pages without ``date:`` (so none is a note) and the same lists' text:
  the cost of the notes features is the difference.
- ablog (if importable by the Python given with ``--ablog-python``): the same notes as ablog
  posts (``blogpost: true``, its date and tags front matter), ablog's own archive pages and
  Atom feeds, furo, no Vita.

Full builds run once per site; edits, each measured as an incremental build (the fastest of
``--repeat`` runs, a new edit before each run): no change; one note's text; a new note with
two tags.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .runner import Build, fresh, sphinx_build
from .sitegen import WORDS, SiteSize, bib_key, write_bib

FOLDERS = 10


@dataclass(frozen=True)
class NotesSize:
    notes: int = 1000
    tags: int = 50
    tags_per_note: int = 3
    links_per_note: int = 3
    bib_entries: int = 4000


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def note_name(i: int) -> str:
    return f"notes/f{i % FOLDERS}/n{i:04d}"


def _date(i: int) -> str:
    # Spread over ten years, several notes on some days, deterministic.
    day = (i * 37) % 3650
    year, rest = divmod(day, 365)
    month, mday = divmod(rest, 31)
    return f"{2015 + year}-{min(month, 11) + 1:02d}-{min(mday, 27) + 1:02d}"


def tag_name(t: int) -> str:
    return f"topic {t}"


def _front_matter(kind: str, date: str, tags: list[str]) -> str:
    # Notes are in no toctree (``orphan``), as a blog's posts are not in its sidebar: they are
    # reached through lists, tag pages and feeds. (In a toctree, a new note changes every page's
    # sidebar, and Sphinx writes every page again, with notes or without.)
    if kind == "vita":
        return f"---\norphan: true\ndate: {date}\ntags: [{', '.join(tags)}]\n---\n"
    if kind == "off":
        return f"---\norphan: true\ntags: [{', '.join(tags)}]\n---\n"
    # ablog reads its own front matter keys (blogpost, date, tags as a comma list).
    return f"---\norphan: true\nblogpost: true\ndate: {date}\ntags: {', '.join(tags)}\n---\n"


def note_text(kind: str, i: int, size: NotesSize, seed: int = 7, extra: str = "") -> str:
    rng = random.Random(seed * 100_003 + i)
    tags = [tag_name(t) for t in rng.sample(range(size.tags), size.tags_per_note)]
    links = [rng.randrange(size.notes) for _ in range(size.links_per_note)]
    depth = "../../"
    cites = " ".join(f"{{cite}}`{bib_key(rng.randrange(size.bib_entries))}`" for _ in range(2))
    body = "\n\n".join(
        [
            f"# Note {i}: {_words(rng, 3).title()}",
            f"{_words(rng, 40).capitalize()}. {extra}",
            "See " + ", ".join(f"[note {j}]({depth}{note_name(j)}.md)" for j in links) + ".",
            f"{_words(rng, 60).capitalize()}, as {cites} show.",
            f"## {_words(rng, 2).title()}",
            f"{_words(rng, 50).capitalize()}.",
        ]
    )
    return _front_matter(kind, _date(i), tags) + body + "\n"


def _conf(kind: str) -> str:
    if kind == "ablog":
        return textwrap.dedent(
            """\
            project = "Notes bench"
            extensions = ["myst_parser", "ablog", "sphinxcontrib.bibtex"]
            bibtex_bibfiles = ["refs.bib"]
            html_theme = "furo"
            blog_baseurl = "https://example.org/"
            blog_path = "blog"
            blog_feed_archives = True
            post_auto_image = 0
            fontawesome_included = False
            suppress_warnings = ["myst.header"]
            """
        )
    return textwrap.dedent(
        """\
        project = "Notes bench"
        extensions = ["myst_parser", "sphinx_vita"]
        bibtex_bibfiles = ["refs.bib"]
        html_theme = "furo"
        html_baseurl = "https://example.org/"
        vita_profile = {"name": "Bench Author"}
        suppress_warnings = ["myst.header"]
        """
    )


def _index(kind: str) -> str:
    lists = ""
    if kind in ("vita", "off"):
        # "off" keeps the directives: with no notes they are empty, as a list of nothing is.
        lists = (
            "Latest:\n\n```{notes}\n:limit: 10\n```\n\n"
            "One topic:\n\n```{notes}\n:tags: topic 1\n:limit: 20\n```\n"
        )
    toctree = "```{toctree}\n:maxdepth: 1\n\npublications\n```\n"
    return f"# Home\n\n{lists}\n{toctree}"


def write_site(src: Path, size: NotesSize, kind: str) -> None:
    """``kind``: ``vita`` (notes on), ``off`` (no note is a note) or ``ablog``."""
    for folder in range(FOLDERS):
        (src / "notes" / f"f{folder}").mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(_conf(kind), "utf-8")
    (src / "index.md").write_text(_index(kind), "utf-8")
    publications = "{bibliography}\n:all:" if kind == "ablog" else "{publications}"
    publications = f"```{publications}\n```\n"
    (src / "publications.md").write_text(f"# Publications\n\n{publications}", "utf-8")
    write_bib(src / "refs.bib", SiteSize(bib_entries=size.bib_entries))
    for i in range(size.notes):
        (src / f"{note_name(i)}.md").write_text(note_text(kind, i, size), "utf-8")


def edit_note(src: Path, kind: str, size: NotesSize, run: int) -> None:
    """One note's text changes (a new sentence each run), nothing else."""
    path = src / f"{note_name(17)}.md"
    path.write_text(note_text(kind, 17, size, extra=f"Edited, run {run}."), "utf-8")


def add_note(src: Path, kind: str, size: NotesSize, run: int) -> None:
    """A new note with two tags that links to two notes (a new one each run)."""
    i = size.notes + run
    tags = [tag_name(1), tag_name(2)]
    front = _front_matter(kind, "2026-11-30", tags)
    text = (
        f"{front}# A new note {run}\n\nFresh words, linking [note 3](../../{note_name(3)}.md) "
        f"and [note 4](../../{note_name(4)}.md).\n"
    )
    (src / f"{note_name(i)}.md").write_text(text, "utf-8")


Edit = Callable[[Path, str, NotesSize, int], None]


@dataclass
class Measured:
    label: str
    vita: Build | float | None
    other: Build | float | None
    note: str = ""


def _rewritten(out: Path, before: dict[Path, int]) -> int:
    """HTML and XML files the last build wrote (new, or with a new modification time)."""
    return sum(
        1
        for path in out.rglob("*")
        if path.suffix in {".html", ".xml"}
        and ".doctrees" not in path.parts
        and before.get(path) != path.stat().st_mtime_ns
    )


def _mtimes(out: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}


class NotesBench:
    def __init__(self, workdir: Path, size: NotesSize, repeat: int, ablog_python: str) -> None:
        self.workdir = workdir
        self.size = size
        self.repeat = max(1, repeat)
        self.ablog_python = ablog_python
        self.failures: list[str] = []
        self.rewritten: dict[str, int] = {}

    def src(self, kind: str) -> Path:
        src = self.workdir / kind / "src"
        if not src.exists():
            write_site(src, self.size, kind)
        return src

    def has_ablog(self) -> bool:
        if not self.ablog_python:
            return False
        probe = [self.ablog_python, "-c", "import ablog, myst_parser, furo"]
        return subprocess.run(probe, capture_output=True, check=False).returncode == 0

    def _build(self, kind: str, *, clean: bool) -> Build:
        out = self.workdir / kind / "html"
        if clean:
            fresh(out)
        python = self.ablog_python if kind == "ablog" else sys.executable
        build = sphinx_build(self.src(kind), out, python=python)
        if not build.ok:
            self.failures.append(f"notes/{kind}: exit {build.returncode}, see {build.log}")
        return build

    def full(self, kinds: list[str]) -> dict[str, Build]:
        """The fastest of ``repeat`` clean builds of each kind, taken in turns (vita, off,
        vita, off...): the target is a ratio of two full builds, and a single pair was off by
        a second either way (the first build of a run also compiles Vita's modules)."""
        runs: dict[str, list[Build]] = {kind: [] for kind in kinds}
        for _ in range(self.repeat):
            for kind in kinds:
                runs[kind].append(self._build(kind, clean=True))
        return {kind: min(builds, key=_seconds) for kind, builds in runs.items()}

    def edited(self, kind: str, edit: Edit | None) -> Build:
        """The fastest of ``repeat`` incremental builds, each after its own edit."""
        out = self.workdir / kind / "html"
        runs = []
        for run in range(self.repeat):
            if edit is not None:
                edit(self.src(kind), kind, self.size, run)
            before = _mtimes(out)
            runs.append(self._build(kind, clean=False))
            self.rewritten[kind] = _rewritten(out, before)
        return min(runs, key=_seconds)

    def run(self) -> tuple[list[Measured], list[Measured]]:
        """Vita with notes on against notes off; and Vita against ablog (if it runs)."""
        kinds = ["vita", "off"] + (["ablog"] if self.has_ablog() else [])
        full = self.full(kinds)
        same = {kind: self.edited(kind, None) for kind in kinds}
        text = {kind: self.edited(kind, edit_note) for kind in kinds}
        text_written = dict(self.rewritten)
        new = {kind: self.edited(kind, add_note) for kind in kinds}
        new_written = dict(self.rewritten)

        def rows(other: str) -> list[Measured]:
            def written(counts: dict[str, int]) -> str:
                return f"files written: {counts['vita']} vs {counts[other]}"

            return [
                Measured("full build", full["vita"], full[other], "target: <= 1.10x notes off"),
                Measured("no-change rebuild", same["vita"], same[other], "target <= 1.0 s"),
                Measured(
                    "one note's text edited",
                    text["vita"],
                    text[other],
                    f"target <= 1.5 s; {written(text_written)}",
                ),
                Measured(
                    "a new note with two tags",
                    new["vita"],
                    new[other],
                    f"target <= 2.5 s; {written(new_written)}",
                ),
                Measured(
                    "peak memory, full build (MiB)",
                    full["vita"].peak_mib,
                    full[other].peak_mib,
                    "target <= 400 MiB",
                ),
            ]

        return rows("off"), rows("ablog") if "ablog" in kinds else []


def _seconds(build: Build) -> float:
    return build.seconds
