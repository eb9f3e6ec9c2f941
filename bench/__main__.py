"""``python -m bench``: build one synthetic site with Vita and with the plain stack, side by side.

Prints a Markdown table of times and ratios. Every build is a fresh ``python -m sphinx`` child
process, so import time and peak memory are counted as a user sees them.

The machine is usually shared: time is wall-clock, so take numbers from a quiet machine, or use
``--repeat`` (the fastest of N runs is reported).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import notes as notes_bench
from . import search as search_bench
from .runner import Build, fresh, sphinx_build, tree_size
from .sitegen import (
    VARIANTS,
    SiteSize,
    Variant,
    add_article,
    edit_bib_title,
    note_path,
    touch_bib,
    touch_page,
    write_site,
)

HERE = Path(__file__).resolve().parent
SITES = HERE / "_sites"


@dataclass
class Row:
    label: str
    vita: float | Build | None = None
    plain: float | Build | None = None
    unit: str = "s"
    note: str = ""

    def cells(self) -> list[str]:
        def fmt(x: float | Build | None) -> str:
            if x is None:
                return "-"
            if isinstance(x, Build):
                return f"{x.seconds:.2f} s (cpu {x.cpu_seconds:.2f} s)"
            if not self.unit:
                return f"{x:.0f}"
            return f"{x:.2f} {self.unit}" if self.unit in ("s", "MB") else f"{x:.1f} {self.unit}"

        def ratio(wall: bool) -> str:
            a, b = self.vita, self.plain
            if isinstance(a, Build) and isinstance(b, Build):
                a, b = (a.seconds, b.seconds) if wall else (a.cpu_seconds, b.cpu_seconds)
            elif wall:
                return "-"
            if a is None or not b or isinstance(a, Build) or isinstance(b, Build):
                return "-"
            return f"{a / b:.2f}x"

        return [self.label, fmt(self.vita), fmt(self.plain), ratio(False), ratio(True), self.note]


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print("  " + " | ".join(row.cells()), flush=True)

    def markdown(self) -> str:
        lines = [
            "| measure | Vita | plain | ratio (cpu) | ratio (wall) | note |",
            "|---|---|---|---|---|---|",
            *("| " + " | ".join(r.cells()) + " |" for r in self.rows),
        ]
        return "\n".join(lines)


def _best(repeat: int, run: Callable[[], Build]) -> Build:
    """The fastest of ``repeat`` runs (noise on a shared machine only ever adds time)."""
    builds = [run() for _ in range(max(1, repeat))]
    return min(builds, key=lambda b: b.seconds)


def _fastest(runs: list[tuple[Build, Build | None]]) -> tuple[Build, Build | None]:
    """The fastest Vita and plain builds of several runs of one measure."""
    vita = min((v for v, _ in runs), key=lambda b: b.seconds)
    plain = [p for _, p in runs if p is not None]
    return vita, min(plain, key=lambda b: b.seconds) if plain else None


class Bench:
    def __init__(self, size: SiteSize, workdir: Path, repeat: int, report: Report) -> None:
        self.size = size
        self.workdir = workdir
        self.repeat = repeat
        self.report = report

    def site(self, variant: Variant) -> Path:
        src = self.workdir / variant.name / "src"
        if not src.exists():
            write_site(src, self.size, variant)
        return src

    def build(self, variant: Variant, out_name: str, *, jobs: int = 1, clean: bool = True) -> Build:
        src = self.site(variant)
        out = self.workdir / variant.name / out_name

        def run() -> Build:
            if clean:
                fresh(out)
            return sphinx_build(src, out, jobs=jobs)

        build = _best(self.repeat if clean else 1, run)
        if not build.ok:
            self.report.failures.append(
                f"{variant.name}/{out_name}: exit {build.returncode}, see {build.log}"
            )
        return build

    def main_comparison(self, vita: Variant, plain: Variant | None, parallel: bool) -> None:
        """Issue 6: full, -j 2, no-change, one page, the .bib, memory, output size.

        ``plain=None`` builds the Vita site alone (the plain column stays empty).
        """
        variants = (vita, plain) if plain else (vita,)

        def both(out_name: str, **kwargs: Any) -> tuple[Build, Build | None]:
            return self.build(vita, out_name, **kwargs), (
                self.build(plain, out_name, **kwargs) if plain else None
            )

        full_v, full_p = both("html")
        self.report.add(Row("full build", full_v, full_p))
        if parallel:
            j_v, j_p = both("html-j2", jobs=2)
            self.report.add(Row("full build, -j 2", j_v, j_p))
        # Incremental builds: --repeat N makes N of each (a new edit before each) and keeps the
        # fastest, as for full builds.
        same = [both("html", clean=False) for _ in range(self.repeat)]
        self.report.add(Row("no-change rebuild", *_fastest(same)))
        for label, touch in (
            ("one page touched", touch_page),
            (".bib touched", touch_bib),  # one entry appended
            ("one .bib title edited", edit_bib_title),
            ("an article in a new journal appended", add_article),
        ):
            runs = []
            for i in range(self.repeat):
                for variant in variants:
                    touch(self.site(variant), self.size, i)
                runs.append(both("html", clean=False))
            self.report.add(Row(label, *_fastest(runs)))
        self.report.add(
            Row("peak memory, full build", full_v.peak_mib, full_p and full_p.peak_mib, "MiB")
        )
        out_v = self.workdir / vita.name / "html"
        out_p = self.workdir / plain.name / "html" if plain else None
        self.report.add(
            Row(
                "output size (MB, 10^6 bytes)",
                tree_size(out_v) / 1e6,
                tree_size(out_p) / 1e6 if out_p else None,
                "MB",
            )
        )
        note = f"{note_path(1, self.size)}.html"
        self.report.add(
            Row(
                "one note page's HTML",
                (out_v / note).stat().st_size / 1024 if (out_v / note).exists() else None,
                (out_p / note).stat().st_size / 1024 if out_p and (out_p / note).exists() else None,
                "KiB",
            )
        )
        self.report.add(
            Row(
                "warnings (full build)",
                full_v.warnings,
                full_p.warnings if full_p else None,
                "",
                "see *.log",
            )
        )

    def navigation(self) -> None:
        """The cached sidebar's before/after: the plain stack with and without it."""
        before = self.build(VARIANTS["plain"], "html")
        after = self.build(VARIANTS["plain-nav"], "html")
        self.report.add(
            Row(
                "full build, cached sidebar",
                after,
                before,
                note="plain + sphinx_vita.speed vs plain",
            )
        )

    def theme_reference(self, vita_full: float | Build | None) -> None:
        """Issue 6's target: Vita on furo within 1.5x of the plain stack on alabaster."""
        ala = self.build(VARIANTS["plain-alabaster"], "html")
        self.report.add(
            Row("full build vs plain on alabaster", vita_full, ala, note="target < 1.5x")
        )

    def directive_overheads(self) -> None:
        """Issue 3 (timeline vs plain lists) and issue 4 (publications vs plain bibtex)."""
        lists = self.build(VARIANTS["vita-lists"], "html")
        timeline = self.build(VARIANTS["vita-timeline"], "html")
        self.report.add(
            Row(
                "{timeline} vs plain lists, full",
                timeline,
                lists,
                note="alabaster, Vita loaded in both; target < 1.05x",
            )
        )
        plain = self.build(VARIANTS["plain-alabaster"], "html")
        pubs = self.build(VARIANTS["vita-publications"], "html")
        self.report.add(
            Row(
                "{publications} vs {bibliography}, full",
                pubs,
                plain,
                note="alabaster; plain = sphinxcontrib-bibtex alone",
            )
        )
        plain_same = self.build(VARIANTS["plain-alabaster"], "html", clean=False)
        pubs_same = self.build(VARIANTS["vita-publications"], "html", clean=False)
        self.report.add(Row("{publications} vs {bibliography}, no-change", pubs_same, plain_same))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=200, help="note pages (default 200)")
    p.add_argument("--bib-entries", type=int, default=500, help=".bib entries (default 500)")
    p.add_argument("--entries-per-page", type=int, default=4, help="timeline entries per page")
    p.add_argument("--quick", action="store_true", help="a tiny site: the whole run under a minute")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="report the fastest of N runs of each build (full, no-change, one page, .bib)",
    )
    p.add_argument("--no-parallel", action="store_true", help="skip the -j 2 builds")
    p.add_argument("--no-overheads", action="store_true", help="skip the directive overheads")
    p.add_argument(
        "--navigation-only",
        action="store_true",
        help="only the cached sidebar's before/after (plain furo with and without it)",
    )
    p.add_argument(
        "--overheads-only",
        action="store_true",
        help="only the directive overheads (use with --repeat: they are a few percent)",
    )
    p.add_argument(
        "--vita-only",
        action="store_true",
        help="only the Vita site's builds (no plain stack, no alabaster reference)",
    )
    p.add_argument(
        "--notes",
        action="store_true",
        help="only the notes scenario: 1,000 notes (3 tags, 3 links each), 50 tags, 4,000 "
        "entries; notes on vs off, and against ablog",
    )
    p.add_argument(
        "--ablog-python",
        default=sys.executable,
        help="a Python that can import ablog, for the notes scenario (default: this one; "
        "'' skips ablog)",
    )
    p.add_argument(
        "--search",
        action="store_true",
        help="only the search scenario: the Vita site with Sphinx's search and with Pagefind "
        "(builds, index size, the Pagefind step, bytes one query moves in Chromium)",
    )
    p.add_argument("--markdown", type=Path, help="also write the table to this file")
    p.add_argument("--keep", action="store_true", help="keep the generated sites afterwards")
    return p.parse_args(argv)


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores (load average {load}), "
        f"Python {platform.python_version()}"
    )


