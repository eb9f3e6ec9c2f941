"""One BibTeX entry as the plain pieces a publication card shows.

``EntryView`` holds only text and URLs, no nodes: it is cheap to pickle, so views are cached in
the environment by the entry's content digest, and an unchanged entry is never formatted twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from pybtex.database import BibliographyData, Entry
from pybtex.database.output.bibtex import Writer as BibTeXWriter

from ..urls import unsafe_scheme
from .badges import venue_badge
from .latex import Converted, Piece, convert
from .metrics import MetricBadge, badges_for, bare_doi
from .names import NameKey, is_others, is_owner, person_text

# Link buttons, in display order: al-folio's field names, so its papers.bib works unchanged.
LINK_FIELDS = (
    ("pdf", "PDF"),
    ("arxiv", "arXiv"),
    ("eprint", "arXiv"),
    ("code", "Code"),
    ("doi", "DOI"),
    ("html", "HTML"),
    ("url", "URL"),
    ("slides", "Slides"),
    ("poster", "Poster"),
    ("supp", "Supp."),
    ("video", "Video"),
    ("blog", "Blog"),
    ("website", "Website"),
)
# Fields that may name a file instead of a URL (al-folio: "pdf = {fan2009network.pdf}"),
# looked up in ``vita_publication_files``.
FILE_FIELDS = frozenset({"pdf", "slides", "poster", "supp"})
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

# Fields kept out of the BibTeX a visitor copies: reference-manager bookkeeping, al-folio's
# display fields, and the abstract (shown in its own toggle).
PRIVATE_FIELDS = frozenset(
    {
        "file",
        "abstract",
        "abbr",
        "selected",
        "bibtex_show",
        "preview",
        "pdf",
        "code",
        "html",
        "slides",
        "poster",
        "video",
        "website",
        "supp",
        "blog",
        "arxiv",
        "award",
        "altmetric",
        "dimensions",
        "google_scholar_id",
        "inspirehep_id",
        "additional_info",
        "annotation",
        "annote",
        "owner",
        "timestamp",
        "date-added",
        "date-modified",
        "mendeley-tags",
        "groups",
        "keywords",
        "readstatus",
        "priority",
        "ranking",
        "qualityassured",
        "comment",
    }
)

VENUE_FIELDS = {
    "article": ("journal", "journaltitle"),
    "inproceedings": ("booktitle", "eventtitle"),
    "conference": ("booktitle", "eventtitle"),
    "incollection": ("booktitle",),
    "inbook": ("booktitle", "publisher"),
    "phdthesis": ("school", "institution"),
    "mastersthesis": ("school", "institution"),
    "thesis": ("school", "institution"),
    "techreport": ("institution", "number"),
    "report": ("institution",),
    "book": ("publisher",),
}
FALLBACK_VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "howpublished",
    "publisher",
    "organization",
    "school",
    "institution",
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?")
_ARXIV_ID = re.compile(
    r"^(?:arxiv:)?\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})$", re.I
)
_ARXIV_ADDRESS = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/", re.I)
_URL_WRAPPER = re.compile(r"^\\url\s*\{(.*)\}$", re.S)
# Created once: pybtex's to_string() looks its writer plugin up (slowly) on every call.
_BIBTEX_WRITER = BibTeXWriter()
_URL_ESCAPES = re.compile(r"\\([_%&#$~])")


@dataclass(frozen=True)
class Author:
    name: str
    owner: bool = False


@dataclass(frozen=True)
class LinkButton:
    kind: str  # the field it came from: "pdf", "doi", ...
    label: str
    url: str  # a URL, or for a local file its name inside the files folder
    local: bool = False


@dataclass(frozen=True)
class EntryView:
    key: str
    entry_type: str
    authors: tuple[Author, ...]
    et_al: bool
    editors: bool  # the names are editors (no author given)
    title: str
    venue: str
    details: str  # "vol. 3, pp. 770-778" (with an en dash)
    note: str
    year: int | None
    year_text: str  # as shown ("2022", "in press", "")
    month: int
    badge: str
    links: tuple[LinkButton, ...]
    abstract: str
    bibtex: str
    selected: bool
    # Title and abstract cut where math starts and ends (empty when there is none): the HTML
    # shows MathML, LaTeX math mode; ``title`` and ``abstract`` are their readable text.
    title_pieces: tuple[Piece, ...] = ()
    abstract_pieces: tuple[Piece, ...] = ()
    preview: str = ""  # an image's name inside the previews folder
    # al-folio's display fields.
    award: str = ""
    annotation: str = ""
    additional_info: str = ""
    bibtex_show: bool | None = None  # None: the entry has no bibtex_show field
    scholar_id: str = ""  # google_scholar_id: the work's id on its author's Scholar profile
    # Altmetric/Dimensions badges the entry asks for (shown when the site turns them on), and
    # the services it asks for with nothing to name the work by (metrics.py).
    metric_badges: tuple[MetricBadge, ...] = ()
    metrics_unnamed: tuple[str, ...] = ()
    # LaTeX commands dropped (their argument kept) for being unknown, e.g. ("chem",).
    unknown_commands: tuple[str, ...] = ()
    # What was refused while formatting ("refused the javascript: URL in field 'url'"): kept
    # with the view so the warning is repeated whenever the entry is listed again.
    problems: tuple[str, ...] = ()

    def citation_text(self) -> str:
        """One line for tooltips and plain-text uses: "A, B. Title. Venue, 2022."""
        people = ", ".join(a.name for a in self.authors) + (" et al." if self.et_al else "")
        parts = [
            p
            for p in (people, self.title, ", ".join(filter(None, (self.venue, self.year_text))))
            if p
        ]
        return ". ".join(p.rstrip(".") for p in parts) + "."


