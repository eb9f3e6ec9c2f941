"""Whole-site tests: both sites build with -W, say everything their seeds say, and deploy.

Each site is built once per session (real ``python -m sphinx`` runs, from the checkout into a
temporary directory) and every test reads that build.

Tests of the sites' *content* (the seed facts, what each page shows) are named ``flagship`` or
``example`` and marked (``tests/flagship.py``): on a fork whose ``docs/`` is someone else's they
are skipped with the reason, while the tests that hold for any site (builds with -W, every page
reachable, Read the Docs) still run on the fork's own ``docs/``.
"""

from __future__ import annotations

import os
import pickle
import re
import runpy
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import MagicMock
from urllib.parse import unquote

import pytest
import seed_facts as facts
from bs4 import BeautifulSoup
from flagship import EXAMPLE_CONTENT, example_content, flagship_content, site_params

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
SITES = {"docs": ROOT / "docs", "vinay-sisodia": ROOT / "examples" / "vinay-sisodia"}
# Pages Sphinx generates on its own; they carry no content of the person.
GENERATED_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
CANONICAL_URL_VAR = "READTHEDOCS_CANONICAL_URL"


def _env_without_canonical_url() -> dict[str, str]:
    env = dict(os.environ)
    env.pop(CANONICAL_URL_VAR, None)
    return env


@dataclass
class BuiltSite:
    srcdir: Path
    outdir: Path
    doctreedir: Path
    returncode: int
    output: str
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict, repr=False)

    def pages(self) -> dict[str, BeautifulSoup]:
        """Every content page of the built site, parsed, keyed by its path under ``outdir``."""
        if not self._soups:
            for path in sorted(self.outdir.rglob("*.html")):
                rel = path.relative_to(self.outdir).as_posix()
                if rel.startswith("_") or rel in GENERATED_PAGES:
                    continue
                soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
                for tag in soup(["script", "style"]):
                    tag.decompose()
                self._soups[rel] = soup
        return self._soups

    def page(self, name: str) -> BeautifulSoup:
        return self.pages()[name]

    def raw_text(self) -> str:
        """The visible text of all pages, as written (no-break spaces kept)."""
        return "\n".join(soup.get_text() for soup in self.pages().values())

    def text(self) -> str:
        return facts.normalise(self.raw_text())

    def hrefs(self) -> set[str]:
        """Link targets, with the %40 that Sphinx's e-mail cloaking puts in mailto: undone."""
        return {
            unquote(a["href"])
            for soup in self.pages().values()
            for a in soup.find_all("a", href=True)
        }


