"""``vita import``: four Jekyll themes' sites (fixtures written for these tests, in
``fixtures/``), each imported, built with -W, and its timelines read back from the HTML's
``<time datetime>`` values; traps that only look dated stay prose; no Liquid or kramdown
syntax reaches a page; the report names the source line of what it says."""

# The dashes and emoji are the data under test.
# ruff: noqa: RUF001

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_vita.cli.main import main

pytestmark = pytest.mark.site

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
THEMES = ["academicpages", "al-folio", "minimal-mistakes", "hydeout"]

# (page, start, end, a word of the entry): end is None for a single date, "present" when open.
EXPECTED = {
    "academicpages": [
        ("index.html", "2020-01", "2022-12", "Wrote examples of examples"),
        ("index.html", "2016-06", "2019-12", "Built the sample pipeline"),
    ],
    "al-folio": [
        ("index.html", "2016-01-15", None, "inline announcement in a table"),
        ("index.html", "2015-11-07", None, "Another announcement"),
        # The home page's latest news (:from: news) and the news page itself.
        ("index.html", "2015-11-07", None, "A long announcement with details"),
        ("index.html", "2015-10-22", None, "inline announcement with Markdown emoji"),
        ("news.html", "2015-11-07", None, "much longer than just quick inline posts"),
        ("news.html", "2015-10-22", None, "inline announcement with Markdown emoji"),
    ],
    "minimal-mistakes": [
        ("index.html", "2022-09", "present", "Lecturer at the Example University"),
        ("index.html", "2017-03", "2017-08", "Intern at Example Labs"),
        ("index.html", "2021", "present", "Maintainer of the example toolkit"),
        ("index.html", "2018", "2020", "Contributor to the sample project"),
    ],
    "hydeout": [
        ("index.html", "2018", None, "Joined the example observatory"),
        ("index.html", "2016", None, "Graduated from Example College"),
        ("index.html", "2019-09", None, "Started the example podcast"),
    ],
}
# Text that looks dated but is no entry: it must be on the page, outside every timeline card
# (None: the text must be nowhere, as it was in a comment).
TRAPS = {
    "academicpages": [
        ("index.html", "Keynote at the example workshop"),
        ("index.html", None, "a commented-out entry"),
        ("index.html", None, "an HTML comment that looks dated"),
        ("publications/2020-01-01-paper-one.html", "about the number 1"),
    ],
    "al-folio": [("index.html", "The lab in Summer 2019")],
    "minimal-mistakes": [
        ("index.html", "this looks like an entry, but it is a notice"),
        ("index.html", "Results from 2019: a chart."),
    ],
    "hydeout": [
        ("index.html", "coffee with the night shift"),
        ("index.html", "Summer 2017"),
        ("index.html", "Spring 2016"),
        ("index.html", None, "a commented-out line"),
        ("index.html", None, "an HTML comment"),
        ("index.html", None, "a kramdown comment"),
    ],
}
# The bio, word for word (whitespace aside) in the built home page.
BIOS = {
    "academicpages": "I am Ada Example, and I study how examples are made. This sentence is the "
    "bio: it must survive the import word for word, with its emphasis and its link.",
    "al-folio": "I am Alf Folio. I write about folios and about examples; this paragraph is the "
    "bio and must come through word for word.",
    "minimal-mistakes": "Hello, I am Mina Mistakes. This paragraph is my bio, and it must "
    "survive word for word.",
    "hydeout": "I am Hyde. I keep a notebook of examples; this bio survives word for word.",
}


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "READTHEDOCS_CANONICAL_URL"}


def build(site: Path, out: Path, builder: str = "html") -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", builder]
    command += ["-d", str(out.with_name(out.name + "-doctrees")), str(site), str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=_env(), check=False)


@dataclass
class Imported:
    site: Path
    html: Path
    stdout: str
    result: subprocess.CompletedProcess

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.html / page).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[str]:
        return sorted(
            p.relative_to(self.html).as_posix()
            for p in self.html.rglob("*.html")
            if not p.relative_to(self.html).as_posix().startswith(("_", "genindex", "search"))
        )


