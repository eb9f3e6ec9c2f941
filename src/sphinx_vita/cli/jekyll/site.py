"""``vita import SRC DIR``: the whole import, laid out as ``vita new`` lays a site out.

- the home page (``permalink: /``, else ``index.md`` or ``about.md``) becomes ``index.md`` with
  the profile card, and a toctree reaching every other page;
- ``_pages/`` and top-level pages (files with front matter: Jekyll's own rule) become pages;
  collections (``_projects/``, ``_talks/``, ...) a folder each with its index;
- ``_posts/YYYY-MM-DD-slug.md`` become notes (``notes/slug.md``: the date from the name or the
  front matter, tags and categories as tags);
- ``_news/`` items become one ``news.md`` timeline, newest first;
- ``_bibliography/*.bib`` is copied and listed on ``publications.md``; al-folio's
  ``assets/pdf/`` goes to ``files/`` and ``assets/img/publication_preview/`` to
  ``files/previews/``, the folders the publications feature reads;
- every file a page links or shows is copied, at its path;
- each ``permalink`` and ``redirect_from`` address gets a redirect page to the new address.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import CommandError
from ..scaffold import SiteOptions, check_target, site_files, write_files
from .dated import read_date
from .page import THEME_KEYS, ConvertedPage, Links, convert
from .profile import build_profile
from .report import Report
from .source import SourcePage, read_page

_MARKDOWN = (".md", ".markdown", ".mkd")
_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_COLLECTIONS = ("_projects", "_talks", "_teaching", "_portfolio", "_publications")
_REPOSITORY_FILES = {"readme", "license", "changelog", "contributing", "code_of_conduct"}
_THEME_FOLDERS = ("_layouts", "_includes", "_sass", "_plugins", "_site")
PDF_FOLDER = "files"  # vita_publication_files' default
PREVIEW_FOLDER = "files/previews"  # vita_publication_previews' default
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "page"


@dataclass
class Planned:
    source: SourcePage
    path: str  # in the new site, e.g. "research.md"
    kind: str  # "home", "page", "collection", "note"
    collection: str = ""


@dataclass
class Import:
    src: Path
    target: Path
    report: Report
    config: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)  # new path -> file in the source
    permalinks: dict[str, str] = field(default_factory=dict)  # "about" -> "about.md"
    root: Path | None = None  # the site folder (None: a single page)

    def name(self, path: Path) -> str:
        base = self.root or path.parent
        return path.relative_to(base).as_posix()

    # --- links and files -------------------------------------------------------------------

    def resolve(self, local: str) -> str | None:
        key = _permalink_key(local)
        if key in self.permalinks:
            return self.permalinks[key]
        base = self.root or self.src.parent
        relative = local.lstrip("/")
        if not relative:
            return "index.md" if "" in self.permalinks else None
        source = (base / relative).resolve()
        if not source.is_file() or not source.is_relative_to(base.resolve()):
            return None
        return self.copy(source, self.new_file_path(relative))

    def new_file_path(self, relative: str) -> str:
        if relative.startswith("assets/pdf/"):
            return f"{PDF_FOLDER}/{relative.removeprefix('assets/pdf/')}"
        if relative.startswith("assets/img/publication_preview/"):
            return f"{PREVIEW_FOLDER}/{relative.removeprefix('assets/img/publication_preview/')}"
        return relative

    def copy(self, source: Path, new: str) -> str:
        if new not in self.copies:
            self.copies[new] = source
            self.report.converted(self.name(source), None, f"copied to {new}")
        return new


def _permalink_key(link: str) -> str:
    key = link.strip().strip("/")
    key = re.sub(r"(^|/)index\.html?$", "", key)
    return re.sub(r"\.html?$", "", key)


def _load_yaml(path: Path, report: Report, name: str) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        report.dropped(name, mark.line + 1 if mark else None, "not readable as YAML")
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in _MARKDOWN and p.is_file())


def _order(page: SourcePage) -> tuple[float, str]:
    for key in ("nav_order", "sidebar_sort_order", "order", "weight"):
        value = page.meta.get(key)
        if isinstance(value, int | float):
            return (float(value), page.name)
    return (float("inf"), page.name)


def _plan(job: Import) -> list[Planned]:
    report, root = job.report, job.root
    if root is None:
        page = read_page(job.src, job.name(job.src), report)
        return [Planned(page, "index.md", "home")]
    pages = []
    for path in [*_markdown_files(root / "_pages"), *sorted(root.glob("*"))]:
        if path.suffix.lower() not in _MARKDOWN or not path.is_file():
            continue
        page = read_page(path, job.name(path), report)
        if not page.has_front_matter:
            if path.stem.lower() not in _REPOSITORY_FILES:
                report.dropped(page.name, None, "no front matter: Jekyll does not publish it")
            continue
        pages.append(page)
    for path in sorted(root.glob("*.html")):
        report.dropped(job.name(path), None, "an HTML page (a theme's layout); not converted")
    for folder in _THEME_FOLDERS:
        if (root / folder).is_dir():
            count = sum(1 for p in (root / folder).rglob("*") if p.is_file())
            report.dropped(f"{folder}/", None, f"the theme's {count} file(s): Vita has its own")
    home = _home(pages)
    planned: list[Planned] = []
    used = {"index.md", "news.md", "publications.md", "notes/index.md"}
    for page in sorted(pages, key=_order):
        if page is home:
            planned.append(Planned(page, "index.md", "home"))
            continue
        permalink = str(page.meta.get("permalink") or "")
        stem = _slug(_permalink_key(permalink).rsplit("/", 1)[-1] or Path(page.name).stem)
        new_path = f"{stem}.md"
        if new_path in used and not (stem == "publications" and _lists_publications(page)):
            new_path = f"{stem}-page.md"
        used.add(new_path)
        planned.append(Planned(page, new_path, "page"))
    for folder in _COLLECTIONS:
        for path in _markdown_files(root / folder):
            page = read_page(path, job.name(path), report)
            name = folder.lstrip("_")
            new = f"{name}/{_slug(path.stem)}.md"
            planned.append(Planned(page, new, "collection", name))
    for path in _markdown_files(root / "_posts"):
        page = read_page(path, job.name(path), report)
        match = _POST_NAME.match(path.stem)
        stem = match.group(4) if match else path.stem
        planned.append(Planned(page, f"notes/{_slug(stem)}.md", "note"))
    for path in _markdown_files(root / "_drafts"):
        report.dropped(job.name(path), None, "a draft post (Jekyll does not publish it)")
    return planned


def _lists_publications(page: SourcePage) -> bool:
    return any("bibliography" in line.text for line in page.body)


def _home(pages: list[SourcePage]) -> SourcePage | None:
    def permalink(page: SourcePage) -> str:
        return _permalink_key(str(page.meta.get("permalink") or ""))

    for test in (
        lambda p: "permalink" in p.meta and permalink(p) == "",
        lambda p: Path(p.name).stem == "index" and "/" not in p.name,
        lambda p: Path(p.name).stem == "about",
    ):
        found = [p for p in pages if test(p)]
        if found:
            return found[0]
    return pages[0] if pages else None


def _report_front_matter(page: SourcePage, report: Report, keep: tuple[str, ...]) -> None:
    for key, value in page.meta.items():
        if key in keep or key == "title":
            continue
        line = page.line_of(key)
        if key in ("permalink", "redirect_from"):
            continue  # redirect pages: see _redirects
        if key in THEME_KEYS or key.startswith(("sidebar", "toc", "author_profile")):
            report.dropped(page.name, line, f"the theme's front matter {key}: {_short(value)}")
        else:
            report.dropped(page.name, line, f"front matter {key}: {_short(value)}")


REDIRECTS = "_redirects"  # html_extra_path: copied as they are into the built site
_REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body><p>This page has moved to <a href="{url}">{url}</a>.</p></body>
</html>
"""


