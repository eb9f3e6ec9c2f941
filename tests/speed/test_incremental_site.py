"""Every kind of edit a person makes, then an incremental build: it equals a clean build.

A whole small Vita site (profile card, a timeline shown on two pages, citations, a
publications list, furo's sidebar) is built, edited, and built again in place; a copy of the
edited sources is built from scratch; every HTML page must be the same, byte for byte.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1] / "roots" / "test-navigation-site"


def pages(outdir: Path) -> dict[str, str]:
    return {
        page.relative_to(outdir).as_posix(): page.read_text("utf-8")
        for page in sorted(outdir.rglob("*.html"))
        if "_static" not in page.parts
    }


def build(make_app: Any, srcdir: Path) -> Any:
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 0
    # (Several apps in one process re-register nodes: those set-up notices are not the site's.)
    warnings = [
        line
        for line in app.warning.getvalue().splitlines()
        if "WARNING" in line and "while setting up extension" not in line
    ]
    assert not warnings
    return app


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), "utf-8")


def page_title(src: Path) -> str:
    edit(src / "notes" / "reading.md", "# Reading", "# Reading list")
    return "Reading list"


def timeline_entry(src: Path) -> str:
    edit(src / "notes" / "work.md", "Leads the mapping team.", "Leads the atlas team.")
    return "atlas team"


def bib_entry(src: Path) -> str:
    edit(src / "refs.bib", "Retrieval for Maps", "Retrieval for Atlases")
    return "Retrieval for Atlases"


def profile(src: Path) -> str:
    edit(src / "conf.py", '"role": "Researcher"', '"role": "Principal researcher"')
    return "Principal researcher"


EDITS = [page_title, timeline_entry, bib_entry, profile]


@pytest.mark.parametrize("change", EDITS, ids=[e.__name__ for e in EDITS])
def test_incremental_build_equals_clean_build(
    make_app: Any, tmp_path: Path, change: Callable[[Path], str]
) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    before = pages(build(make_app, src).outdir)

    new_text = change(src)
    after = pages(build(make_app, src).outdir)
    shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean = pages(build(make_app, tmp_path / "clean").outdir)

    assert after != before
    assert any(new_text in html for html in after.values())
    assert after.keys() == clean.keys()
    for name, html in clean.items():
        assert after[name] == html, f"{name} is stale after {change.__name__}"
