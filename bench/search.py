"""``python -m bench --search``: Pagefind against Sphinx's search on the same generated site.

The Vita site of the main comparison is built twice, ``vita_search = "sphinx"`` and
``"pagefind"``: full, no-change and one-page builds; the index on disk; the Pagefind step alone
(from nothing, after one changed page, after none); and, in Debian's Chromium over
http://127.0.0.1, the bytes one query moves: scripts, index files and fetched data (the search
page itself, stylesheets, fonts and images not counted), as sent and as a host that gzips text
would send them. Pagefind's index files are gzip already.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
import time
from dataclasses import dataclass, replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from .runner import Build, fresh, sphinx_build, tree_size
from .sitegen import VARIANTS, SiteSize, Variant, touch_page, write_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
# Words every generated page draws from (sitegen's vocabulary), so each query has many hits.
QUERIES = ("satellite", "segmentation", "WACV")
_NOT_COUNTED = (".css", ".woff", ".woff2", ".ttf", ".png", ".svg", ".ico", ".jpg")
_DONE = """() => {
  const summary = document.querySelector("#search-results .search-summary");
  if (summary !== null && /finished|did not match/.test(summary.innerText)) return true;
  const status = document.querySelector(".vita-search-status");
  return status !== null && /found|matches/.test(status.textContent);
}"""


@dataclass
class QueryBytes:
    query: str
    sent: int
    gzipped: int
    requests: int
    results: int
    # Gzipped bytes by kind: the page's scripts, the engine, the index, the results' data.
    kinds: dict[str, int]


def kind_of(path: str) -> str:
    if path.startswith("/pagefind/fragment/") or (
        path.endswith(".html") and not path.startswith("/pagefind/")
    ):
        return "result data"
    if path == "/searchindex.js" or path.startswith(("/pagefind/index/", "/pagefind/filter/")):
        return "index"
    if path.startswith("/pagefind/") and path.endswith((".pf_meta", ".json")):
        return "index"
    if path.startswith("/pagefind/") or path.endswith(("searchtools.js", "language_data.js")):
        return "engine"
    return "page scripts"


@dataclass
class Engine:
    name: str
    full: Build
    no_change: Build
    one_page: Build
    index_bytes: int
    queries: list[QueryBytes]


def variant(search: str) -> Variant:
    return replace(VARIANTS["vita"], name=f"vita-{search}", search=search)


def _index_bytes(out: Path, search: str) -> int:
    if search == "pagefind":
        return tree_size(out / "pagefind")
    return (out / "searchindex.js").stat().st_size


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def query_bytes(out: Path, queries: tuple[str, ...] = QUERIES) -> list[QueryBytes]:
    """What one query moves, each in a fresh browser context (an empty cache)."""
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    measured = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                bodies: list[tuple[str, bytes]] = []

                def keep(response: Any, bodies: list[tuple[str, bytes]] = bodies) -> None:
                    # A redirect or an aborted request has no body.
                    with contextlib.suppress(Exception):
                        bodies.append((response.url, response.body()))

                page.on("response", keep)
                page.goto(f"http://{host}:{port}/search.html?q={quote(query)}")
                page.wait_for_function(_DONE, timeout=900_000)
                # Sphinx's search goes on fetching result pages for their summaries.
                page.wait_for_load_state("networkidle")
                results = page.evaluate(
                    "() => document.querySelectorAll("
                    "'#search-results ul.search > li, .vita-search-result').length"
                )
                counted = [
                    (url, body)
                    for url, body in bodies
                    if not urlsplit(url).path.endswith(_NOT_COUNTED)
                    and urlsplit(url).path != "/search.html"
                ]
                kinds: dict[str, int] = {}
                for url, body in counted:
                    kind = kind_of(urlsplit(url).path)
                    kinds[kind] = kinds.get(kind, 0) + len(gzip.compress(body, 6))
                measured.append(
                    QueryBytes(
                        query,
                        sum(len(b) for _, b in counted),
                        sum(kinds.values()),
                        len(counted),
                        results,
                        kinds,
                    )
                )
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return measured


def run_engine(workdir: Path, size: SiteSize, search: str) -> Engine:
    site = variant(search)
    src = workdir / site.name / "src"
    if not src.exists():
        write_site(src, size, site)
    out = workdir / site.name / "html"
    fresh(out)
    full = sphinx_build(src, out)
    no_change = sphinx_build(src, out)
    touch_page(src, size, 0)
    one_page = sphinx_build(src, out)
    return Engine(search, full, no_change, one_page, _index_bytes(out, search), query_bytes(out))


@dataclass
class Step:
    label: str
    seconds: float
    ran: bool


def pagefind_steps(out: Path, mirror: Path) -> list[Step]:
    """The Pagefind step alone on a built site: from nothing, one page changed, none."""
    import shutil

    from sphinx_vita.site import pagefind_index

    binary = pagefind_index.find_binary()
    assert binary is not None, "pagefind[bin] is a dependency of Vita"
    shutil.rmtree(mirror, ignore_errors=True)
    steps = []

    def timed(label: str) -> None:
        start = time.perf_counter()
        run = pagefind_index.build_index(binary, out, mirror)
        steps.append(Step(label, time.perf_counter() - start, run.ran))

    timed("from nothing (every page copied, then indexed)")
    # The page itself, not its copy in the mirror (bench builds keep doctrees in the output).
    page = next(p for p in sorted(out.rglob("note0001.html")) if ".doctrees" not in p.parts)
    page.write_bytes(page.read_bytes().replace(b"</p>", b" One more sentence.</p>", 1))
    timed("one page changed (the whole site re-indexed)")
    timed("no page changed (skipped)")
    return steps


def main(workdir: Path, size: SiteSize) -> str:
    engines = [run_engine(workdir, size, search) for search in ("sphinx", "pagefind")]
    steps = pagefind_steps(
        workdir / "vita-pagefind" / "html", workdir / "vita-pagefind" / "step-mirror"
    )
    sphinx, pagefind = engines
    failures = [
        f"{e.name}: {b.log}" for e in engines for b in (e.full, e.no_change, e.one_page) if not b.ok
    ]
    lines = [
        "| measure | Sphinx's search | Pagefind |",
        "|---|---|---|",
        f"| full build | {sphinx.full.seconds:.1f} s | {pagefind.full.seconds:.1f} s |",
        f"| no-change rebuild | {sphinx.no_change.seconds:.2f} s | "
        f"{pagefind.no_change.seconds:.2f} s |",
        f"| one page touched | {sphinx.one_page.seconds:.2f} s | "
        f"{pagefind.one_page.seconds:.2f} s |",
        f"| index on disk | {sphinx.index_bytes / 1e3:.0f} kB (searchindex.js) | "
        f"{pagefind.index_bytes / 1e3:.0f} kB (pagefind/) |",
    ]
    for one, two in zip(sphinx.queries, pagefind.queries, strict=True):
        lines.append(
            f"| one query, {one.query!r}: bytes as sent / gzipped (requests, results) | "
            f"{one.sent / 1e3:.0f} kB / {one.gzipped / 1e3:.0f} kB ({one.requests}, "
            f"{one.results}) | {two.sent / 1e3:.0f} kB / {two.gzipped / 1e3:.0f} kB "
            f"({two.requests}, {two.results}) |"
        )
    lines += ["", "| gzipped kB of the first query, by kind | Sphinx's search | Pagefind |"]
    lines.append("|---|---|---|")
    for kind in ("page scripts", "engine", "index", "result data"):
        one, two = sphinx.queries[0].kinds.get(kind, 0), pagefind.queries[0].kinds.get(kind, 0)
        lines.append(f"| {kind} | {one / 1e3:.1f} kB | {two / 1e3:.1f} kB |")
    lines += ["", "| the Pagefind step alone | time | ran |", "|---|---|---|"]
    lines += [f"| {s.label} | {s.seconds:.2f} s | {s.ran} |" for s in steps]
    if failures:
        lines += ["", *(f"FAILED: {f}" for f in failures)]
    return "\n".join(lines)
