"""Speed at scale, with incremental builds that equal clean builds.

- ``sidebar.py`` and ``navigation.py``: furo's sidebar built once per folder, not per page;
- ``incremental.py``: the pages that show other pages' titles or citations are written again;
- ``templatecache.py``: compiled Jinja templates kept between builds;
- ``pageassets.py``: each page links only the stylesheets and scripts its content uses;
- ``stemcache.py``: the search index's word stems kept between builds;
- ``searchindex.py``: no search index written again by a build that wrote no page.

The collector pause (``sphinx_vita/collector.py``, in the core because every cache read uses
it) is connected here.

``extensions = ["sphinx_vita.speed"]`` on any furo site gives the cached sidebar alone (with
the rewrites that keep it exact), without the rest of Vita.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..collector import PAUSE
from . import incremental, navigation, pageassets, searchindex, stemcache, templatecache

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_sidebar(app: Sphinx) -> None:
    """The cached sidebar, and the rewrites that keep every page's sidebar and citations
    current on incremental builds."""
    app.connect(
        "html-page-context", navigation.hide_toctree_from_furo, priority=navigation.BEFORE_FURO
    )
    app.connect("html-page-context", navigation.fill_in_sidebar, priority=navigation.AFTER_FURO)
    # After furo (500) and the cached sidebar (600): the 404 page's links made absolute.
    app.connect("html-page-context", navigation.absolute_sidebar_on_404, priority=650)
    app.connect("env-updated", navigation.forget_templates)
    app.connect("build-finished", navigation.store_templates)
    app.add_domain(incremental.BuildMemoryDomain)
    app.connect("env-get-outdated", incremental.remember_navigation)
    app.connect("env-updated", incremental.pages_with_stale_sidebars)
    app.connect("env-updated", incremental.digest_navigation)
    app.connect(
        "env-updated",
        incremental.pages_citing_changed_entries,
        priority=incremental.AFTER_CITATIONS,
    )
    app.connect("env-before-read-docs", incremental.remember_read_docs)
    app.connect("write-started", incremental.spare_toctree_parents)
    app.connect("doctree-resolved", incremental.restore_toctree_parents, priority=0)
    app.connect("build-finished", incremental.restore_toctree_parents, priority=0)


def setup_speed(app: Sphinx) -> None:
    # Last among config-inited handlers and first among builder-inited ones: the window
    # covers the environment's loading and little else.
    app.connect("config-inited", PAUSE.start, priority=900)
    app.connect("builder-inited", PAUSE.freeze, priority=0)
    app.connect("build-finished", PAUSE.finished, priority=900)
    app.connect("env-before-read-docs", PAUSE.freeze_survivors)
    setup_sidebar(app)
    app.connect("builder-inited", templatecache.use_bytecode_cache)
    app.connect("doctree-resolved", stemcache.remember_stems)
    app.connect("build-finished", stemcache.save_stems)
    app.connect("env-updated", searchindex.write_all_for_a_lost_index)
    app.connect("doctree-resolved", searchindex.note_written)
    app.connect("html-collect-pages", searchindex.keep_index)
    # Late, so that files another handler adds for this page are judged too.
    app.connect("html-page-context", pageassets.drop_unused_assets, priority=900)


def setup(app: Sphinx) -> dict[str, Any]:
    """``extensions = ["sphinx_vita.speed"]``: the cached furo sidebar alone, for any site."""
    # The stored sidebar is frozen as it loads (stored.read): handed back at the next start.
    app.connect("config-inited", PAUSE.hand_back)
    setup_sidebar(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
