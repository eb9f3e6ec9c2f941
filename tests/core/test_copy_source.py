"""``_sources/`` is published only when a page links to it (``html_show_sourcelink``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

ROOTS = Path(__file__).resolve().parents[1] / "roots"


def build(make_app: Any, tmp_path: Path, conf: str) -> Any:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as f:
        f.write(conf)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 0
    return app


@pytest.mark.parametrize(
    ("conf", "copied"),
    [
        ("", True),  # Sphinx's defaults: the link is shown, its target copied
        ("html_show_sourcelink = False\n", False),  # nothing links there
        ("html_show_sourcelink = False\nhtml_copy_source = True\n", True),  # conf.py wins
    ],
)
def test_sources_are_copied_only_when_linked(
    make_app: Any, tmp_path: Path, conf: str, copied: bool
) -> None:
    app = build(make_app, tmp_path, conf)
    sources = Path(app.outdir) / "_sources"
    assert (sources / "a" / "one.rst.txt").is_file() == copied
    page = (Path(app.outdir) / "a" / "one.html").read_text("utf-8")
    # Whatever is copied is what a page links to, and the other way round.
    assert ("_sources/a/one.rst.txt" in page) == (copied and "html_show_sourcelink" not in conf)
