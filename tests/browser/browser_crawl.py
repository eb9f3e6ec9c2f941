"""Visit every page of a site once per colour theme and write down everything a test checks.

One visit per (page, theme) collects console errors, failed requests, HTTP errors, CSP
violations and axe-core's findings, then narrows the window to a phone's width and measures
horizontal overflow: the browser suite stays within minutes on two cores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from browser_sites import Server
from browser_tooling import AXE_JS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
THEMES = ("light", "dark")
# WCAG 2.2 level A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Runs before any script of the page: furo reads the theme from localStorage while the <body>
# is parsed, and CSP violations are recorded from the first one on.
_BEFORE_LOAD = """
localStorage.setItem("theme", %r);
window.__vitaCsp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__vitaCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || e.documentURI}:${e.lineNumber}`
    + (e.sample ? ` (${e.sample})` : ""));
}, true);
"""

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: "
      + (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 200)),
  }));
}"""

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  const boxed = ["auto", "scroll", "hidden", "clip"];
  const scrolls = (el) => boxed.includes(getComputedStyle(el).overflowX);
  for (const el of document.querySelectorAll("body *")) {
    // Wide content inside its own scroll box (a code block) does not scroll the page.
    let inner = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrolls(up)) { inner = true; break; }
    }
    if (inner) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && getComputedStyle(el).position !== "fixed") {
      // Report the outermost culprits only.
      if (!wide.some((w) => w.el.contains(el))) wide.push({el, right: Math.round(box.right)});
    }
  }
  // Cards too narrow or type too small to read on a phone.
  const cramped = [];
  for (const card of document.querySelectorAll(".vita-entry, .vita-pub, .vita-profile")) {
    const box = card.getBoundingClientRect();
    const tiny = [...card.querySelectorAll("*")].filter((el) => el.childNodes.length
      && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
      && parseFloat(getComputedStyle(el).fontSize) < 12);
    const name = card.className;
    if (box.width && box.width < 240) cramped.push(`${name} is ${Math.round(box.width)}px wide`);
    if (tiny.length) {
      cramped.push(`${name} has text under 12px: ${tiny[0].textContent.trim().slice(0, 40)}`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth, clientWidth: width, cramped,
    culprits: wide.slice(0, 5).map((w) => {
      const cls = typeof w.el.className === "string" && w.el.className
        ? "." + w.el.className.trim().split(/\\s+/).join(".") : "";
      return `${w.el.tagName.toLowerCase()}${cls} (right edge ${w.right}px)`;
    }),
  };
}"""


@dataclass
class PageAudit:
    site: str
    page: str
    theme: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    axe_violations: list[dict[str, Any]] = field(default_factory=list)
    phone_overflow: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.site}/{self.page} [{self.theme}]"

    def __repr__(self) -> str:
        # Short, because pytest prints fixture values in failure reports.
        return f"PageAudit({self.where})"


def new_context(
    browser: Browser, theme: str, *, viewport: dict[str, int] = DESKTOP, axe: bool = False,
    color_scheme: str = "light",
) -> BrowserContext:  # fmt: skip
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)  # type: ignore[arg-type]
    context.add_init_script(_BEFORE_LOAD % theme)
    if axe:
        # An init script is injected by the browser itself, so the page's CSP does not apply.
        context.add_init_script(path=AXE_JS)
    return context


def open_page(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


def audit_page(context: BrowserContext, server: Server, page_path: str, theme: str) -> PageAudit:
    audit = PageAudit(server.site.name, page_path, theme)
    page = context.new_page()
    page.on(
        "console",
        lambda m: (
            audit.console_errors.append(f"{m.text} ({m.location.get('url')})")
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda e: audit.console_errors.append(f"uncaught: {e}"))
    # Into a list of its own: closing the page cancels what it still fetches, and those
    # cancellations must not land in the audit after it was taken.
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.on(
        "response",
        lambda r: audit.http_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    mark = server.log.mark()
    page.goto(server.page_url(page_path), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    audit.axe_violations = page.evaluate(_AXE_RUN, WCAG_TAGS)
    audit.csp_violations = page.evaluate("window.__vitaCsp")
    page.set_viewport_size(PHONE)
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    audit.phone_overflow = page.evaluate(_OVERFLOW)
    # Requests the browser made on its own (the favicon) show only in the server's log.
    seen = {entry.split(" ", 1)[1] for entry in audit.http_errors}
    for path, status in server.log.errors_since(mark):
        url = server.url + path
        if url not in seen:
            audit.http_errors.append(f"{status} {url}")
    audit.failed_requests = list(failed)
    page.close()
    return audit


def crawl(browser: Browser, server: Server) -> list[PageAudit]:
    audits = []
    for theme in THEMES:
        context = new_context(browser, theme, axe=True)
        try:
            for page_path in server.site.pages():
                audits.append(audit_page(context, server, page_path, theme))
        finally:
            context.close()
    return audits