@dataclass(frozen=True)
class Refusal:
    """A field value Vita would not turn into a link."""

    field: str
    message: str


class FieldReader:
    """Fields of an entry, inheriting from its ``crossref`` parent like BibTeX does."""

    def __init__(self, entry: Entry, data: BibliographyData) -> None:
        self.entry = entry
        self.unknown: set[str] = set()
        parent_key = entry.fields.get("crossref")
        self.parent: Entry | None = (
            data.entries[parent_key] if parent_key and parent_key in data.entries else None
        )

    def raw(self, name: str) -> str:
        value = self.entry.fields.get(name)
        if value is None and self.parent is not None:
            if name == "booktitle":
                value = self.parent.fields.get("booktitle") or self.parent.fields.get("title")
            else:
                value = self.parent.fields.get(name)
        return str(value or "").strip()

    def text(self, name: str) -> str:
        return self.converted(name).text

    def pieces(self, name: str) -> tuple[Piece, ...]:
        return self.converted(name).pieces

    def converted(self, name: str) -> Converted:
        result = convert(self.raw(name))
        self.unknown.update(result.unknown)
        return result


def _year_and_month(fields: FieldReader) -> tuple[int | None, str, int]:
    year_raw = fields.text("year")
    date = _ISO_DATE.match(fields.raw("date"))
    month = 0
    if not year_raw and date:
        year_raw = date.group(1)
        month = int(date.group(2) or 0)
    match = _YEAR.search(year_raw)
    year = int(match.group(1)) if match else None
    month_raw = fields.text("month").strip(". ").lower()
    if month_raw.isdigit():
        month = int(month_raw)
    elif month_raw[:3] in _MONTHS:
        month = _MONTHS[month_raw[:3]]
    return year, year_raw, month if 1 <= month <= 12 else 0


def _venue(fields: FieldReader, entry_type: str) -> str:
    for name in VENUE_FIELDS.get(entry_type, FALLBACK_VENUE_FIELDS):
        value = fields.text(name)
        if value:
            return value
    for name in FALLBACK_VENUE_FIELDS:
        value = fields.text(name)
        if value:
            return value
    return ""


