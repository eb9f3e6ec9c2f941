"""Synthetic knowledge sites: the same pages written for Vita and for the plain stack.

A site has P note pages spread over topic folders (so the sidebar has depth and the pages sit at
different relative-URL depths), each with a timeline of dated entries and prose that cites the
bibliography, one B-entry ``refs.bib`` and a publications page. The content is deterministic
(seeded), so two runs and two variants build exactly the same words.

Variants differ only where the stacks differ:

- ``timeline``: entries in a ``{timeline}`` fence, or the same list with no fence;
- ``publications``: ``{publications}`` (Vita), or ``{bibliography}`` with ``:all:`` (plain);
- ``vita``: whether ``sphinx_vita`` is in ``extensions`` (else ``sphinxcontrib.bibtex`` is);
- ``theme``: furo or alabaster.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WORD_TEXT = (
    "model data training vision language graph retrieval benchmark latent sparse kernel "
    "attention survey satellite spectral segmentation robust sampling transfer encoder "
    "decoder hyperspectral imagery pipeline evaluation dataset inference scaling memory "
    "gradient optimisation contrastive representation geometry tracking video temporal"
)
WORDS = tuple(_WORD_TEXT.split(" "))
VENUES = ("CVPR", "EMNLP", "NeurIPS", "ICML", "ICLR", "ECCV", "ACL", "WACV", "AAAI", "KDD")


@dataclass(frozen=True)
class SiteSize:
    pages: int = 200
    bib_entries: int = 500
    # Dated entries in each page's timeline.
    entries_per_page: int = 4
    # Citations in each page's prose.
    cites_per_page: int = 3
    topics: int = 10


@dataclass(frozen=True)
class Variant:
    name: str
    vita: bool
    timeline: bool
    publications: bool
    theme: str = "furo"
    # sphinx_vita.speed alone (without the rest of Vita)
    nav: bool = False
    # vita_search ("sphinx" or "pagefind"); empty leaves Vita's default
    search: str = ""


# The variants `python -m bench` knows, by name.
VARIANTS = {
    "vita": Variant("vita", vita=True, timeline=True, publications=True),
    "plain": Variant("plain", vita=False, timeline=False, publications=False),
    "plain-alabaster": Variant(
        "plain-alabaster", vita=False, timeline=False, publications=False, theme="alabaster"
    ),
    # The plain stack plus only Vita's cached sidebar: the navigation cache's before/after.
    "plain-nav": Variant("plain-nav", vita=False, timeline=False, publications=False, nav=True),
    # Directive overheads: the same extension set, only the directive differs.
    "vita-lists": Variant(
        "vita-lists", vita=True, timeline=False, publications=False, theme="alabaster"
    ),
    "vita-timeline": Variant(
        "vita-timeline", vita=True, timeline=True, publications=False, theme="alabaster"
    ),
    "vita-publications": Variant(
        "vita-publications", vita=True, timeline=False, publications=True, theme="alabaster"
    ),
}


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(3)).title()


def bib_key(i: int) -> str:
    return f"ref{i:05d}"


def _bib_entry(rng: random.Random, i: int) -> str:
    year = 2000 + i % 25
    authors = " and ".join(
        f"{rng.choice(WORDS).title()}, {rng.choice('ABCDEFGHJKLMNPRS')}."
        for _ in range(rng.randint(1, 5))
    )
    venue = rng.choice(VENUES)
    if i % 3 == 0:
        return (
            f"@article{{{bib_key(i)},\n  title = {{{_title(rng)} for {_title(rng)}}},\n"
            f"  author = {{{authors}}},\n  journal = {{Journal of {_title(rng)}}},\n"
            f"  volume = {{{rng.randint(1, 40)}}},\n  pages = {{{i}--{i + 9}}},\n"
            f"  year = {{{year}}},\n  doi = {{10.5555/bench.{i}}}\n}}\n"
        )
    return (
        f"@inproceedings{{{bib_key(i)},\n  title = {{{_title(rng)}: {_sentence(rng, 5)}}},\n"
        f"  author = {{{authors}}},\n  booktitle = {{Proceedings of {venue} {year}}},\n"
        f"  year = {{{year}}},\n  url = {{https://example.org/papers/{i}}}\n}}\n"
    )


def write_bib(path: Path, size: SiteSize, seed: int = 1) -> None:
    rng = random.Random(seed)
    path.write_text("\n".join(_bib_entry(rng, i) for i in range(size.bib_entries)), "utf-8")


def _timeline_items(rng: random.Random, n: int) -> list[str]:
    items = []
    for _ in range(n):
        start = rng.randint(2005, 2022)
        months = rng.sample(MONTHS, 2)
        # Ends a year or more after the start, so every range reads forwards.
        end = "present" if rng.random() < 0.2 else f"{months[1]} {start + rng.randint(1, 3)}"
        # An en dash, as people write ranges (and as the timeline must read them).
        items.append(f"- **{months[0]} {start} \u2013 {end}** {_sentence(rng, 12)}.")
    return items


def _note_page(rng: random.Random, title: str, size: SiteSize, variant: Variant) -> str:
    cites = ", ".join(bib_key(rng.randrange(size.bib_entries)) for _ in range(size.cites_per_page))
    items = "\n".join(_timeline_items(rng, size.entries_per_page))
    if variant.timeline:
        items = f"```{{timeline}}\n{items}\n```"
    prose = " ".join(_sentence(rng, 10) + "." for _ in range(4))
    return (
        f"# {title}\n\n{prose} See {{cite}}`{cites}`.\n\n## Timeline\n\n{items}\n\n"
        f"## Notes\n\n{_sentence(rng, 20)}.\n\n### Details\n\n{_sentence(rng, 25)}.\n"
    )


def _toctree(entries: list[str], caption: str = "") -> str:
    head = f":caption: {caption}\n" if caption else ""
    return "```{toctree}\n" + head + ":maxdepth: 1\n\n" + "\n".join(entries) + "\n```\n"


def _conf(variant: Variant) -> str:
    ext = ["myst_parser", "sphinx_design"]
    ext.append("sphinx_vita" if variant.vita else "sphinxcontrib.bibtex")
    if variant.nav:
        ext.append("sphinx_vita.speed")
    return (
        '"""Synthetic benchmark site (generated by bench/sitegen.py)."""\n\n'
        f'project = "Bench {variant.name}"\nauthor = "Bench"\n'
        f"extensions = {ext!r}\n"
        'source_suffix = {".md": "markdown"}\n'
        'exclude_patterns = ["_build"]\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        f'html_theme = "{variant.theme}"\n'
        "html_show_sourcelink = False\n"
        + (f"vita_search = {variant.search!r}\n" if variant.search else "")
    )


def note_path(i: int, size: SiteSize) -> str:
    """The docname of note ``i``: notes are dealt round-robin into topic folders."""
    return f"notes/topic{i % size.topics:02d}/note{i:04d}"


def write_site(root: Path, size: SiteSize, variant: Variant, seed: int = 1) -> Path:
    """Write the site into ``root`` (which must not exist) and return it."""
    root.mkdir(parents=True)
    rng = random.Random(seed)
    (root / "conf.py").write_text(_conf(variant), "utf-8")
    write_bib(root / "refs.bib", size, seed)

    topics: dict[int, list[str]] = {}
    for i in range(size.pages):
        docname = note_path(i, size)
        topics.setdefault(i % size.topics, []).append(docname)
        path = root / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_note_page(rng, f"Note {i}: {_title(rng)}", size, variant), "utf-8")

    topic_docs = []
    for t, docs in sorted(topics.items()):
        topic_doc = f"notes/topic{t:02d}/index"
        topic_docs.append(topic_doc)
        entries = [d.rsplit("/", 1)[1] for d in docs]
        (root / f"{topic_doc}.md").write_text(
            f"# Topic {t}: {_title(rng)}\n\n{_sentence(rng, 15)}.\n\n{_toctree(entries)}", "utf-8"
        )

    if variant.publications:
        pubs = "```{publications}\n:group-by: year\n```\n"
    else:
        pubs = "```{bibliography}\n:all:\n```\n"
    (root / "publications.md").write_text(f"# Publications\n\n{pubs}", "utf-8")

    (root / "index.md").write_text(
        "# Bench site\n\nA synthetic knowledge site.\n\n"
        + _toctree(topic_docs, "Notes")
        + "\n"
        + _toctree(["publications"], "Papers"),
        "utf-8",
    )
    return root


def touch_page(root: Path, size: SiteSize, i: int = 0) -> None:
    """An edit to one note's prose (not its title), as a writer saving a page."""
    path = root / f"{note_path(i, size)}.md"
    with path.open("a", encoding="utf-8") as f:
        f.write("\nOne more sentence, added by the benchmark.\n")