def notes_main(args: argparse.Namespace) -> int:
    if args.quick:
        size = notes_bench.NotesSize(notes=40, tags=8, bib_entries=100)
    else:
        size = notes_bench.NotesSize()
    workdir = SITES / f"notes-{size.notes}-t{size.tags}-b{size.bib_entries}"
    if workdir.exists():
        shutil.rmtree(workdir)
    header = (
        f"notes: {size.notes} notes, {size.tags_per_note} tags and {size.links_per_note} links "
        f"each, {size.tags} tags, {size.bib_entries} .bib entries; every build the fastest "
        f"of {args.repeat} (full builds taken in turns); "
        f"{machine()}"
    )
    print(f"bench: {header}\n  sites in {workdir}", flush=True)
    bench = notes_bench.NotesBench(workdir, size, args.repeat, args.ablog_python)
    start = time.perf_counter()
    against_off, against_ablog = bench.run()
    tables = []
    for title, rows, other in (
        ("notes on vs notes off", against_off, "notes off"),
        ("Vita vs ablog (same notes)", against_ablog, "ablog"),
    ):
        if not rows:
            tables.append(f"{title}: ablog did not run (see --ablog-python)")
            continue
        report = Report()
        for m in rows:
            unit = "MiB" if isinstance(m.vita, float) else "s"
            report.rows.append(Row(m.label, m.vita, m.other, unit, m.note))
        tables.append(f"{title} (plain column: {other})\n\n{report.markdown()}")
    text = "\n\n".join(tables)
    return finish(args, workdir, header, text, time.perf_counter() - start, bench.failures)


