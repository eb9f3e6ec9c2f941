"""``-j 2`` and incremental builds give the same pages as a clean serial build.

The home page shows Experience's entries (``:from:``), so editing Experience must update it
even though home.md itself did not change.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).parents[1] / "roots" / "test-timeline"
EXTRA_PAGES = 6  # enough documents for Sphinx to split the read into two processes


def make_site(path: Path) -> Path:
    shutil.copytree(ROOT, path)
    for number in range(EXTRA_PAGES):
        (path / f"extra{number}.md").write_text(
            f"---\norphan: true\n---\n# Extra {number}\n\n"
            f"```{{timeline}}\n- **{2010 + number}** Extra entry {number}.\n"
            f"- **Jan {2010 + number} - now** Ongoing extra {number}.\n```\n",
            encoding="utf-8",
        )
    return path


def edit_experience(srcdir: Path) -> None:
    path = srcdir / "experience.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Manage, recruit for the AI team", "Hired the first five engineers")
    text = text.replace(
        "- **Summer 2017**",
        "- **Oct 2023 - present**: Newest role, added in an edit.\n- **Summer 2017**",
    )
    path.write_text(text, encoding="utf-8")


def pages(outdir: Path) -> dict[str, str]:
    """The main content of every page, as HTML."""
    result = {}
    for html in sorted(outdir.glob("*.html")):
        if html.name in ("genindex.html", "search.html"):
            continue
        body = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("div.body")
        assert body is not None, html
        result[html.name] = str(body)
    return result


def test_parallel_incremental_equals_clean_serial(make_app: Callable, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path / "site")
    builddir = tmp_path / "build-parallel"

    first = make_app("html", srcdir=srcdir, builddir=builddir, parallel=2)
    # Otherwise Sphinx would quietly fall back to a serial build and prove nothing.
    assert first.is_parallel_allowed("read") and first.is_parallel_allowed("write")
    first.build()
    assert "vita" not in first.warning.getvalue()
    before = pages(Path(first.outdir))
    assert "Manage, recruit for the AI team" in before["home.html"]

    edit_experience(srcdir)
    second = make_app("html", srcdir=srcdir, builddir=builddir, parallel=2)
    second.build()
    incremental = pages(Path(second.outdir))

    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "build-serial", parallel=1)
    clean.build()
    serial = pages(Path(clean.outdir))

    assert incremental.keys() == serial.keys()
    for name in serial:
        assert incremental[name] == serial[name], name
    # The view on the home page followed the edit made only in experience.md.
    assert "Newest role, added in an edit." in incremental["home.html"]
    assert "Hired the first five engineers" in incremental["home.html"]
    assert "Manage, recruit for the AI team" not in incremental["home.html"]
    # ":from: *" gathers the extra pages too.
    assert "Ongoing extra 5." in incremental["home.html"]


def test_removing_a_source_page_updates_its_views(make_app: Callable, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path / "site")
    builddir = tmp_path / "build"
    make_app("html", srcdir=srcdir, builddir=builddir).build()

    (srcdir / "extra3.md").unlink()
    again = make_app("html", srcdir=srcdir, builddir=builddir)
    again.build()
    home = pages(Path(again.outdir))["home.html"]
    assert "Ongoing extra 3." not in home
    assert "Ongoing extra 2." in home
