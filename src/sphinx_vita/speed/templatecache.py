"""The theme's Jinja templates compiled once, not on every build.

Sphinx compiles every template a build renders (furo's page, its components, Sphinx's basic
layout: about 20) from source in each new process, and even a build with nothing to do writes
the search, index and 404 pages. Jinja can keep the compiled code between runs (its public
``bytecode_cache``); Vita gives Sphinx's template environment one in the doctrees folder.

Jinja checks each template's source against the stored code's checksum, so an edited template
is compiled again. What the cache key does not see (the Jinja version, the template
environment's extensions, such as i18n when the site has a language) names the folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FOLDER = "vita-templates"


def use_bytecode_cache(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return  # not a Jinja-rendering builder, or someone already chose a cache
    import jinja2
    from jinja2 import FileSystemBytecodeCache

    settings = repr(
        (jinja2.__version__, type(environment).__qualname__, sorted(environment.extensions))
    )
    key = hashlib.sha1(settings.encode("utf-8")).hexdigest()[:16]
    directory = Path(app.doctreedir) / FOLDER / key
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only doctrees folder: compile as usual
    environment.bytecode_cache = FileSystemBytecodeCache(str(directory))