@pytest.fixture(scope="module", params=THEMES)
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Imported:
    theme = request.param
    base = tmp_path_factory.mktemp(f"import-{theme}")
    site = base / "site"
    out = subprocess.run(
        [sys.executable, "-m", "sphinx_vita", "import", str(FIXTURES / theme), str(site)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    html = base / "html"
    return Imported(site, html, out.stdout, build(site, html))


def _theme(imported: Imported) -> str:
    return next(t for t in THEMES if f"import-{t}" in str(imported.site))


def entries(soup: BeautifulSoup) -> list[tuple[str, str | None, str]]:
    """Each timeline card of a page: (start, end or "present" or None, its text)."""
    found = []
    for entry in soup.select(".vita-timeline .vita-entry"):
        times = [t["datetime"] for t in entry.select(".vita-when time[datetime]")]
        end: str | None = times[-1] if len(times) > 1 else None
        if entry.select_one(".vita-when .vita-present") is not None:
            end = "present"
        found.append((times[0] if times else "", end, " ".join(entry.get_text().split())))
    return found


def test_builds_with_no_warning(imported: Imported) -> None:
    assert imported.result.returncode == 0, imported.result.stdout + imported.result.stderr
    assert "WARNING" not in imported.result.stderr, imported.result.stderr


def test_timelines_hold_exactly_the_expected_entries(imported: Imported) -> None:
    expected = EXPECTED[_theme(imported)]
    for page in sorted({page for page, *_ in expected}):
        want = [(s, e, word) for p, s, e, word in expected if p == page]
        got = entries(imported.soup(page))
        assert len(got) == len(want), (page, got)
        for start, end, word in want:
            matches = [g for g in got if g[0] == start and g[1] == end and word in g[2]]
            assert matches, (page, start, end, word, got)
    # No other page grew a timeline.
    for page in imported.pages():
        if page not in {p for p, *_ in expected}:
            assert entries(imported.soup(page)) == [], page


def test_traps_are_not_entries(imported: Imported) -> None:
    for trap in TRAPS[_theme(imported)]:
        page, *rest = trap
        soup = imported.soup(page)
        cards = " ".join(e[2] for e in entries(soup))
        text = " ".join(soup.get_text().split())
        if rest[0] is None:
            assert rest[1] not in text, trap
        else:
            assert rest[0] in text, trap
            assert rest[0] not in cards, trap


def test_no_liquid_or_kramdown_syntax_reaches_a_page(imported: Imported) -> None:
    for page in imported.pages():
        article = imported.soup(page).select_one("article") or imported.soup(page)
        for code in article.select("code, pre"):
            code.decompose()
        html = str(article)
        for syntax in ("{%", "%}", "{{", "}}", "{:", ":}"):
            assert syntax not in html, (page, syntax)
        for shortcode in re.findall(r":[a-z_]+:", article.get_text()):
            pytest.fail(f"{page}: emoji shortcode {shortcode} left")


def test_the_bio_survives_word_for_word(imported: Imported) -> None:
    text = " ".join(imported.soup("index.html").get_text().split())
    assert BIOS[_theme(imported)] in text


def test_the_report_names_the_source_line_of_each_entry(imported: Imported) -> None:
    theme = _theme(imported)
    report = (imported.site / "IMPORT.md").read_text(encoding="utf-8")
    assert imported.stdout.startswith("Imported ")
    for match in re.finditer(r"^  (?P<file>[^:\n]+):(?P<line>\d+): timeline entry (?P<date>'.*?')",
                             imported.stdout, flags=re.M):  # fmt: skip
        source = (FIXTURES / theme / match.group("file")).read_text(encoding="utf-8")
        line = source.split("\n")[int(match.group("line")) - 1]
        date = match.group("date").strip("'")
        # The line the report names holds that date (as written, &nbsp; apart).
        assert date.split()[0].split("–")[0] in line.replace("&nbsp;", " "), (match.group(0), line)
        assert f"`{match.group('file')}:{match.group('line')}`" in report
    assert "## Dropped" in report and "## Converted" in report and "## Kept" in report


def test_no_file_mentions_the_flagship_person(imported: Imported) -> None:
    for path in imported.site.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".py", ".txt", ".yaml", ".bib"):
            text = path.read_text(encoding="utf-8").lower()
            assert "palrecha" not in text and "akash" not in text, path


# --- one feature at a time ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for theme in THEMES:
        site = tmp_path_factory.mktemp("one") / theme
        assert main(["import", str(FIXTURES / theme), str(site)]) == 0
        out[theme] = site
    return out


def test_the_profile_comes_from_config(sites: dict[str, Path]) -> None:
    ada = runpy.run_path(str(sites["academicpages"] / "conf.py"))["vita_profile"]
    assert ada["name"] == "Ada Example"
    assert ada["email"] == "ada@example.org"
    assert ada["links"]["GitHub"] == "https://github.com/ada-example"
    assert ada["links"]["Twitter"] == "https://twitter.com/ada_example"
    assert ada["avatar"] == "images/profile.png"
    assert (sites["academicpages"] / "images" / "profile.png").is_file()
    alf = runpy.run_path(str(sites["al-folio"] / "conf.py"))["vita_profile"]
    assert alf["name"] == "Alf Folio"
    assert alf["links"]["Google Scholar"].endswith("user=EXAMPLE123")
    assert alf["avatar"] == "assets/img/prof_pic.png"
    mina = runpy.run_path(str(sites["minimal-mistakes"] / "conf.py"))
    assert mina["vita_profile"]["email"] == "mina@example.org"
    assert mina["vita_profile"]["links"] == {"GitHub": "https://github.com/mina-example"}
    assert mina["latex_documents"][0][1] == "mina-mistakes.tex"
    assert mina["html_title"] == "Mina Mistakes"


def test_posts_become_notes(sites: dict[str, Path]) -> None:
    note = (sites["academicpages"] / "notes" / "first-post.md").read_text(encoding="utf-8")
    assert note.startswith("---\ndate: 2021-03-04\n")
    assert 'tags: ["examples", "machine learning", "blog"]' in note
    assert "🎉" in note and ":tada:" not in note
    welcome = (sites["minimal-mistakes"] / "notes" / "welcome-to-jekyll.md").read_text()
    assert "date: 2019-04-18" in welcome
    assert "```ruby" in welcome
    # {% post_url %} points at the note's new page.
    assert "[this post](../notes/welcome-to-jekyll.md)" in welcome
    hello = (sites["hydeout"] / "notes" / "hello.md").read_text(encoding="utf-8")
    assert 'tags: ["hello", "world", "notes"]' in hello


def test_a_page_front_matter_date_makes_no_note(sites: dict[str, Path]) -> None:
    for path in (
        sites["hydeout"] / "index.md",
        sites["academicpages"] / "publications" / "2020-01-01-paper-one.md",
    ):
        assert not path.read_text(encoding="utf-8").startswith("---"), path


def test_al_folio_bibliography_and_assets(sites: dict[str, Path], tmp_path: Path) -> None:
    site = sites["al-folio"]
    bib = (site / "papers.bib").read_text(encoding="utf-8")
    assert bib.lstrip().startswith("@article{folio2018example")
    assert runpy.run_path(str(site / "conf.py"))["bibtex_bibfiles"] == ["papers.bib"]
    assert (site / "files" / "example_pdf.pdf").read_bytes().startswith(b"%PDF")
    assert (site / "files" / "previews" / "example.png").is_file()
    result = build(site, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    html = BeautifulSoup((tmp_path / "html" / "publications.html").read_text(), "html.parser")
    assert len(html.select(".vita-publications .vita-pub")) == 1
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(), "html.parser")
    # selected_papers: true, and the figure whose image exists.
    assert len(home.select(".vita-pub")) == 1
    assert home.select_one("figure img") is not None
    assert "The lab in Summer 2019" in home.select_one("figure").get_text()


def test_kramdown_notices_toc_and_links(sites: dict[str, Path], tmp_path: Path) -> None:
    site = sites["minimal-mistakes"]
    assert build(site, tmp_path / "html").returncode == 0
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(), "html.parser")
    warning = home.select_one(".admonition.warning")
    assert warning is not None and "it is a notice" in warning.get_text()
    assert "Heads up" in home.select_one(".admonition.note").get_text()
    assert home.select_one(".contents, nav.contents") is not None
    assert "🚀" in home.get_text()
    link = home.find("a", string="my GitHub")
    assert link is not None and link["href"] == "https://github.com/mina-example"


