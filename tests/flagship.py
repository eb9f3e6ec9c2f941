"""Which tests check the *content* of this repository's sites, and when they are skipped.

The kit's tests (everything under ``tests/`` that builds its own roots) hold on any fork. The
tests of the flagship's content (Akash Palrecha's seed facts in ``docs/``, searches for words of
his pages) and of the second site's content (``examples/vinay-sisodia/``) are marked
``flagship_content`` / ``example_content``: on a fork whose ``docs/conf.py`` is someone else's
(its ``vita_profile`` names another person) they are skipped, saying why, so the forker's
``make test`` stays green while every kit test still runs.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP_CONF = ROOT / "docs" / "conf.py"
EXAMPLE_CONF = ROOT / "examples" / "vinay-sisodia" / "conf.py"
FLAGSHIP_PERSON = "Akash Palrecha"
EXAMPLE_PERSON = "Vinay Sisodia"


def profile_name(conf: Path) -> str | None:
    """The ``vita_profile`` name a site's ``conf.py`` sets (None when there is no such file)."""
    if not conf.is_file():
        return None
    try:
        profile = runpy.run_path(str(conf)).get("vita_profile") or {}
    except Exception:  # a fork's conf.py may need what this test run lacks
        return None
    name = profile.get("name") if isinstance(profile, dict) else None
    return name if isinstance(name, str) else None


def is_flagship() -> bool:
    return profile_name(FLAGSHIP_CONF) == FLAGSHIP_PERSON


def has_example() -> bool:
    return profile_name(EXAMPLE_CONF) == EXAMPLE_PERSON


def _marks(flag: bool, conf: Path, person: str, mark: pytest.MarkDecorator) -> list:
    reason = (
        f"checks {person}'s content, and {conf.relative_to(ROOT)} is no longer {person}'s "
        "site (its vita_profile names someone else): the kit's own tests still run"
    )
    return [mark, pytest.mark.skipif(not flag, reason=reason)]


#: Marks of a test of the flagship's content (``docs/``, Akash Palrecha's site).
FLAGSHIP_CONTENT = _marks(is_flagship(), FLAGSHIP_CONF, FLAGSHIP_PERSON, pytest.mark.flagship)
#: Marks of a test of the second site's content (``examples/vinay-sisodia/``).
EXAMPLE_CONTENT = _marks(has_example(), EXAMPLE_CONF, EXAMPLE_PERSON, pytest.mark.flagship)


def flagship_content(test):  # type: ignore[no-untyped-def]
    """Decorator: ``@flagship_content`` on a test of the flagship's content."""
    for mark in FLAGSHIP_CONTENT:
        test = mark(test)
    return test


def example_content(test):  # type: ignore[no-untyped-def]
    for mark in EXAMPLE_CONTENT:
        test = mark(test)
    return test


def content_marks(site: str) -> list:
    """The marks for a test parametrized by site name (``docs``, ``vinay-sisodia``, others)."""
    return {"docs": FLAGSHIP_CONTENT, "vinay-sisodia": EXAMPLE_CONTENT}.get(site, [])


def site_params(names: list[str] | tuple[str, ...]) -> list:
    """``pytest.param`` per site name, each with its content marks."""
    return [pytest.param(name, marks=content_marks(name), id=name) for name in names]


def content_skip_reason(site: str) -> str | None:
    """Why a test of ``site``'s content is skipped on this checkout, or None when it runs."""
    for mark in content_marks(site):
        if mark.name == "skipif" and mark.args[0]:
            return str(mark.kwargs["reason"])
    return None
