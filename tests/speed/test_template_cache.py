"""The theme's templates are compiled once and reused by later builds, never stale."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest

from sphinx_vita.speed.templatecache import FOLDER

ROOTS = Path(__file__).resolve().parents[1] / "roots"
OVERRIDE = '{%% extends "!page.html" %%}{%% block footer %%}%s{{ super() }}{%% endblock %%}\n'


def build(make_app: Any, srcdir: Path) -> tuple[Any, list[str]]:
    """A build, with the names of the templates it compiled from source."""
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: Any, source: Any, name: Any = None, *args: Any, **kwargs: Any) -> Any:
        if name:  # file templates have names; render_string() sources do not
            compiled.append(name)
        return real(self, source, name, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", counting)
        app = make_app("html", srcdir=srcdir)
        app.build()
    assert app.statuscode == 0
    return app, compiled


def test_a_rebuild_reuses_compiled_templates(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates" / "page.html").write_text(OVERRIDE % "FIRST-MARK", "utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as f:
        f.write('templates_path = ["_templates"]\n')

    first, compiled = build(make_app, srcdir)
    assert "page.html" in compiled
    assert any((Path(first.doctreedir) / FOLDER).rglob("*.cache"))
    search = (Path(first.outdir) / "search.html").read_text("utf-8")

    # Nothing changed: the pages written (search, genindex, 404) come from stored code.
    again, compiled = build(make_app, srcdir)
    assert compiled == []
    assert (Path(again.outdir) / "search.html").read_text("utf-8") == search

    # An edited template is compiled again, and its new text is what the pages show.
    (srcdir / "_templates" / "page.html").write_text(OVERRIDE % "SECOND-MARK", "utf-8")
    edited, compiled = build(make_app, srcdir)
    assert compiled == ["page.html"]
    page = (Path(edited.outdir) / "a" / "one.html").read_text("utf-8")
    assert "SECOND-MARK" in page and "FIRST-MARK" not in page
