"""``vita new``: a site of one's own that builds with -W at once, whose own test passes (and
keeps passing once the content is replaced), with nothing of the flagship's person in it."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_vita.cli.main import main
from sphinx_vita.cli.scaffold import SiteOptions, new_site, site_files, slug

pytestmark = pytest.mark.site


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "READTHEDOCS_CANONICAL_URL"}


def sphinx(srcdir: Path, outdir: Path, builder: str = "html") -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", builder]
    doctrees = outdir.with_name(outdir.name + "-doctrees")
    command += ["-d", str(doctrees), str(srcdir), str(outdir)]
    return subprocess.run(command, capture_output=True, text=True, env=_env(), check=False)


def own_test(site: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(site / "tests")]
    return subprocess.run(command, capture_output=True, text=True, cwd=site, check=False)


@pytest.fixture(scope="module")
def ada(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("new") / "ada"
    assert main(["new", str(site), "--name", "Ada Lovelace"]) == 0
    return site


@pytest.fixture(scope="module")
def ada_html(ada: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("new-html")
    result = sphinx(ada, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    return out


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_writes_every_file_the_issue_lists(ada: Path) -> None:
    names = {p.relative_to(ada).as_posix() for p in ada.rglob("*") if p.is_file()}
    assert names == {
        ".gitignore",
        ".readthedocs.yaml",
        "Makefile",
        "conf.py",
        "experience.md",
        "index.md",
        "notes/example-note.md",
        "notes/index.md",
        "publications.bib",
        "publications.md",
        "requirements.txt",
        "tests/test_site.py",
    }
    makefile = (ada / "Makefile").read_text(encoding="utf-8")
    for target in ("html", "test", "livehtml", "pdf"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    assert re.search(r"^sphinx-vita\b", (ada / "requirements.txt").read_text(), flags=re.M)


def test_conf_is_the_person_of_the_name(ada: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    conf = runpy.run_path(str(ada / "conf.py"))
    assert conf["vita_profile"]["name"] == "Ada Lovelace"
    assert conf["html_title"] == "Ada Lovelace"
    assert conf["latex_documents"] == [
        ("index", "ada-lovelace.tex", "Ada Lovelace", "Ada Lovelace", "howto")
    ]
    assert conf["bibtex_bibfiles"] == ["publications.bib"]
    assert conf["html_baseurl"] == ""
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://ada.example.org/")
    conf = runpy.run_path(str(ada / "conf.py"))
    assert conf["html_baseurl"] == "https://ada.example.org/"
    # With a public address the feed warning is not silenced.
    assert "vita.feed" not in conf.get("suppress_warnings", [])


def test_builds_with_w_at_once(ada_html: Path) -> None:
    experience = _soup(ada_html / "experience.html")
    times = [t["datetime"] for t in experience.select(".vita-timeline time[datetime]")]
    assert times == ["2021-09", "2019-01", "2021-08"]
    assert "Example" in experience.get_text()
    home = _soup(ada_html / "index.html")
    assert "Ada Lovelace" in home.select_one(".vita-profile").get_text()
    assert len(home.select(".vita-timeline .vita-entry")) == 2
    pubs = _soup(ada_html / "publications.html").select(".vita-publications .vita-pub")
    assert len(pubs) == 1
    assert "Example" in pubs[0].get_text()
    notes = _soup(ada_html / "notes" / "index.html").select(".vita-notes .vita-note")
    assert [n.a.get_text() for n in notes] == ["An example note"]


def test_with_a_public_address_the_feed_is_written(ada: Path, tmp_path: Path) -> None:
    env = {**_env(), "READTHEDOCS_CANONICAL_URL": "https://ada.example.org/"}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(ada), str(tmp_path)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "https://ada.example.org/notes/example-note.html" in (tmp_path / "feed.xml").read_text()


def test_latex_and_epub_build(ada: Path, tmp_path: Path) -> None:
    for builder in ("latex", "epub"):
        result = sphinx(ada, tmp_path / builder, builder)
        assert result.returncode == 0, result.stdout + result.stderr
    tex = (tmp_path / "latex" / "ada-lovelace.tex").read_text(encoding="utf-8")
    assert "Ada Lovelace" in tex


def test_no_file_mentions_the_flagship_person(ada: Path) -> None:
    for path in ada.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8").lower()
            for word in ("akash", "palrecha", "pixxel"):
                assert word not in text, (word, path)


def test_the_site_own_test_passes_and_can_fail(ada: Path, tmp_path: Path) -> None:
    result = own_test(ada)
    assert result.returncode == 0, result.stdout + result.stderr
    # A page no toctree reaches: the site's test says so.
    stray = ada / "stray.md"
    stray.write_text("# Stray\n", encoding="utf-8")
    try:
        assert own_test(ada).returncode != 0
    finally:
        stray.unlink()


def test_the_site_own_test_still_passes_once_the_content_is_replaced(tmp_path: Path) -> None:
    site = tmp_path / "bo"
    new_site(site, SiteOptions(name="Bo Young"))
    (site / "experience.md").write_text(
        "# Work\n\n```{timeline}\n- **2010 to 2012** Something else entirely.\n"
        "- **Summer 2015** And another.\n```\n",
        encoding="utf-8",
    )
    (site / "publications.bib").write_text(
        "@book{other1999,\n  title = {Another Book},\n  author = {Young, Bo},\n"
        "  publisher = {Some Press},\n  year = {1999}\n}\n",
        encoding="utf-8",
    )
    (site / "notes" / "example-note.md").unlink()
    (site / "notes" / "first.md").write_text(
        "---\ndate: 2020-02-02\ntags: [misc]\n---\n# First note\n\nHello.\n", encoding="utf-8"
    )
    (site / "talks.md").write_text("# Talks\n\nNone yet.\n", encoding="utf-8")
    index = (site / "index.md").read_text(encoding="utf-8")
    index = index.replace("A few sentences about yourself", "Bo writes here")
    (site / "index.md").write_text(index.replace("notes/index\n", "notes/index\ntalks\n"))
    result = own_test(site)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_publications(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site), "--name", "Bo Young", "--no-publications"]) == 0
    assert not (site / "publications.md").exists()
    assert not (site / "publications.bib").exists()
    assert "bibtex_bibfiles" not in runpy.run_path(str(site / "conf.py"))
    assert "publications" not in (site / "index.md").read_text(encoding="utf-8")
    result = sphinx(site, tmp_path / "html")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_name_with_quotes_and_accents(tmp_path: Path) -> None:
    name = 'Zoë "Zed" O\'Brien-Ñúñez'
    site = tmp_path / "site"
    new_site(site, SiteOptions(name=name))
    assert runpy.run_path(str(site / "conf.py"))["vita_profile"]["name"] == name
    result = sphinx(site, tmp_path / "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert slug(name) == "zoe-zed-o-brien-nunez"


def test_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "LICENSE").write_text("mine\n")
    assert main(["new", str(target)]) == 1
    err = capsys.readouterr().err
    assert "is not empty" in err and "LICENSE" in err and "Traceback" not in err
    assert sorted(p.name for p in target.iterdir()) == ["LICENSE"]
    # --force writes beside what is there, never over it.
    assert main(["new", str(target), "--force"]) == 0
    assert (target / "LICENSE").read_text() == "mine\n"
    assert (target / "conf.py").is_file()
    (target / "conf.py").write_text("# my own\n")
    assert main(["new", str(target), "--force"]) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert (target / "conf.py").read_text() == "# my own\n"


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path)]) == 0
    assert (tmp_path / "conf.py").is_file()


def test_a_file_as_target_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    assert main(["new", str(target)]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_python_m_sphinx_vita_and_the_vita_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_vita", "new", str(tmp_path / "a"), "--name", "A B"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a" / "conf.py").is_file()
    script = Path(sys.executable).parent / "vita"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "new" in result.stdout


def test_readthedocs_config_passes_the_vendor_schema(ada: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.readthedocs",
         str(ada / ".readthedocs.yaml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_templates_are_package_data() -> None:
    """Every template reaches the wheel: pyproject's package-data glob matches each one."""
    import tomllib

    root = Path(__file__).resolve().parents[2]
    globs = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["sphinx_vita"]
    package = root / "src" / "sphinx_vita"
    matched = {p for pattern in globs for p in package.glob(pattern)}
    templates = set((package / "cli" / "templates").rglob("*.tmpl"))
    assert templates and templates <= matched
    assert len(site_files(SiteOptions())) == len(templates)


def test_the_makefile_builds_and_tests_with_a_given_python(tmp_path: Path) -> None:
    site = tmp_path / "site"
    new_site(site, SiteOptions(name="Bo Young"))
    for target in ("html", "test"):
        result = subprocess.run(
            ["make", target, f"PYTHON={sys.executable}"],
            cwd=site, capture_output=True, text=True, env=_env(), check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "_build" / "html" / "index.html").is_file()
    assert not (site / ".venv").exists()
    # Without PYTHON, the first build sets up .venv from requirements.txt.
    dry = subprocess.run(["make", "-n", "html"], cwd=site, capture_output=True, text=True)
    assert "python3 -m venv .venv" in dry.stdout
    assert "-r requirements.txt" in dry.stdout
