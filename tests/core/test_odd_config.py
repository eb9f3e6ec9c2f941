"""Odd config, as an attacker or a careless user writes it: every case is a warning at conf.py's
line (or the directive's), nothing outside the source folder is published, and the build goes on.

Each case is one real build of a small site whose conf.py is written here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

NAME = "Ada Lovelace"
INDEX = """\
Home
====

.. profile-card::

.. timeline::

   - **Feb 31 2020** Joined the Analytical Engine project.
   - **Mar 2021** Published the notes.
"""


def _build(make_app, tmp_path: Path, settings: str, index: str = INDEX, files=()):
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    conf = 'extensions = ["sphinx_vita"]\nhtml_theme = "furo"\n' + settings
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.rst").write_text(index, encoding="utf-8")
    for name, content in files:
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_bytes(content)
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    return srcdir, warnings, html, Path(app.outdir)


def _line(srcdir: Path, name: str) -> str:
    lines = (srcdir / "conf.py").read_text(encoding="utf-8").splitlines()
    number = next(n for n, text in enumerate(lines, 1) if text.startswith(name))
    return f"{srcdir / 'conf.py'}:{number}: WARNING: "


def _card(html: str) -> BeautifulSoup:
    card = BeautifulSoup(html, "html.parser").select_one(".vita-profile")
    assert card is not None
    return card


def _published(outdir: Path) -> set[str]:
    return {p.relative_to(outdir).as_posix() for p in outdir.rglob("*") if p.is_file()}


def test_an_avatar_name_too_long_for_the_file_system(make_app, tmp_path) -> None:
    avatar = "a" * 300 + ".png"
    srcdir, warnings, html, _ = _build(
        make_app, tmp_path, f"vita_profile = {{'name': {NAME!r}, 'avatar': {avatar!r}}}\n"
    )
    assert _line(srcdir, "vita_profile") + "vita_profile['avatar']" in warnings
    assert _card(html).select_one(".vita-profile-initials").get_text() == "AL"


@pytest.mark.parametrize(
    "avatar", ["../../../etc/passwd", "conf.py", "/etc/passwd", "../outside.png", "file:///x.png"]
)
def test_an_avatar_outside_the_source_folder_or_not_an_image_is_not_published(
    make_app, tmp_path, avatar
) -> None:
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    srcdir, warnings, html, outdir = _build(
        make_app, tmp_path, f"vita_profile = {{'name': {NAME!r}, 'avatar': {avatar!r}}}\n"
    )
    assert _line(srcdir, "vita_profile") + "vita_profile['avatar']" in warnings
    assert "initials instead" in warnings
    assert _card(html).select("img") == []
    published = _published(outdir)
    assert not [p for p in published if p.startswith("_images/")]
    assert not any(p.endswith(("passwd", "outside.png", "conf.py")) for p in published)


def test_an_image_in_the_source_folder_is_shown(make_app, tmp_path) -> None:
    _, warnings, html, outdir = _build(
        make_app,
        tmp_path,
        f"vita_profile = {{'name': {NAME!r}, 'avatar': 'img/me.png'}}\n",
        files=[("img/me.png", b"\x89PNG\r\n\x1a\n")],
    )
    assert "vita_profile['avatar']" not in warnings
    assert _card(html).select("img")
    assert "_images/me.png" in _published(outdir)


def test_profile_keys_of_mixed_types(make_app, tmp_path) -> None:
    srcdir, warnings, html, _ = _build(
        make_app, tmp_path, f"vita_profile = {{'name': {NAME!r}, 'nmae': 'x', 1: 'y'}}\n"
    )
    where = _line(srcdir, "vita_profile")
    assert where + "vita_profile: unknown key 'nmae'" in warnings
    assert where + "vita_profile: unknown key 1" in warnings
    assert NAME in _card(html).get_text()


@pytest.mark.parametrize("value", ['"False"', '"no"', '"false"', "1", '"True"'])
def test_only_the_boolean_true_publishes_the_phone(make_app, tmp_path, value) -> None:
    settings = f"vita_profile = {{'name': {NAME!r}, 'phone': '+44 20 7946 0018',\n"
    settings += f"    'show_phone': {value}}}\n"
    srcdir, warnings, html, _ = _build(make_app, tmp_path, settings)
    assert _line(srcdir, "vita_profile") + "vita_profile['show_phone']" in warnings
    assert "7946" not in html


def test_show_phone_true_publishes_it(make_app, tmp_path) -> None:
    settings = f"vita_profile = {{'name': {NAME!r}, 'phone': '+44 20 7946 0018', "
    settings += "'show_phone': True}\n"
    _, warnings, html, _ = _build(make_app, tmp_path, settings)
    assert "vita_profile['show_phone']" not in warnings
    assert "tel:+442079460018" in html


@pytest.mark.parametrize(
    ("profile", "key", "shown"),
    [
        ("{'name': ['Ada', 'Lovelace'], 'role': 'Engineer'}", "name", "['Ada', 'Lovelace']"),
        (f"{{'name': {NAME!r}, 'role': 42}}", "role", "42"),
        (f"{{'name': {NAME!r}, 'phone': 442079460018, 'show_phone': True}}", "phone", "4420"),
        (f"{{'name': {NAME!r}, 'links': {{'x': ['https://a.example']}}}}", "x", "https://a"),
        (f"{{'name': {NAME!r}, 'links': [{{'label': 3, 'url': 'https://a'}}]}}", "3", "https"),
        (f"{{'name': {NAME!r}, 'alumni_of': 'MIT'}}", "alumni_of", "MIT"),
        (f"{{'name': {NAME!r}, 'alumni_of': [None]}}", "alumni_of", "None"),
    ],
)
def test_a_value_of_the_wrong_type_is_a_warning_and_left_out(
    make_app, tmp_path, profile, key, shown
) -> None:
    srcdir, warnings, html, _ = _build(make_app, tmp_path, f"vita_profile = {profile}\n")
    assert _line(srcdir, "vita_profile") in warnings
    assert repr(key) in warnings or key in warnings
    assert shown not in BeautifulSoup(html, "html.parser").get_text()
    assert "['" not in html.replace("['\\''", "")  # no Python list text anywhere
    assert "href=\"['" not in html


def test_an_impossible_date_is_refused_and_shown_as_written(make_app, tmp_path) -> None:
    srcdir, warnings, html, _ = _build(make_app, tmp_path, f"vita_profile = {{'name': {NAME!r}}}\n")
    assert f"{srcdir / 'index.rst'}:8: WARNING: " in warnings
    assert "February 2020 has 29 days, not 31" in warnings
    assert "2020-02-31" not in html
    assert "Feb 31 2020" in BeautifulSoup(html, "html.parser").get_text()
    assert 'datetime="2021-03"' in html  # the other entry is built


def test_unknown_strftime_codes_warn(make_app, tmp_path) -> None:
    srcdir, warnings, _, _ = _build(
        make_app, tmp_path, f"vita_profile = {{'name': {NAME!r}}}\nvita_date_format = '%Y %Q'\n"
    )
    assert _line(srcdir, "vita_date_format") + "vita_date_format '%Y %Q': %Q" in warnings


def test_a_filter_nested_500_deep_is_a_warning_at_the_directive(make_app, tmp_path) -> None:
    index = "Papers\n======\n\n.. publications::\n   :filter: " + "not " * 500 + "True\n"
    settings = "bibtex_bibfiles = ['refs.bib']\n"
    bib = b"@article{a2020, author = {A, B}, title = {T}, journal = {J}, year = {2020}}\n"
    srcdir, warnings, html, _ = _build(
        make_app, tmp_path, settings, index=index, files=[("refs.bib", bib)]
    )
    assert f"{srcdir / 'index.rst'}:4: WARNING: :filter: nests deeper than" in warnings
    assert 'id="a2020"' in html  # every entry listed


def test_the_404_page_prefix_comes_from_read_the_docs(make_app, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://ada.readthedocs.io/en/latest/")
    _, warnings, _, outdir = _build(make_app, tmp_path, f"vita_profile = {{'name': {NAME!r}}}\n")
    assert "conf.py" not in warnings and "notfound" not in warnings
    page = BeautifulSoup((outdir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("a", string="Go to the home page")["href"] == "/en/latest/"
    for link in page.find_all("link", rel="stylesheet"):
        assert link["href"].startswith("/en/latest/_static/")


def test_the_404_page_without_a_url_links_from_the_root(make_app, tmp_path, monkeypatch) -> None:
    """Served locally (python -m http.server, sphinx-autobuild) the links resolve to files."""
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    _, _, _, outdir = _build(make_app, tmp_path, f"vita_profile = {{'name': {NAME!r}}}\n")
    page = BeautifulSoup((outdir / "404.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [str(link["href"]) for link in page.find_all("link", rel="stylesheet")]
    hrefs += [str(a["href"]) for a in page.select(".sidebar-tree a")]
    assert hrefs
    for href in hrefs:
        assert href.startswith("/"), href
        assert (outdir / href.lstrip("/").split("?")[0].split("#")[0]).is_file(), href


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("vita_seo = 'yes'", "vita_seo must be bool or None, not 'yes'; using None"),
        ("vita_page_assets = 'off'", "vita_page_assets must be bool, not 'off'; using True"),
        ("vita_profile = ['Ada']", "vita_profile must be a dict"),
        ("vita_profile = []", "vita_profile must be dict, not []"),
    ],
)
def test_any_vita_value_of_the_wrong_type_warns_at_its_line(
    make_app, tmp_path, setting, said
) -> None:
    srcdir, warnings, _, _ = _build(make_app, tmp_path, setting + "\n")
    assert _line(srcdir, setting.split()[0]) + said in warnings
    # Sphinx's own type warning, which names no file, has nothing left to say.
    assert "The config value" not in warnings
    others = warnings.count("Feb 31") + warnings.count("profile-card: ")
    assert warnings.count("WARNING") == 1 + others
