"""sphinxcontrib-bibtex behaves as it did before Vita: its warning types still silence, its
missing-``bibtex_bibfiles`` error stays for a site that asked for it, and a ``bibtex_bibfiles``
it would crash on is a located warning instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ExtensionError
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).resolve().parents[1] / "roots"
REPEATED_FIELD = """@article{widgets2020,
  author = {Doe, Jane},
  title = {On Widgets},
  title = {On Widgets, Again},
  year = {2020},
}
"""


def _site(tmp_path: Path, conf: str) -> Path:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.rst").write_text("Home\n====\n\n.. publications::\n", encoding="utf-8")
    (srcdir / "refs.bib").write_text(REPEATED_FIELD, encoding="utf-8")
    return srcdir


def _warnings(app) -> str:
    return strip_colors(app.warning.getvalue())


@pytest.mark.parametrize(
    "suppressed", [["bibtex.bibfile_data_error"], ["bibtex"], ["bibtex.*"], ["vita.bibtex-field"]]
)
def test_the_peers_warning_type_still_silences(make_app, tmp_path, suppressed) -> None:
    conf = 'extensions = ["sphinx_vita"]\nbibtex_bibfiles = ["refs.bib"]\n'
    conf += f"suppress_warnings = {suppressed!r}\n"
    app = make_app("html", srcdir=_site(tmp_path, conf))
    app.build()
    assert _warnings(app) == ""
    # The entry is still listed.
    assert "widgets2020" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


def test_without_suppression_the_repeated_field_is_a_located_warning(make_app, tmp_path):
    conf = 'extensions = ["sphinx_vita"]\nbibtex_bibfiles = ["refs.bib"]\n'
    app = make_app("html", srcdir=_site(tmp_path, conf))
    app.build()
    assert "refs.bib:" in _warnings(app)
    assert "[vita.bibtex-field]" in _warnings(app)


def test_a_missing_file_is_silenced_by_the_peers_type(make_app, tmp_path):
    conf = 'extensions = ["sphinx_vita"]\nbibtex_bibfiles = ["gone.bib"]\n'
    conf += 'suppress_warnings = ["bibtex.bibfile_error"]\n'
    app = make_app("html", srcdir=_site(tmp_path, conf))
    app.build()
    assert _warnings(app) == ""


def test_listing_the_peer_itself_keeps_its_error(make_app, tmp_path):
    conf = 'extensions = ["sphinxcontrib.bibtex", "sphinx_vita"]\n'
    srcdir = _site(tmp_path, conf)
    (srcdir / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    with pytest.raises(ExtensionError, match="bibtex_bibfiles"):
        make_app("html", srcdir=srcdir).build()


def test_vita_alone_needs_no_bibfiles(make_app, tmp_path):
    srcdir = _site(tmp_path, 'extensions = ["sphinx_vita"]\n')
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert _warnings(app) == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [("[None]", "None"), ("[1]", "1"), ('[b"refs.bib"]', "b'refs.bib'"), ("5", "5")],
)
def test_bibfiles_of_the_wrong_type_are_a_located_warning(make_app, tmp_path, value, shown):
    conf = f'extensions = ["sphinx_vita"]\n\nbibtex_bibfiles = {value}\n'
    srcdir = _site(tmp_path, conf)
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = _warnings(app)
    assert f"{srcdir / 'conf.py'}:3: WARNING: bibtex_bibfiles" in warnings
    assert shown in warnings
    assert "[vita.config]" in warnings
    assert (Path(app.outdir) / "index.html").is_file()


def test_good_names_next_to_bad_ones_are_kept(make_app, tmp_path):
    conf = 'extensions = ["sphinx_vita"]\nbibtex_bibfiles = [None, "refs.bib"]\n'
    conf += 'suppress_warnings = ["bibtex.bibfile_data_error"]\n'
    app = make_app("html", srcdir=_site(tmp_path, conf))
    app.build()
    assert _warnings(app).count("WARNING") == 1
    assert "widgets2020" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