def _details(fields: FieldReader) -> str:
    parts = []
    volume, number = fields.text("volume"), fields.text("number")
    if volume:
        parts.append(f"vol. {volume}" + (f"({number})" if number else ""))
    pages = fields.text("pages")
    if pages:
        parts.append(("pp. " if re.search(r"\d\s*[\u2013-]", pages) else "p. ") + pages)
    return ", ".join(parts)


def _is_arxiv_eprint(fields: FieldReader) -> bool:
    prefix = (fields.raw("archiveprefix") or fields.raw("eprinttype")).lower()
    return prefix == "arxiv" or bool(_ARXIV_ID.match(fields.raw("eprint")))


def _clean_url(value: str) -> str:
    wrapped = _URL_WRAPPER.match(value.strip())
    url = wrapped.group(1) if wrapped else value
    url = _URL_ESCAPES.sub(r"\1", url).replace("{", "").replace("}", "")
    return url.strip()


def _link_url(kind: str, value: str) -> str:
    url = _clean_url(value)
    if kind in {"arxiv", "eprint"} and not re.match(r"^[a-z]+://", url, re.I):
        arxiv_id = _ARXIV_ID.match(url)
        return "https://arxiv.org/abs/" + (arxiv_id.group(1) if arxiv_id else url)
    if kind == "doi" and not re.match(r"^[a-z]+://", url, re.I):
        return "https://doi.org/" + re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", url)
    return url


def local_name(value: str) -> str | None:
    """The file name a field gives (``"paper.pdf"``, ``"2024/talk.pdf"``), or None for a URL.

    Raises ValueError for a path that would leave the folder (``../x``, ``/etc/x``).
    """
    if _SCHEME.match(value) or value.startswith("//"):
        return None
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(value)
    return path.as_posix()


def _links(fields: FieldReader, refusals: list[Refusal]) -> tuple[LinkButton, ...]:
    buttons: list[LinkButton] = []
    seen: set[str] = set()
    for kind, label in LINK_FIELDS:
        value = fields.raw(kind)
        if not value or (kind == "eprint" and not _is_arxiv_eprint(fields)):
            continue
        url = _link_url(kind, value)
        if kind in FILE_FIELDS:
            try:
                name = local_name(url)
            except ValueError:
                refusals.append(
                    Refusal(kind, f"field {kind!r}: {url!r} leaves the files folder; not linked")
                )
                continue
            if name is not None:
                if name not in seen:
                    seen.add(name)
                    buttons.append(LinkButton(kind, label, name, local=True))
                continue
        scheme = unsafe_scheme(url)
        if scheme:
            refusals.append(Refusal(kind, f"refused the {scheme}: URL in field {kind!r}"))
            continue
        if url in seen or (kind == "eprint" and "arxiv" in {b.kind for b in buttons}):
            continue
        seen.add(url)
        buttons.append(LinkButton(kind, label, url))
    return tuple(buttons)


def _preview(fields: FieldReader, refusals: list[Refusal]) -> str:
    value = _clean_url(fields.raw("preview"))
    if not value:
        return ""
    try:
        name = local_name(value)
    except ValueError:
        name = None
    if name is None:
        refusals.append(
            Refusal("preview", f"field 'preview': {value!r} is not a file in the previews folder")
        )
        return ""
    return name


def _arxiv_id(fields: FieldReader) -> str:
    value = _clean_url(
        fields.raw("arxiv") or (fields.raw("eprint") if _is_arxiv_eprint(fields) else "")
    )
    value = _ARXIV_ADDRESS.sub("", value).removesuffix(".pdf")
    found = _ARXIV_ID.match(value)
    return found.group(1) if found else ""