def _old_file(address: str) -> str:
    """Where a Jekyll address was served from: ``/about/`` -> ``about/index.html``."""
    path = address.strip().split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path if re.search(r"\.html?$", path) else path + "/index.html"


def _redirects(items: list[Planned], written: set[str], report: Report) -> dict[str, str]:
    """Small HTML pages at the addresses the Jekyll site had (``permalink``,
    ``redirect_from``) that send a visitor on to the page's new address, so old links keep
    working on the new host. An address the new site itself uses is left to it."""
    taken = {path.removesuffix(".md") + ".html" for path in written}
    pages: dict[str, str] = {}
    for item in items:
        if item.path not in written:
            continue
        meta, name = item.source.meta, item.source.name
        target = item.path.removesuffix(".md") + ".html"
        olds = [("permalink", meta.get("permalink"))]
        moved = meta.get("redirect_from")
        olds += [("redirect_from", old) for old in (moved if isinstance(moved, list) else [moved])]
        for key, old in olds:
            if not isinstance(old, str) or not old.strip():
                continue
            line = item.source.line_of(key)
            file = _old_file(old)
            if file in taken or file == target:
                report.kept(name, line, f"{key} {old!r}: the new site serves {file} itself")
                continue
            depth = file.count("/")
            url = "../" * depth + target
            pages[f"{REDIRECTS}/{file}"] = _REDIRECT_PAGE.format(url=url)
            taken.add(file)
            report.converted(name, line, f"{key} {old!r} to a redirect page ({file} -> {target})")
    return pages


