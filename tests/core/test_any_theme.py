"""``pip install sphinx-vita`` alone: the extension needs no furo, on any theme.

furo is an extra (``sphinx-vita[furo]``), so a site on alabaster or the Read the Docs theme must
build with furo not installed at all. The build runs in a child process where importing furo
fails, as it would on such a machine.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOTS = Path(__file__).resolve().parents[1] / "roots"

_WITHOUT_FURO = textwrap.dedent(
    """
    import sys
    sys.modules["furo"] = None  # "import furo" now raises ImportError, as when not installed
    from sphinx.cmd.build import main
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize("theme", ["alabaster", "basic"])
def test_a_site_builds_without_furo(tmp_path: Path, theme: str) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        textwrap.dedent(
            f"""
            project = "Ada Example"
            extensions = ["myst_parser", "sphinx_vita"]
            html_theme = {theme!r}
            bibtex_bibfiles = ["refs.bib"]
            vita_profile = {{"name": "Ada Example", "role": "Researcher"}}
            """
        ),
        encoding="utf-8",
    )
    (srcdir / "refs.bib").write_text(
        "@article{example2020,\n  title = {An Example},\n  author = {Example, Ada},\n"
        "  journal = {Journal of Examples},\n  year = {2020}\n}\n",
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(
        textwrap.dedent(
            """
            # Ada Example

            ```{profile-card}
            ```

            ```{timeline}
            - **Jan 2020 - present** Researcher at the Example Lab.
            ```

            ```{publications}
            ```
            """
        ),
        encoding="utf-8",
    )
    out = tmp_path / "html"
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_FURO, "-W", "-q", "-b", "html", str(srcdir), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="vita-profile' in page
    assert '<time datetime="2020-01"' in page
    assert "An Example" in page
    assert "furo" not in page.lower()
