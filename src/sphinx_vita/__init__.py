"""Vita: a personal knowledge site kit for Sphinx.

``extensions = ["sphinx_vita"]`` brings the ``timeline``, ``publications``, ``notes`` and
``profile-card`` directives, notes with tags, feeds and backlinks, the profile driven by the
``vita_profile`` config value, what every page of a site carries (metadata, security policy)
and the work that keeps large sites fast. Each feature is a
package with one ``setup_<feature>(app)``; the README's "How it is built" tells what each owns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Bump whenever what Vita stores in the environment changes shape, so old pickles are dropped.
ENV_VERSION = 3


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here: ``import sphinx_vita`` (for its version, say) does not load Sphinx.
    from .config import setup_config
    from .notes import setup_notes
    from .profile import setup_profile
    from .publications import setup_publications
    from .site import setup_site
    from .speed import setup_speed
    from .timeline import setup_timeline

    setup_config(app)
    setup_timeline(app)
    setup_publications(app)
    setup_notes(app)
    setup_profile(app)
    setup_site(app)
    setup_speed(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
