"""``dates.parse`` keeps an LRU cache; each test starts without it, so a test sees the code it
runs (mutation testing forks mutant runs from a warm process, where the cache would answer)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sphinx_vita.timeline import dates


@pytest.fixture(autouse=True)
def _fresh_parse_cache() -> Iterator[None]:
    dates.parse.cache_clear()
    yield
    dates.parse.cache_clear()
