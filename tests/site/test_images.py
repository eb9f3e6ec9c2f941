"""Images get their pixel size (no layout shift); a card's picture without alt text warns."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from bs4 import BeautifulSoup


def _png(path: Path, width: int, height: int) -> None:
    """A real, tiny PNG of the given size (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PAGE = """\
# Projects

```{image} shots/plain.png
:alt: A plain picture
```

```{image} shots/sized.png
:alt: Sized by its author
:width: 40px
```

::::{grid} 1 1 2 2

:::{grid-item-card} With a picture
:img-top: shots/card.png
:img-alt: The project's dashboard

Text.
:::

:::{grid-item-card} Without alt text
:img-top: shots/card.png

Text.
:::
::::
"""


def _site(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    (srcdir / "shots").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "sphinx_vita"]\n'
        'html_theme = "furo"\nmyst_enable_extensions = ["colon_fence"]\n'
    )
    (srcdir / "index.md").write_text(PAGE)
    _png(srcdir / "shots" / "plain.png", 64, 24)
    _png(srcdir / "shots" / "sized.png", 80, 80)
    _png(srcdir / "shots" / "card.png", 120, 60)
    return srcdir


def test_images_carry_their_size_and_cards_their_alt(make_app, tmp_path):
    srcdir = _site(tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).strip().splitlines()
    assert len(warnings) == 1
    assert "index.md" in warnings[0]
    assert (
        "card image 'shots/card.png' has no alt text; say what it shows with :img-alt:"
        in (warnings[0])
    )
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    images = {img["alt"]: img for img in page.select("article img")}
    plain = images["A plain picture"]
    assert (plain["width"], plain["height"]) == ("64", "24")
    # The author's size stands.
    sized = images["Sized by its author"]
    assert sized["style"] == "width: 40px;"
    assert not sized.has_attr("width")
    assert not sized.has_attr("height")
    card = images["The project's dashboard"]
    assert "sd-card-img-top" in card["class"]
    assert (card["width"], card["height"]) == ("120", "60")


def test_text_output_is_untouched(make_app, tmp_path):
    app = make_app("text", srcdir=_site(tmp_path))
    app.build()
    # No alt-text warning outside HTML, where the picture is not shown.
    assert "alt text" not in app.warning.getvalue()