def finish(
    args: argparse.Namespace,
    workdir: Path,
    header: str,
    text: str,
    elapsed: float,
    failures: list[str],
) -> int:
    """Print (and with --markdown write) the tables, drop the sites unless --keep."""
    print(f"\n{header}\n\n{text}\n\n(whole run: {elapsed:.0f} s)")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if args.markdown:
        args.markdown.write_text(f"{header}\n\n{text}\n", "utf-8")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


def search_main(args: argparse.Namespace, size: SiteSize, workdir: Path) -> int:
    header = (
        f"search: {size.pages} pages, {size.bib_entries} .bib entries, "
        f"{size.pages * size.entries_per_page} timeline entries; {machine()}"
    )
    print(f"bench: {header}\n  sites in {workdir}", flush=True)
    start = time.perf_counter()
    table = search_bench.main(workdir, size)
    print(f"\n{header}\n\n{table}\n\n(whole run: {time.perf_counter() - start:.0f} s)")
    if args.markdown:
        args.markdown.write_text(f"{header}\n\n{table}\n", "utf-8")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if "FAILED" in table else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.notes:
        return notes_main(args)
    if args.quick:
        size = SiteSize(pages=20, bib_entries=50, entries_per_page=args.entries_per_page, topics=4)
    else:
        size = SiteSize(
            pages=args.pages, bib_entries=args.bib_entries, entries_per_page=args.entries_per_page
        )
    workdir = SITES / f"p{size.pages}-b{size.bib_entries}-e{size.entries_per_page}"
    if workdir.exists():
        shutil.rmtree(workdir)
    if args.search:
        return search_main(args, size, workdir)
    header = (
        f"{size.pages} pages, {size.bib_entries} .bib entries, "
        f"{size.pages * size.entries_per_page} timeline entries; {machine()}"
    )
    print(f"bench: {header}\n  sites in {workdir}", flush=True)

    report = Report()
    bench = Bench(size, workdir, args.repeat, report)
    start = time.perf_counter()
    if args.navigation_only:
        bench.navigation()
    elif args.overheads_only:
        bench.directive_overheads()
    elif args.vita_only:
        bench.main_comparison(VARIANTS["vita"], None, parallel=not args.no_parallel)
    else:
        bench.main_comparison(VARIANTS["vita"], VARIANTS["plain"], parallel=not args.no_parallel)
        bench.theme_reference(report.rows[0].vita)
        if not args.no_overheads:
            bench.directive_overheads()
    elapsed = time.perf_counter() - start
    return finish(args, workdir, header, report.markdown(), elapsed, report.failures)


if __name__ == "__main__":
    sys.exit(main())
