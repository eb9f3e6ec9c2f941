"""Vita: a personal knowledge site kit for Sphinx.

``extensions = ["sphinx_vita"]`` brings the ``timeline`` and ``publications`` directives and the
profile driven by the ``vita_profile`` config value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Bump whenever what Vita stores in the environment changes shape, so old pickles are dropped.
ENV_VERSION = 2


def setup(app: Sphinx) -> dict[str, Any]:
    from .collector_pause import setup_collector_pause
    from .config import setup_config
    from .navigation import setup_navigation
    from .pageassets import setup_page_assets
    from .profile import setup_profile
    from .publications import setup_publications
    from .rtd_search import setup_rtd_search
    from .security import setup_security
    from .timeline import setup_timeline

    setup_config(app)
    setup_collector_pause(app)
    setup_timeline(app)
    setup_publications(app)
    setup_profile(app)
    setup_security(app)
    setup_navigation(app)
    setup_rtd_search(app)
    setup_page_assets(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
