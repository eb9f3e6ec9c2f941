"""The garbage collector is paused while the environment and the caches load, frozen after,
and handed back."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

CONF = """\
import gc

extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]


def _seen(app, config):
    # Runs after Vita's config-inited handler, just before Sphinx loads the environment.
    app.vita_test_seen = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}


def setup(app):
    app.connect("config-inited", _seen, priority=950)
"""


def _app(make_app: Any, srcdir: Path) -> Any:
    app = make_app("html", srcdir=srcdir, freshenv=False)
    app.build()
    assert app.statuscode == 0
    return app


def test_the_collector_is_paused_for_loading_and_runs_after(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.rst").write_text("Home\n====\n\nA page.\n", encoding="utf-8")
    assert gc.isenabled()

    first = _app(make_app, srcdir)
    # Off while the environment loads; on again for the rest of the build and after it.
    assert first.vita_test_seen["enabled"] is False
    assert gc.isenabled()
    # What was loaded is frozen, out of the collector's way.
    frozen = gc.get_freeze_count()
    assert frozen > 0

    # A rebuild in the same process (the environment from the pickle this time) first hands
    # the frozen objects back, so cyclic garbage among them can be collected.
    second = _app(make_app, srcdir)
    assert second.vita_test_seen == {"enabled": False, "frozen": 0}
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_a_collector_switched_off_by_the_process_stays_off(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    gc.disable()
    try:
        _app(make_app, srcdir)
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Cycle:
    """Garbage the cyclic collector alone can free."""

    def __init__(self) -> None:
        self.me = self


def test_a_cache_read_is_frozen_and_handed_back_at_the_next_start(tmp_path: Path) -> None:
    from sphinx_vita import stored
    from sphinx_vita.collector import PAUSE

    path = tmp_path / "cache.pickle"
    assert stored.write(path, [{"entry": i} for i in range(500)])
    PAUSE.hand_back()
    gc.collect()
    before = gc.get_freeze_count()
    loaded = stored.read(path)
    assert loaded == [{"entry": i} for i in range(500)]
    assert gc.isenabled()
    # The 500 dicts and their list are out of the collector's scans from now on.
    assert gc.get_freeze_count() >= before + 501
    assert not any(x is loaded for x in gc.get_objects())  # get_objects skips frozen ones

    PAUSE.hand_back()
    assert gc.get_freeze_count() == 0
    assert any(x is loaded for x in gc.get_objects())


def test_nothing_read_freezes_nothing(tmp_path: Path) -> None:
    from sphinx_vita import stored
    from sphinx_vita.collector import PAUSE

    PAUSE.hand_back()
    garbage = _Cycle()
    assert stored.read(tmp_path / "absent.pickle") is None
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    del garbage
    assert gc.collect() >= 1


def test_a_process_that_switched_the_collector_off_gets_no_freeze(tmp_path: Path) -> None:
    from sphinx_vita import stored
    from sphinx_vita.collector import PAUSE

    path = tmp_path / "cache.pickle"
    assert stored.write(path, {"kept": True})
    PAUSE.hand_back()
    gc.disable()
    try:
        assert stored.read(path) == {"kept": True}
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


SURVIVORS_CONF = """\
import gc

extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
seen = []


def _read(app, doctree):
    # A full collection while pages are read: what survives it is frozen at once.
    before = gc.get_freeze_count()
    gc.collect()
    seen.append((before, gc.get_freeze_count()))


def setup(app):
    app.connect("doctree-read", _read)
"""


def test_what_survives_a_full_collection_during_the_build_is_frozen(
    make_app: Any, tmp_path: Path
) -> None:
    import sys

    from sphinx_vita.collector import PAUSE

    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(SURVIVORS_CONF, encoding="utf-8")
    (srcdir / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   other\n", "utf-8")
    (srcdir / "other.rst").write_text("Other\n=====\n\nA page.\n", encoding="utf-8")
    app = _app(make_app, srcdir)
    seen = app.config._raw_config["seen"]
    assert len(seen) == 2
    if sys.version_info < (3, 14):
        assert all(after > before for before, after in seen)
    else:  # the incremental collector: full collections are left alone
        assert all(after == before for before, after in seen)
    # Only during the build: afterwards a full collection freezes nothing.
    assert PAUSE._after_collection not in gc.callbacks
    frozen = gc.get_freeze_count()
    gc.collect()
    assert gc.get_freeze_count() == frozen
