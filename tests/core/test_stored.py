"""Caches beside the doctrees (:mod:`sphinx_vita.stored`): what is written is read back; a
missing, truncated or unwritable file is no error, and no half-written file is ever left."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_vita import stored


def test_what_is_written_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "cache.pickle"
    assert stored.write(path, (3, {"key": ("html", "words")}))
    assert stored.read(path) == (3, {"key": ("html", "words")})
    assert [p.name for p in path.parent.iterdir()] == ["cache.pickle"]  # no temporary left


def test_nothing_readable_is_none(tmp_path: Path) -> None:
    assert stored.read(tmp_path / "absent.pickle") is None
    truncated = tmp_path / "truncated.pickle"
    assert stored.write(truncated, list(range(1000)))
    truncated.write_bytes(truncated.read_bytes()[:50])
    assert stored.read(truncated) is None


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.pickle"
    assert stored.write(path, "old")

    def refuse(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(stored.os, "replace", refuse)
    assert not stored.write(path, "new")
    monkeypatch.undo()
    assert stored.read(path) == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.pickle"]


def test_a_folder_that_cannot_be_made_is_false(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    assert not stored.write(blocker / "cache.pickle", "data")