def _short(value: Any) -> str:
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _day(value: Any) -> str:
    """``YYYY-MM-DD`` from a YAML date, or from text starting with a real calendar day."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return ""
    return ""


def _note_front_matter(item: Planned, report: Report) -> dict[str, Any] | None:
    page = item.source
    match = _POST_NAME.match(Path(page.name).stem)
    # Jekyll's order: the front matter's date, else the file name's.
    day = _day(page.meta.get("date")) or (_day("-".join(match.groups()[:3])) if match else "")
    if not day:
        report.kept(
            page.name, page.line_of("date"),
            "a post with no readable date (front matter or file name): a plain page, not a note",
        )  # fmt: skip
        return None
    tags: list[str] = []
    for key in ("tags", "categories", "category"):
        value = page.meta.get(key)
        values = value if isinstance(value, list) else str(value).split() if value else []
        tags += [str(v) for v in values if str(v) not in tags]
    front: dict[str, Any] = {"date": day}
    if tags:
        front["tags"] = tags
    summary = page.meta.get("excerpt") or page.meta.get("description") or page.meta.get("summary")
    if summary:
        front["summary"] = " ".join(str(summary).split())
    if page.meta.get("published") is False:
        front["draft"] = "true"
    report.converted(page.name, page.line_of("date"), f"post to a note dated {day}")
    _report_front_matter(page, report, ("date", "tags", "categories", "category", "excerpt",
                                        "description", "summary", "published"))  # fmt: skip
    return front


def _news(job: Import) -> list[str]:
    """``_news/`` items, newest first, as the lines of a timeline."""
    root = job.root
    if root is None:
        return []
    items = []
    for path in _markdown_files(root / "_news"):
        page = read_page(path, job.name(path), job.report)
        date = page.meta.get("date")
        day = None
        if isinstance(date, dt.datetime | dt.date):
            day = dt.date(date.year, date.month, date.day)
        elif isinstance(date, str) and re.match(r"\d{4}-\d{2}-\d{2}", date.strip()):
            day = dt.date.fromisoformat(date.strip()[:10])
        elif match := _POST_NAME.match(path.stem):
            day = dt.date(*map(int, match.groups()[:3]))
        if day is None:
            job.report.dropped(page.name, None, "a news item with no date")
            continue
        written = f"{day:%b} {day.day}, {day.year}"
        assert read_date(written) is not None  # Vita's grammar reads what is written here
        converted = convert(
            page, "news.md", job.config, _links(job), job.report, timeline=False, headings=False
        )
        text = converted.text.strip()
        title = str(page.meta.get("title") or "").strip()
        if title and page.meta.get("inline") is False:
            # al-folio: a news item with a page of its own; its title leads the entry.
            text = f"**{title}**: {text}" if text else title
        text = text or title
        if not text:
            job.report.dropped(page.name, None, "a news item with no text")
            continue
        first, *rest = text.split("\n")
        lines = [f"- **{written}** {first}", *[f"  {r}" if r.strip() else "" for r in rest]]
        items.append((day, lines))
        job.report.converted(
            page.name, page.line_of("date"), f"news item to a timeline entry ({day})"
        )
    items.sort(key=lambda item: item[0], reverse=True)
    return [line for _, lines in items for line in lines]


def _links(job: Import) -> Links:
    url = str(job.config.get("url") or "").rstrip("/")
    base = str(job.config.get("baseurl") or "").rstrip("/")
    return Links(job.resolve, site_url=url + base if url else "", base=base)


def _profile_source(profile: dict[str, Any]) -> str:
    lines = ["vita_profile = {"]
    for key, value in profile.items():
        if isinstance(value, dict):
            lines.append(f"    {key!r}: {{")
            lines += [f"        {k!r}: {v!r}," for k, v in value.items()]
            lines.append("    },")
        else:
            lines.append(f"    {key!r}: {value!r},")
    return "\n".join([*lines, "}"])


def _conf(job: Import, options: SiteOptions, profile: dict[str, Any], bibs: list[str]) -> str:
    conf = site_files(options)["conf.py"]
    source = _profile_source(profile)
    conf = re.sub(r"^vita_profile = \{.*?^\}\n", source + "\n", conf, count=1, flags=re.S | re.M)
    if bibs:
        conf = conf.replace('bibtex_bibfiles = ["publications.bib"]', f"bibtex_bibfiles = {bibs!r}")
    return conf.replace("made with ``vita new``", f"made with ``vita import`` from {job.src.name}")


def import_site(src: Path, target: Path, name: str | None = None, force: bool = False) -> Report:
    if not src.exists():
        raise CommandError(f"{src}: no such file or folder")
    report = Report(str(src), str(target))
    src = src.resolve()
    job = Import(src, target, report)
    if src.is_dir():
        job.root = src
        job.config = _load_yaml(src / "_config.yml", report, "_config.yml")
        if not (src / "_config.yml").is_file() and not any(src.glob("*.md")):
            raise CommandError(f"{src}: not a Jekyll site (no _config.yml and no .md page)")
    elif src.suffix.lower() not in _MARKDOWN:
        raise CommandError(f"{src}: give a Jekyll site folder or a Markdown (.md) page")
    elif (src.parent / "_config.yml").is_file():
        job.config = _load_yaml(src.parent / "_config.yml", report, "_config.yml")
    socials = (
        _load_yaml(src / "_data" / "socials.yml", report, "_data/socials.yml") if job.root else {}
    )
    profile, avatar = build_profile(job.config, socials, report, "_config.yml")
    planned = _plan(job)
    home = next((p for p in planned if p.kind == "home"), None)
    if name:
        profile["name"] = name
    if not profile.get("name") and home is not None:
        profile["name"] = str(home.source.meta.get("author") or "") or "Your Name"
    profile["name"] = profile.get("name") or "Your Name"
    al_folio_image = home.source.meta.get("profile", {}).get("image") if home and isinstance(
        home.source.meta.get("profile"), dict) else None  # fmt: skip
    avatar = avatar or (str(al_folio_image) if al_folio_image else "")
    if avatar:
        found = next(
            (job.resolve(c) for c in (avatar, f"images/{avatar}", f"assets/img/{avatar}",
                                      f"assets/images/{avatar}") if job.resolve(c)), None,
        )  # fmt: skip
        if found:
            profile["avatar"] = found
        else:
            report.dropped("_config.yml", None, f"the avatar {avatar!r} (no such file)")
    # Every page's new path, before any page is converted: links between them resolve.
    for item in planned:
        permalink = item.source.meta.get("permalink")
        keys = {_permalink_key(str(permalink))} if permalink else set()
        keys.add(_permalink_key(item.source.name.rsplit(".", 1)[0]))
        keys.add(_permalink_key(item.source.name.rsplit(".", 1)[0].removeprefix("_pages/")))
        for key in keys:
            job.permalinks.setdefault(key, item.path)
    for collection in {p.collection for p in planned if p.kind == "collection"}:
        job.permalinks.setdefault(collection, f"{collection}/index.md")
    bibs = []
    if job.root is not None:
        for bib in sorted((job.root / "_bibliography").glob("*.bib")):
            bibs.append(job.copy(bib, bib.name))
            text = bib.read_text(encoding="utf-8", errors="replace")
            if re.match(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", text, re.S):
                # jekyll-scholar's .bib files start with an empty front matter block.
                job.files[bib.name] = re.sub(
                    r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", "", text, flags=re.S
                )
                report.dropped(job.name(bib), 1, "the empty front matter (---) Jekyll needed")
        for folder, new in (
            ("assets/pdf", PDF_FOLDER),
            ("assets/img/publication_preview", PREVIEW_FOLDER),
        ):
            for path in (
                sorted((job.root / folder).glob("*")) if (job.root / folder).is_dir() else []
            ):
                if path.is_file():
                    job.copy(path, f"{new}/{path.name}")
    news = _news(job)
    links = _links(job)
    converted: dict[str, ConvertedPage] = {}
    for item in planned:
        if item.kind == "note":
            front = _note_front_matter(item, report)
            converted[item.path] = convert(
                item.source, item.path, job.config, links, report, front_matter=front
            )
            continue
        _report_front_matter(item.source, report, ())
        converted[item.path] = convert(item.source, item.path, job.config, links, report)
        report.converted(item.source.name, None, f"page to {item.path}")
    notes = [p for p in planned if p.kind == "note" and p.path in converted]
    collections = sorted({p.collection for p in planned if p.kind == "collection"})
    top = [p.path for p in planned if p.kind == "page"]
    extra_pages: dict[str, str] = {}
    if news:
        extra_pages["news.md"] = (
            "# News\n\n```{timeline}\n:name: news\n:sort: newest\n\n" + "\n".join(news) + "\n```\n"
        )
        top.append("news.md")
    if bibs and "publications.md" not in converted:
        extra_pages["publications.md"] = (
            "# Publications\n\n```{publications}\n:group-by: year\n```\n"
        )
        top.append("publications.md")
    if notes:
        extra_pages["notes/index.md"] = (
            "# Notes\n\n```{notes}\n```\n\n```{toctree}\n:hidden:\n:glob:\n\n*\n```\n"
        )
        top.append("notes/index.md")
    for collection in collections:
        title = collection.replace("_", " ").title()
        extra_pages[f"{collection}/index.md"] = (
            f"# {title}\n\n```{{toctree}}\n:maxdepth: 1\n:glob:\n\n*\n```\n"
        )
        top.append(f"{collection}/index.md")
    home_text = _home_page(home, converted, top, job)
    options = SiteOptions(name=profile["name"], publications=bool(bibs), notes=bool(notes))
    scaffold = site_files(options)
    for generated in ("index.md", "experience.md", "publications.md", "publications.bib",
                      "notes/index.md", "notes/example-note.md"):  # fmt: skip
        scaffold.pop(generated, None)
    scaffold["conf.py"] = _conf(job, options, profile, bibs)
    pages = {path: page.text for path, page in converted.items() if path != "index.md"}
    files: dict[str, str | bytes] = {**scaffold, **pages, **extra_pages, "index.md": home_text}
    files.update(job.files)
    redirects = _redirects(planned, set(files) - set(scaffold), report)
    if redirects:
        files.update(redirects)
        conf = str(files["conf.py"])
        files["conf.py"] = conf.replace(
            "html_show_sourcelink = False\n",
            "html_show_sourcelink = False\n# The Jekyll site's old addresses, sending visitors on "
            f"to the new pages.\nhtml_extra_path = [{REDIRECTS!r}]\n",
        )
    for new, source in job.copies.items():
        files.setdefault(new, source.read_bytes())
    files["IMPORT.md"] = ""
    check_target(target, list(files), force)
    files["IMPORT.md"] = report.as_markdown()
    write_files(target, files)
    return report


def _home_page(
    home: Planned | None, converted: dict[str, ConvertedPage], top: list[str], job: Import
) -> str:
    lines = converted["index.md"].text.split("\n") if home is not None else ["# Home", ""]
    # The profile card under the title.
    lines[1:1] = ["", "```{profile-card}", "```"]
    meta = home.source.meta if home is not None else {}
    if meta.get("news") and "news.md" in top:
        lines += ["", "```{rubric} News", ":heading-level: 2", "```", "",
                  "```{timeline}", ":from: news", ":sort: newest", ":limit: 5", "```"]  # fmt: skip
        job.report.converted(
            home.source.name if home else "",
            home.source.line_of("news") if home else None,
            "news: true to the latest news",
        )
    if meta.get("selected_papers") and "publications.md" in [*top, *converted]:
        lines += ["", "```{rubric} Selected publications", ":heading-level: 2", "```", "",
                  "```{publications}", ":selected:", "```"]  # fmt: skip
    entries = [path.removesuffix(".md") for path in top]
    if entries:
        lines += ["", "```{toctree}", ":hidden:", "", *entries, "```"]
    return "\n".join(lines).rstrip("\n") + "\n"