def test_liquid_variables_from_config(sites: dict[str, Path]) -> None:
    home = (sites["academicpages"] / "index.md").read_text(encoding="utf-8")
    assert "Welcome to Ada Example's site, built from ada-example/ada-example.github.io." in home
    # The CV link went through an undefined variable and still finds the file.
    assert "[here](files/cv.pdf)" in home
    assert (sites["academicpages"] / "files" / "cv.pdf").is_file()
    alf = (sites["al-folio"] / "index.md").read_text(encoding="utf-8")
    assert "This site has a dark mode." in alf
    assert "[publications](publications.md)" in alf


def test_the_imported_site_own_test_passes(sites: dict[str, Path]) -> None:
    site = sites["hydeout"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(site / "tests")],
        capture_output=True, text=True, cwd=site, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# --- inputs that are not a site -------------------------------------------------------------


def test_a_single_markdown_page(tmp_path: Path) -> None:
    page = tmp_path / "about.md"
    page.write_text(
        "---\ntitle: About\nlayout: page\n---\n**Sep 2019 - Present**: Doing things.\n\n"
        "Some prose.\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    assert main(["import", str(page), str(site), "--name", "Single Page"]) == 0
    result = build(site, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "html" / "index.html").read_text(), "html.parser")
    assert entries(soup) == [("2019-09", "present", "Sep 2019 – Present Doing things.")]


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_each_seed_imports_and_builds(seed: str, tmp_path: Path) -> None:
    """The project's seeds are real Jekyll about pages nobody here wrote."""
    page = tmp_path / "src" / "about.md"
    page.parent.mkdir()
    page.write_bytes((SEEDS / seed).read_bytes())
    site = tmp_path / "site"
    assert main(["import", str(page), str(site), "--name", "Seed Person"]) == 0
    result = build(site, tmp_path / "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_bad_front_matter_is_reported_not_a_traceback(tmp_path: Path, capsys) -> None:
    page = tmp_path / "about.md"
    page.write_text("---\ntitle: [unclosed\n---\n2018: Something happened.\n", encoding="utf-8")
    assert main(["import", str(page), str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    assert "about.md:2: front matter that is not YAML" in out
    assert (tmp_path / "site" / "index.md").is_file()


def test_refusals(tmp_path: Path, capsys) -> None:
    assert main(["import", str(tmp_path / "nothing"), str(tmp_path / "site")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["import", str(tmp_path / "empty"), str(tmp_path / "site")]) == 1
    assert "not a Jekyll site" in capsys.readouterr().err
    text = tmp_path / "notes.txt"
    text.write_text("x")
    assert main(["import", str(text), str(tmp_path / "site")]) == 1
    assert "Markdown" in capsys.readouterr().err
    target = tmp_path / "taken"
    target.mkdir()
    (target / "index.md").write_text("# Mine\n")
    assert main(["import", str(FIXTURES / "hydeout"), str(target), "--force"]) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert (target / "index.md").read_text() == "# Mine\n"


def test_old_addresses_become_redirect_pages(imported: Imported) -> None:
    """``permalink`` and ``redirect_from``: the Jekyll site's addresses still lead somewhere."""
    expected = {
        "academicpages": {
            "about/index.html": "index.html",
            "about.html": "index.html",
            "posts/2021/03/first-post/index.html": "notes/first-post.html",
            "publication/2020-01-01-paper-one/index.html": "publications/2020-01-01-paper-one.html",
        },
        "al-folio": {"publications/index.html": "publications.html"},
        "minimal-mistakes": {"about/index.html": "index.html"},
        "hydeout": {},
    }[_theme(imported)]
    found = {}
    for path in imported.html.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
        if match:
            target = (path.parent / match.group(1)).resolve()
            assert target.is_file(), (path, match.group(1))
            found[path.relative_to(imported.html).as_posix()] = target.relative_to(
                imported.html.resolve()
            ).as_posix()
    assert found == expected


def test_a_post_without_a_readable_date_is_kept_as_a_page(tmp_path: Path, capsys) -> None:
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: T\nauthor: Some One\n", encoding="utf-8")
    (src / "index.md").write_text("---\ntitle: Home\n---\nHello.\n", encoding="utf-8")
    (src / "_posts" / "2020-13-45-bad.md").write_text(
        "---\ntitle: Bad day\ndate: notadate\n---\nStill here.\n", encoding="utf-8"
    )
    (src / "_posts" / "2021-02-03-good.md").write_text(
        "---\ntitle: Good day\n---\nA note.\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    assert main(["import", str(src), str(site)]) == 0
    out = capsys.readouterr().out
    assert "_posts/2020-13-45-bad.md:3: a post with no readable date" in out
    assert (site / "notes" / "bad.md").read_text(encoding="utf-8").startswith("# Bad day")
    assert (site / "notes" / "good.md").read_text().startswith("---\ndate: 2021-02-03\n")
    assert runpy.run_path(str(site / "conf.py"))["vita_profile"]["name"] == "Some One"
    result = build(site, tmp_path / "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Still here." in (tmp_path / "html" / "notes" / "bad.html").read_text()