def _metric_badges(entry: Entry) -> tuple[tuple[MetricBadge, ...], tuple[str, ...]]:
    # The entry's own fields only: a crossref parent's badge, DOI or ISBN is the parent's
    # (the proceedings'), and its attention is not the paper's.
    fields = FieldReader(entry, BibliographyData())
    asking = {
        name: str(entry.fields[name])
        for name in ("altmetric", "dimensions")
        if name in entry.fields
    }
    if not asking:
        return (), ()
    identifiers = {
        "arxiv": _arxiv_id(fields),
        "doi": bare_doi(_clean_url(fields.raw("doi"))),
        "pmid": fields.raw("pmid"),
        "isbn": fields.raw("isbn"),
    }
    return badges_for(asking, identifiers)


def _bibtex(entry: Entry) -> str:
    public = Entry(
        entry.type,
        fields=[(k, v) for k, v in entry.fields.items() if k.lower() not in PRIVATE_FIELDS],
        persons=entry.persons,
    )
    return str(_BIBTEX_WRITER.to_string(BibliographyData({entry.key: public}))).strip()


# Where reference managers put a journal's abbreviation (biblatex, JabRef, Zotero, Mendeley).
SHORT_JOURNAL_FIELDS = ("shortjournal", "journal-abbreviation", "journalabbrev", "journal_abbrev")


def _short_journal(fields: FieldReader) -> str:
    return next((fields.text(n) for n in SHORT_JOURNAL_FIELDS if fields.raw(n)), "")


def _is_true(value: str) -> bool:
    return value.strip().strip("{}").lower() in {"true", "yes", "1"}


def make_view(
    entry: Entry, data: BibliographyData, owner: NameKey | None
) -> tuple[EntryView, list[Refusal]]:
    """Format ``entry`` (LaTeX to text, owner found, badge derived, links checked)."""
    fields = FieldReader(entry, data)
    entry_type = entry.type.lower()
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    authors = tuple(Author(person_text(p), is_owner(p, owner)) for p in people if not is_others(p))
    refusals: list[Refusal] = []
    year, year_text, month = _year_and_month(fields)
    venue = _venue(fields, entry_type)
    is_arxiv = _is_arxiv_eprint(fields) or bool(fields.raw("arxiv"))
    if not venue and is_arxiv:
        # A preprint with no venue: say where it is, as Google Scholar does.
        arxiv_id = _ARXIV_ID.match(_clean_url(fields.raw("arxiv") or fields.raw("eprint")))
        venue = f"arXiv preprint arXiv:{arxiv_id.group(1)}" if arxiv_id else "arXiv preprint"
    view = EntryView(
        key=str(entry.key),
        entry_type=entry_type,
        authors=authors,
        et_al=any(is_others(p) for p in people),
        editors=not entry.persons.get("author") and bool(people),
        title=fields.text("title"),
        title_pieces=fields.pieces("title"),
        abstract_pieces=fields.pieces("abstract"),
        venue=venue,
        details=_details(fields),
        note=fields.text("note"),
        year=year,
        year_text=year_text,
        month=month,
        badge=venue_badge(
            venue,
            abbr=fields.text("abbr"),
            is_arxiv=is_arxiv and not venue,
            entry_type=entry_type,
            short_journal=_short_journal(fields),
        ),
        links=_links(fields, refusals),
        preview=_preview(fields, refusals),
        abstract=fields.text("abstract"),
        bibtex=_bibtex(entry),
        selected=_is_true(fields.raw("selected")),
        problems=tuple(refusal.message for refusal in refusals),
    )
    view = replace(
        view,
        award=fields.text("award"),
        annotation=fields.text("annotation"),
        # al-folio appends it to the venue as written (", Oral"): the punctuation is ours.
        additional_info=fields.text("additional_info").lstrip(" .,;:"),
        bibtex_show=_is_true(fields.raw("bibtex_show")) if fields.raw("bibtex_show") else None,
        scholar_id=fields.raw("google_scholar_id").strip("{} "),
    )
    metric_badges, metrics_unnamed = _metric_badges(entry)
    view = replace(
        view,
        metric_badges=metric_badges,
        metrics_unnamed=metrics_unnamed,
        unknown_commands=tuple(sorted(fields.unknown)),
    )
    return view, refusals