def _build(name: str, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    base = tmp_path_factory.mktemp(f"site-{name}")
    outdir, doctreedir = base / "html", base / "doctrees"
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html"]
    cmd += ["-d", str(doctreedir), str(SITES[name]), str(outdir)]
    result = subprocess.run(
        cmd, capture_output=True, text=True, env=_env_without_canonical_url(), check=False
    )
    return BuiltSite(
        SITES[name], outdir, doctreedir, result.returncode, result.stdout + result.stderr
    )


@pytest.fixture(scope="session")
def akash_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _build("docs", tmp_path_factory)


@pytest.fixture(scope="session")
def vinay_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _build("vinay-sisodia", tmp_path_factory)


# The fork's own docs/ must build too; the second site is this repository's content.
@pytest.fixture(params=["docs", pytest.param("vinay-sisodia", marks=EXAMPLE_CONTENT)])
def any_site(request: pytest.FixtureRequest) -> BuiltSite:
    fixture = "akash_site" if request.param == "docs" else "vinay_site"
    site: BuiltSite = request.getfixturevalue(fixture)
    return site


# --- building ---------------------------------------------------------------------------------


def test_site_builds_with_no_warning(any_site: BuiltSite) -> None:
    assert any_site.returncode == 0, any_site.output
    assert "WARNING" not in any_site.output, any_site.output
    assert (any_site.outdir / "index.html").is_file()


def test_every_page_is_reachable_from_the_toctree(any_site: BuiltSite) -> None:
    with (any_site.doctreedir / "environment.pickle").open("rb") as fh:
        env = pickle.load(fh)
    reachable, todo = set(), [env.config.root_doc]
    while todo:
        doc = todo.pop()
        if doc not in reachable:
            reachable.add(doc)
            todo.extend(env.toctree_includes.get(doc, ()))
    declared_orphans = {doc for doc, meta in env.metadata.items() if "orphan" in meta}
    assert set(env.found_docs) - reachable - declared_orphans == set()
    assert len(reachable) > 1


def test_html_baseurl_is_empty_unless_read_the_docs_sets_it(
    any_site: BuiltSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = any_site.srcdir / "conf.py"
    monkeypatch.delenv(CANONICAL_URL_VAR, raising=False)
    assert runpy.run_path(str(conf))["html_baseurl"] == ""
    assert any_site.page("index.html").find("link", rel="canonical") is None
    monkeypatch.setenv(CANONICAL_URL_VAR, "https://vita.example/en/latest/")
    assert runpy.run_path(str(conf))["html_baseurl"] == "https://vita.example/en/latest/"


def test_no_page_publishes_the_phone_number(any_site: BuiltSite) -> None:
    """Every output file, not only the HTML: search index and copied sources too."""
    spellings = (facts.PHONE_DIGITS, "98799 90466", "+91 98799")
    for path in any_site.outdir.rglob("*"):
        if path.is_file():
            content = path.read_bytes().decode("utf-8", errors="ignore")
            for spelling in spellings:
                assert spelling not in content, f"{spelling!r} in {path}"
    for name, soup in any_site.pages().items():
        digits = re.sub(r"\D", "", soup.get_text())
        assert facts.PHONE_DIGITS not in digits, name


# --- the seeds reach the sites ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "fact_list"),
    [
        (facts.AKASH_2022, facts.AKASH_2022_SEED_FACTS),
        (facts.AKASH_2020, facts.AKASH_2020_SEED_FACTS),
        (facts.VINAY, facts.VINAY_SEED_FACTS),
    ],
)
def test_seed_facts_are_quoted_from_their_seed(seed: str, fact_list: list[str]) -> None:
    """The fact lists are honest: each item is in the (repaired) seed, word for word."""
    seed_text = facts.seed_plain_text(seed)
    assert [f for f in fact_list if facts.normalise(f) not in seed_text] == []


def test_mojibake_repair_restores_the_intended_characters() -> None:
    repaired = facts.repair_mojibake(
        (facts.SEEDS_DIR / facts.AKASH_2020).read_text(encoding="utf-8")
    )
    assert not [m for m in facts.MOJIBAKE_MARKERS if m in repaired]
    for char in facts.AKASH_INTENDED_CHARACTERS:
        assert char in repaired, repr(char)


def _missing(fact_list: list[str], site_text: str) -> list[str]:
    return [f for f in fact_list if facts.normalise(f) not in site_text]


@flagship_content
def test_flagship_has_every_fact_of_akash_seeds(akash_site: BuiltSite) -> None:
    text = akash_site.text()
    assert _missing(facts.AKASH_2022_SEED_FACTS, text) == []
    assert _missing(facts.AKASH_2020_SEED_FACTS, text) == []
    assert _missing(facts.AKASH_RESTATED_FACTS, text) == []


@example_content
def test_example_has_every_fact_of_vinay_seed(vinay_site: BuiltSite) -> None:
    assert _missing(facts.VINAY_SEED_FACTS, vinay_site.text()) == []


@flagship_content
@example_content
def test_flagship_and_example_make_every_seed_link_a_link(
    akash_site: BuiltSite, vinay_site: BuiltSite
) -> None:
    assert sorted(set(facts.AKASH_LINKS) - akash_site.hrefs()) == []
    assert sorted(set(facts.VINAY_LINKS) - vinay_site.hrefs()) == []


@flagship_content
def test_flagship_shows_the_characters_the_mojibake_hid(akash_site: BuiltSite) -> None:
    raw = akash_site.raw_text()
    assert [c for c in facts.AKASH_INTENDED_CHARACTERS if c not in raw] == []
    assert [m for m in facts.MOJIBAKE_MARKERS if m in raw] == []


@flagship_content
def test_flagship_links_no_seed_file_that_does_not_exist(akash_site: BuiltSite) -> None:
    """The seeds link a photo, leaderboard.png and Resume.pdf that are not in the repository."""
    for href in akash_site.hrefs():
        assert not re.search(r"leaderboard\.png|Resume\.pdf|files/About", href), href
    for soup in akash_site.pages().values():
        for img in soup.find_all("img"):
            assert (akash_site.outdir / img["src"]).exists() or "://" in img["src"], img["src"]


# --- the Vita features the pages use ----------------------------------------------------------


def _datetimes(soup: BeautifulSoup) -> list[str]:
    return [t["datetime"] for t in soup.select(".vita-timeline time[datetime]")]


@flagship_content
def test_flagship_home_shows_profile_latest_entries_and_selected_papers(
    akash_site: BuiltSite,
) -> None:
    home = akash_site.page("index.html")
    card = home.select_one(".vita-profile")
    assert card is not None
    assert "Akash Palrecha" in card.get_text()
    assert "akashpalrecha@gmail.com" in card.get_text()
    entries = home.select(".vita-timeline .vita-entry")
    assert len(entries) == 3
    # Newest first: Pixxel since July 2021 leads.
    assert "geospatial" in entries[0].get_text()
    assert len(home.select(".vita-pub")) >= 1


@flagship_content
def test_flagship_experience_is_the_full_timeline(akash_site: BuiltSite) -> None:
    page = akash_site.page("experience.html")
    assert len(page.select(".vita-timeline .vita-entry")) == len(facts.AKASH_TIMELINE_MONTHS)
    months = _datetimes(page)
    assert [m for m in facts.AKASH_TIMELINE_MONTHS if m not in months] == []
    # The 2022 seed expected EMNLP 2022; the site says where the work really appeared.
    text = facts.normalise(page.get_text())
    assert "EMNLP" in text
    assert "SIGIR 2023" in text


@flagship_content
def test_flagship_publications_list_both_papers(akash_site: BuiltSite) -> None:
    page = akash_site.page("publications.html")
    pubs = page.select(".vita-publications .vita-pub")
    assert len(pubs) == 2
    text = facts.normalise(page.get_text())
    assert "YouMVOS" in text
    assert "InceptionXML" in text


@flagship_content
def test_flagship_projects_are_cards(akash_site: BuiltSite) -> None:
    cards = akash_site.page("projects.html").select(".sd-card")
    assert len(cards) == 10


@example_content
def test_example_projects_are_a_timeline_and_home_has_a_profile(vinay_site: BuiltSite) -> None:
    projects = vinay_site.page("projects.html")
    assert len(projects.select(".vita-timeline .vita-entry")) == 5
    years = {d[:4] for d in _datetimes(projects)}
    assert years >= set(facts.VINAY_TIMELINE_YEARS)
    home = vinay_site.page("index.html")
    card = home.select_one(".vita-profile")
    assert card is not None
    assert "Vinay Sisodia" in card.get_text()
    assert len(home.select(".vita-timeline .vita-entry")) == 3


# --- the repository around the sites ----------------------------------------------------------


def _makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, flags=re.MULTILINE))


