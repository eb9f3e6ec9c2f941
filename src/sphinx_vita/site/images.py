"""Images that keep the page still while they load, and say what they show.

A browser that knows an image's width and height reserves its box before the file arrives, so
the text below does not jump (layout shift); CSS (``max-width: 100%; height: auto``, furo's)
still scales it to the column. Sphinx writes ``width``/``height`` only when the author gives
them, so each local image without a size gets its file's own, read from the file's header
(``sphinx.util.images``, no image library).

A card's picture (sphinx-design's ``:img-top:``, ``:img-bottom:``, ``:img-background:``) is
the project's face: without ``:img-alt:`` a screen reader hears nothing about it, so that is a
warning at the card.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.images import get_image_size

from ..messages import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CARD_IMAGE_CLASSES = ("sd-card-img-top", "sd-card-img-bottom", "sd-card-img")


def _local_file(app: Sphinx, image: nodes.image) -> Path | None:
    uri = image.get("candidates", {}).get("*") or image["uri"]
    if not uri or "://" in uri or uri.startswith("data:"):
        return None
    # Sphinx's image collector leaves the URI relative to the source folder.
    path = Path(app.srcdir) / posixpath.normpath(uri.lstrip("/"))
    return path if path.is_file() else None


def _is_card_image(image: nodes.image) -> bool:
    return any(name in image["classes"] for name in _CARD_IMAGE_CLASSES)


def size_images(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, HTML only: the pixel size of every local image that has none."""
    if app.builder.format != "html":
        return
    for image in doctree.findall(nodes.image):
        if _is_card_image(image) and not image.get("alt", "").strip():
            warn(
                f"card image {image['uri']!r} has no alt text; say what it shows with :img-alt:",
                "image",
                image,
            )
        if "width" in image or "height" in image or "scale" in image:
            continue
        path = _local_file(app, image)
        size = get_image_size(str(path)) if path is not None else None
        if size is not None and size[0] > 0 and size[1] > 0:
            image["width"], image["height"] = str(int(size[0])), str(int(size[1]))
