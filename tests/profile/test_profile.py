"""The ``{profile-card}`` directive on real Sphinx builds: HTML card, LaTeX and text blocks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).parents[1] / "roots"

PROFILE = {
    "name": "Ada María O'Example",
    "role": "Research <Engineer>",
    "affiliation": "Example & Sons Lab",
    "affiliation_url": "https://lab.example.org/",
    "email": "ada@example.org",
    "phone": "+91 98765 43210",
    "links": {"GitHub": "https://github.com/ada-example"},
}


def _soup(app, page: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def _card(app):
    cards = _soup(app).select("div.vita-profile")
    assert len(cards) == 1
    return cards[0]


@pytest.mark.sphinx("html", testroot="profile", freshenv=True)
def test_html_card_shows_the_profile(app):
    app.build()
    card = _card(app)

    avatar = card.select_one(".vita-profile-avatar")
    assert avatar.get_text() == "AO"
    assert avatar["aria-hidden"] == "true"
    assert card.select("img") == []  # no avatar configured: no photo is invented

    assert card.select_one(".vita-profile-name").get_text() == "Ada María O\u2019Example"
    role = card.select_one(".vita-profile-role")
    assert role.get_text() == "Research <Engineer> at Example & Sons Lab"
    assert role.a["href"] == "https://lab.example.org/"
    assert card.select_one(".vita-profile-location").get_text() == "Pune, India"
    # The tagline's markup stays text: nothing from conf.py becomes an element.
    tagline = card.select_one(".vita-profile-tagline")
    assert "</script><script>alert(1)</script>" in tagline.get_text()
    assert card.select("script") == []

    links = card.select("ul.vita-profile-links > li a.vita-profile-link")
    assert [unquote(a["href"]) for a in links] == [
        "mailto:ada@example.org",
        "https://github.com/ada-example",
        "https://scholar.example.org/ada",
    ]
    assert links[0].get_text() == "ada@example.org"
    # The separators of the text and PDF forms are not in the HTML list.
    assert card.select(".vita-profile-sep") == []


@pytest.mark.sphinx("html", testroot="profile")
def test_phone_and_unsafe_links_stay_out(app):
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "98765" not in html  # show_phone is not set
    assert "tel:" not in html
    assert "javascript:" not in html
    assert "Evil" not in _card(app).get_text()
    warnings = app.warning.getvalue()
    assert "vita_profile link 'Evil': refused a javascript: URL" in warnings
    # The warning names conf.py and the line of vita_profile.
    assert "conf.py:7: WARNING" in warnings


@pytest.mark.sphinx(
    "html", testroot="profile", confoverrides={"vita_profile": {**PROFILE, "show_phone": True}}
)
def test_show_phone_publishes_the_phone(app):
    app.build()
    links = _card(app).select("a.vita-profile-link")
    phone = [a for a in links if a["href"].startswith("tel:")]
    assert [(a["href"], a.get_text()) for a in phone] == [("tel:+919876543210", "+91 98765 43210")]
    assert app.warning.getvalue() == ""


def test_avatar_image_replaces_initials(make_app, tmp_path):
    srcdir = tmp_path / "profile"
    shutil.copytree(ROOTS / "test-profile", srcdir)
    (srcdir / "_static").mkdir()
    # A 1x1 PNG: the test needs a real file, the site a real photo.
    (srcdir / "_static" / "me.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
        )
    )
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={"vita_profile": {**PROFILE, "avatar": "_static/me.png"}},
    )
    app.build()
    avatar = _card(app).select_one(".vita-profile-avatar")
    image = avatar.select_one("img")
    assert image["alt"] == "Ada María O'Example"
    assert (Path(app.outdir) / image["src"]).is_file()
    assert "vita-profile-initials" not in avatar["class"]
    assert not avatar.has_attr("aria-hidden")


@pytest.mark.sphinx("text", testroot="profile", freshenv=True)
def test_text_build_contains_the_profile(app):
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Ada María O'Example" in text
    assert "Research <Engineer> at Example & Sons Lab" in text
    assert "Pune, India" in text
    # Labels alone would hide where links go on paper: the address follows the label.
    assert "GitHub <https://github.com/ada-example>" in text
    assert "ada@example.org · GitHub" in text
    assert "98765" not in text
    assert "AO" not in text.split()  # the initials badge is an HTML picture only


@pytest.mark.sphinx("latex", testroot="profile", freshenv=True)
def test_latex_build_contains_the_profile(app):
    app.build()
    (tex,) = Path(app.outdir).glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    assert "\\sphinxstylestrong{Ada María O\u2019Example}" in latex
    assert r"Research \textless{}Engineer\textgreater{} at" in latex
    assert r"\sphinxhref{https://lab.example.org/}{Example \& Sons Lab}" in latex
    assert r"\sphinxhref{mailto:ada@example.org}{ada@example.org}" in latex
    assert r"\sphinxhref{https://github.com/ada-example}{GitHub}" in latex
    # The links line is ragged right (unbreakable addresses), and only that paragraph is.
    links = re.search(r"\{\\raggedright (.*?)\\par\}", latex, flags=re.S)
    assert links and r"\sphinxhref{mailto:ada@example.org}" in links.group(1)
    assert latex.count(r"\raggedright") == 1
    assert "98765" not in latex
    assert "vita-profile.css" not in latex
    assert not list(Path(app.outdir).rglob("vita-profile.css"))


@pytest.mark.sphinx("html", testroot="profile", confoverrides={"vita_profile": {}})
def test_card_without_a_name_warns_at_the_directive(app):
    app.build()
    assert _soup(app).select(".vita-profile") == []
    warnings = app.warning.getvalue()
    assert "index.rst:4: WARNING: profile-card: vita_profile in conf.py has no 'name'" in warnings


def test_missing_avatar_is_a_located_warning_and_initials(make_app, tmp_path):
    srcdir = tmp_path / "profile"
    shutil.copytree(ROOTS / "test-profile", srcdir)
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={"vita_profile": {**PROFILE, "avatar": "_static/gone.png"}},
    )
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    line = next(
        n
        for n, text in enumerate((srcdir / "conf.py").read_text("utf-8").splitlines(), 1)
        if text.startswith("vita_profile")
    )
    assert f"conf.py:{line}: WARNING: vita_profile['avatar']: no file '_static/gone.png'" in (
        warnings
    )
    # Not Sphinx's own "image file not readable", which names no line.
    assert "not readable" not in warnings
    avatar = _card(app).select_one(".vita-profile-avatar")
    assert avatar.get_text() == "AO"
    assert avatar.select("img") == []