def test_readme_commands_are_the_makefile_targets() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = _makefile_targets()
    used = set(re.findall(r"\bmake ([a-z][\w-]*)", readme))
    assert {"html", "test"} <= used
    assert sorted(used - targets) == []
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick_start, flags=re.DOTALL)
    assert block is not None
    assert block.group(1).split("\n")[:-1] == ["make html", "make test"]
    assert "docs/_build/html" in quick_start
    # The Makefile puts the site where the README says.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^SITE\s*\?=\s*docs$", makefile, flags=re.MULTILINE)
    assert re.search(r"^OUT\s*:=\s*\$\(SITE\)/_build$", makefile, flags=re.MULTILINE)
    assert "$(OUT)/html" in makefile


def test_readme_documents_every_directive_option_and_config_value() -> None:
    """The reference stays complete: what ``setup()`` registers, the README names."""
    import sphinx_vita
    from sphinx_vita import config
    from sphinx_vita.publications import directive as publications
    from sphinx_vita.timeline import directive as timeline

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    app = MagicMock()
    sphinx_vita.setup(app)
    undocumented = []
    for call in app.add_directive.call_args_list:
        name, directive = call.args[0], call.args[1]
        if f"{{{name}}}" not in readme:
            undocumented.append(name)
        undocumented += [
            f"{name} :{opt}:" for opt in directive.option_spec or {} if f"`:{opt}:`" not in readme
        ]
    undocumented += [
        call.args[0]
        for call in app.add_config_value.call_args_list
        if f"`{call.args[0]}`" not in readme
    ]
    undocumented += [
        f"vita_profile[{key!r}]" for key in sorted(config._PROFILE_KEYS) if f"`{key}`" not in readme
    ]
    choices = (*timeline.SORT_ORDERS, *publications.SORT_ORDERS, *publications.GROUP_BY)
    undocumented += [f"value {value}" for value in choices if f"`{value}`" not in readme]
    assert undocumented == []


