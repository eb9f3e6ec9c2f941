"""Each test sees the converters without what earlier tests cached (so a test exercises the code
it names, also under mutation testing)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sphinx_vita.publications import badges, latex


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    for cached in (latex.convert, latex._symbol, latex._latexcodec_knows):
        cached.cache_clear()
    badges.KNOWN_ABBREVIATIONS.clear()
    yield
