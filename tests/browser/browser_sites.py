"""Build the two sites the way ``make html`` does, and serve them over http on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from browser_tooling import ROOT

# The sites a visitor sees: every page of these is crawled.
SITES = {
    "docs": ROOT / "docs",
    "vinay-sisodia": ROOT / "examples" / "vinay-sisodia",
    # Notes, tag pages, backlinks and a draft (the seeds hold too few dated notes to show them).
    "notes": ROOT / "tests" / "roots" / "test-notes",
}
# Built and served beside them for features the seeds' content cannot show (abstracts).
FIXTURE_SITES = {"fixture": Path(__file__).parent / "site-fixture"}

# Folders of a build that hold assets, not pages a visitor reads.
_NOT_PAGES = {"_static", "_sources", "_images", "_downloads", ".doctrees"}


@dataclass
class BuiltSite:
    name: str
    source: Path
    html: Path
    returncode: int
    log: str

    def pages(self) -> list[str]:
        """Every HTML page of the build, as paths relative to its root (``index.html``)."""
        found = []
        for path in sorted(self.html.rglob("*.html")):
            relative = path.relative_to(self.html)
            if not _NOT_PAGES.intersection(relative.parts):
                found.append(relative.as_posix())
        return found

    def has_page(self, page: str) -> bool:
        return (self.html / page).is_file()


def build_sites(out: Path) -> dict[str, BuiltSite]:
    """Build every site at once (a process each), with ``-W --keep-going`` like ``make html``."""
    running = {}
    for name, source in {**SITES, **FIXTURE_SITES}.items():
        html = out / name / "html"
        command = [
            sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
            "-d", str(out / name / "doctrees"), str(source), str(html),
        ]  # fmt: skip
        running[name] = (
            source,
            html,
            subprocess.Popen(
                command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            ),
        )
    built = {}
    for name, (source, html, process) in running.items():
        log, _ = process.communicate()
        built[name] = BuiltSite(name, source, html, process.returncode, log)
    return built


def build_root(out: Path, name: str, source: Path, *settings: str) -> BuiltSite:
    """One source folder built in its own process, with ``-D`` settings (``name=value``)."""
    html = out / "html"
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
    for setting in settings:
        command += ["-D", setting]
    command += ["-d", str(out / "doctrees"), str(source), str(html)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return BuiltSite(name, source, html, done.returncode, done.stderr)


# Runs before a page's scripts (``add_init_script``): its Content-Security-Policy violations,
# from the first one on, in ``window.cspViolations``.
WATCH_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


@dataclass
class RequestLog:
    """What the server answered, so a missing file is seen even when the browser asked for it
    on its own (``/favicon.ico``) and no page event reports it."""

    entries: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, status: int) -> None:
        with self.lock:
            self.entries.append((path, status))

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)

    def errors_since(self, mark: int) -> list[tuple[str, int]]:
        with self.lock:
            return [(p, s) for p, s in self.entries[mark:] if s >= 400]


class _QuietHandler(SimpleHTTPRequestHandler):
    request_log: RequestLog

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        status = int(code) if str(code).isdigit() else 0
        self.request_log.add(self.path, status)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Server:
    site: BuiltSite
    url: str
    log: RequestLog
    _httpd: ThreadingHTTPServer

    def page_url(self, page: str) -> str:
        return f"{self.url}/{page}"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def serve(site: BuiltSite) -> Server:
    """Serve a build on a free port of 127.0.0.1 from a daemon thread."""
    log = RequestLog()
    handler = type("Handler", (_QuietHandler,), {"request_log": log})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site.html)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    return Server(site, f"http://{host!s}:{port}", log, httpd)


class NuCheck:
    """The Nu HTML checker over every page of the given sites, in one JVM, in the background
    while the browser crawls; ``messages`` waits for it."""

    def __init__(self, java: str, jar: Path, sites: list[BuiltSite]) -> None:
        self.sites = sites
        files = [str(site.html / page) for site in sites for page in site.pages()]
        command = [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
        self._process = subprocess.Popen(
            [*command, *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self._messages: list[dict[str, Any]] | None = None
        self.error = ""

    def messages(self) -> list[dict[str, Any]] | None:
        if self._messages is None:
            out, err = self._process.communicate()
            try:
                self._messages = list(json.loads(out)["messages"])
            except (ValueError, KeyError):
                self.error = f"vnu gave no report (exit {self._process.returncode}):\n{err}"
                return None
        return self._messages

    def errors_by_page(self, site: BuiltSite) -> dict[str, list[str]] | None:
        messages = self.messages()
        if messages is None:
            return None
        root = str(site.html) + "/"
        found: dict[str, list[str]] = {}
        for message in messages:
            # vnu writes "file:/tmp/x.html"; a message with no file (an I/O error) counts too.
            path = unquote(str(message.get("url", "")).removeprefix("file:"))
            path = "/" + path.lstrip("/") if path else ""
            if path and not path.startswith(root):
                continue
            page = path.removeprefix(root) or "(no file)"
            found.setdefault(f"{site.name}/{page}", []).append(
                f"line {message.get('lastLine', '?')}: {message.get('message')}"
                f" [{(message.get('extract') or '').strip()[:120]}]"
            )
        return found