@pytest.mark.parametrize(
    "config", [".readthedocs.yaml", "examples/vinay-sisodia/.readthedocs.yaml"]
)
def test_readthedocs_config_passes_the_vendor_schema(config: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.readthedocs",
            str(ROOT / config),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site_conf = ROOT / config
    text = site_conf.read_text(encoding="utf-8")
    assert "fail_on_warning: true" in text
    conf_path = re.search(r"configuration:\s*(\S+)", text)
    assert conf_path is not None
    assert (ROOT / conf_path.group(1)).is_file()


def _copy_checkout(dest: Path) -> Path:
    """The working tree without build output or virtualenvs: what a clean clone holds."""
    ignore = shutil.ignore_patterns(
        ".git",
        ".venv",
        "_build",
        "node_modules",
        "__pycache__",
        "*.egg-info",
        ".*_cache",
        "test-artifacts",
        "_sites",
    )
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


@pytest.fixture(scope="session")
def rtd_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield _copy_checkout(tmp_path_factory.mktemp("rtd") / "checkout")


def test_read_the_docs_command_sequence(rtd_checkout: Path, tmp_path: Path) -> None:
    """Replays Read the Docs: newest Sphinx first, then ``pip install .[docs]``, then its build.

    Slow (pip); pip's own cache makes the second run quicker.
    """
    env_dir = tmp_path / "rtd-venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    python = str(env_dir / "bin" / "python")
    env = _env_without_canonical_url()
    env.pop("PYTHONPATH", None)

    def run(*args: str, cwd: Path = rtd_checkout) -> None:
        result = subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=1800
        )
        assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"

    run(python, "-m", "pip", "install", "--upgrade", "pip", "setuptools")
    run(python, "-m", "pip", "install", "--upgrade", "sphinx")
    run(
        python,
        "-m",
        "pip",
        "install",
        "--upgrade",
        "--upgrade-strategy",
        "only-if-needed",
        f"{rtd_checkout}[docs]",
    )
    out = tmp_path / "rtd-html"
    run(
        python,
        "-m",
        "sphinx",
        "-T",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "-d",
        "_build/doctrees",
        "-D",
        "language=en",
        ".",
        str(out),
        cwd=rtd_checkout / "docs",
    )
    source = rtd_checkout / "docs"
    pages = sorted(p.relative_to(source) for p in source.glob("*.md"))
    assert pages
    assert [p for p in pages if not (out / p.with_suffix(".html")).is_file()] == []