def touch_bib(root: Path, size: SiteSize, n: int = 0) -> None:
    """A new entry appended to the .bib, as a researcher adding a paper (the ``n``-th one)."""
    rng = random.Random(99 + n)
    with (root / "refs.bib").open("a", encoding="utf-8") as f:
        f.write("\n" + _bib_entry(rng, size.bib_entries + 1 + n))


def add_article(root: Path, size: SiteSize, n: int = 0) -> None:
    """A journal article appended to the .bib, its journal one no entry names yet: its badge
    needs the ISO 4 abbreviation list (``publications/ltwa.py``), which ``touch_bib``'s
    conference papers do not."""
    index = 3 * (size.bib_entries + 100 + n)  # _bib_entry makes every third entry an article
    text = _bib_entry(random.Random(7_000 + n), index)
    journal = f"Journal of Benchmark Studies {n} in"
    with (root / "refs.bib").open("a", encoding="utf-8") as f:
        f.write("\n" + text.replace("Journal of", journal, 1))


def edit_bib_title(root: Path, size: SiteSize, n: int = 0) -> None:
    """One entry's title edited in the .bib, as a researcher correcting a typo (entry ``n``)."""
    path = root / "refs.bib"
    text = path.read_text("utf-8")
    start = text.index(f"{{{bib_key(n % size.bib_entries)},")
    title = text.index("title = {", start) + len("title = {")
    path.write_text(text[:title] + f"Edited {n} " + text[title:], "utf-8")