@pytest.mark.parametrize("name", ["docs", pytest.param("vinay-sisodia", marks=EXAMPLE_CONTENT)])
def test_read_the_docs_downloads_build(name: str, tmp_path: Path) -> None:
    """``formats: [pdf, epub]``: both downloads build without a warning, and the PDF compiles.

    Read the Docs runs pdflatex through latexmk; emoji in a page would stop it.
    """
    for builder in ("epub", "latex"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-W",
                "--keep-going",
                "-b",
                builder,
                "-d",
                str(tmp_path / "doctrees"),
                str(SITES[name]),
                str(tmp_path / builder),
            ],
            capture_output=True,
            text=True,
            env=_env_without_canonical_url(),
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    epubs = list((tmp_path / "epub").glob("*.epub"))
    assert len(epubs) == 1
    result = subprocess.run(
        ["make", "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        cwd=tmp_path / "latex",
        capture_output=True,
        text=True,
        errors="replace",  # TeX logs are not always UTF-8
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert len(list((tmp_path / "latex").glob("*.pdf"))) == 1


_PDF_SECTIONS = {
    "docs": (
        "akash-palrecha.tex",
        [
            "About",
            "Experience",
            "Publications",
            "Projects / small code sprints",
            "Writing",
            "Research \\& learning",
            "Skills",
            "Contact",
        ],
        ["Lately", "Selected publications"],
    ),
    "vinay-sisodia": (
        "vinay-sisodia.tex",
        ["Things I have built", "Background \\& education", "Notable Projects"],
        ["Recent projects"],
    ),
}


@pytest.mark.parametrize("name", site_params(sorted(_PDF_SECTIONS)))
def test_flagship_pdf_is_the_profile_then_each_page_as_a_section(name: str, tmp_path: Path) -> None:
    """The PDF CV: the home page gives its profile card (and its own prose); every page of the
    toctree follows as a top-level section, in order (not nested under the home page's last
    heading), and the home page's web views of other pages are not repeated."""
    tex_name, titles, web_only = _PDF_SECTIONS[name]
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "latex", str(SITES[name]), str(tmp_path)],
        capture_output=True,
        text=True,
        env=_env_without_canonical_url(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    tex = (tmp_path / tex_name).read_text(encoding="utf-8")
    assert re.findall(r"^\\section\{(.*?)\}", tex, flags=re.M) == titles
    body = tex[tex.index(r"\begin{document}") :]
    before_pages = body[: body.index(r"\section{" + titles[0] + "}")]
    # The profile card: the person's role line, from vita_profile, comes before the pages.
    assert runpy.run_path(str(SITES[name] / "conf.py"))["vita_profile"]["role"] in before_pages
    for heading in web_only:
        assert heading not in body


@flagship_content
def test_flagship_writing_is_a_note_where_the_facts_date_it(akash_site: BuiltSite) -> None:
    """The Matplotlib post is dated (24 December 2019, publications-facts.md); the FastAI
    tutorial is not, so it stays a plain section of the writing page."""
    note = akash_site.page("notes/matplotlib-figures.html")
    assert note.select_one(".vita-note-meta time")["datetime"] == "2019-12-24"
    for page in ("writing.html", "index.html"):
        listed = akash_site.page(page).select("li.vita-note .vita-note-title a")
        assert [a.get_text() for a in listed] == ["An Inquiry Into Matplotlib's Figures"], page
    writing = akash_site.page("writing.html")
    assert "Using your own pre-trained models in FastAI" in writing.get_text()
    assert writing.select_one("h1 + p.vita-note-meta") is None  # the page itself is no note
    assert note.select_one("h1 + p.vita-note-meta") is not None
    assert (akash_site.outdir / "tags" / "matplotlib.html").is_file()
