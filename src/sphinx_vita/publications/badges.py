"""The short venue badge of a publication: "CVPR", "EMNLP Findings", "arXiv".

The entry's ``abbr`` field wins (al-folio's convention). Otherwise the badge is derived from the
venue as .bib files really spell it: an acronym in parentheses ("... Recognition (CVPR)",
"(SIGIR '23)"), a known acronym anywhere ("Findings of the Association for Computational
Linguistics: EMNLP 2022"), or a venue's full name (DBLP and Google Scholar often give only that).
A journal with none of those gets its ISO 4 abbreviation ("Nature Computational Science" ->
"Nat. Comput. Sci."), from the entry's own abbreviation field or from the LTWA list that pyiso4
ships (offline). No badge is better than a wrong or truncated one: an unknown conference, or an
abbreviation too long for a badge, gets none.
"""

from __future__ import annotations

import re
from typing import Any

# Acronyms recognised as words in a venue, in the spelling shown on the badge.
KNOWN_ACRONYMS = (
    "EMNLP",
    "NAACL",
    "EACL",
    "AACL",
    "COLING",
    "CoNLL",
    "TACL",
    "ACL",
    "CVPR",
    "ICCV",
    "ECCV",
    "WACV",
    "BMVC",
    "NeurIPS",
    "NIPS",
    "ICML",
    "ICLR",
    "AISTATS",
    "UAI",
    "COLT",
    "AAAI",
    "IJCAI",
    "KDD",
    "SIGIR",
    "WSDM",
    "CIKM",
    "ECIR",
    "RecSys",
    "WWW",
    "ICASSP",
    "INTERSPEECH",
    "Interspeech",
    "MICCAI",
    "ICRA",
    "IROS",
    "CHI",
    "UIST",
    "SIGGRAPH",
    "TPAMI",
    "JMLR",
    "TMLR",
)
_ACRONYM_WORD = re.compile(
    r"(?<![A-Za-z])(" + "|".join(re.escape(a) for a in KNOWN_ACRONYMS) + r")(?![A-Za-z])"
)
_RENAMED = {"NIPS": "NeurIPS", "INTERSPEECH": "Interspeech"}

# Full names, most specific first: an EMNLP booktitle may also name the ACL as organiser.
FULL_NAMES = (
    ("Empirical Methods in Natural Language Processing", "EMNLP"),
    ("North American Chapter of the Association for Computational Linguistics", "NAACL"),
    ("European Chapter of the Association for Computational Linguistics", "EACL"),
    ("Transactions of the Association for Computational Linguistics", "TACL"),
    ("Computational Natural Language Learning", "CoNLL"),
    ("International Conference on Computational Linguistics", "COLING"),
    ("Annual Meeting of the Association for Computational Linguistics", "ACL"),
    ("Computer Vision and Pattern Recognition", "CVPR"),
    ("International Conference on Computer Vision", "ICCV"),
    ("European Conference on Computer Vision", "ECCV"),
    ("Winter Conference on Applications of Computer Vision", "WACV"),
    ("Neural Information Processing Systems", "NeurIPS"),
    ("International Conference on Machine Learning", "ICML"),
    ("International Conference on Learning Representations", "ICLR"),
    ("Artificial Intelligence and Statistics", "AISTATS"),
    ("AAAI Conference on Artificial Intelligence", "AAAI"),
    ("International Joint Conference on Artificial Intelligence", "IJCAI"),
    ("Knowledge Discovery and Data Mining", "KDD"),
    ("Knowledge Discovery & Data Mining", "KDD"),
    ("Research and Development in Information Retrieval", "SIGIR"),
    ("Web Search and Data Mining", "WSDM"),
    ("Information and Knowledge Management", "CIKM"),
    ("Information & Knowledge Management", "CIKM"),
    ("The Web Conference", "WWW"),
    ("World Wide Web Conference", "WWW"),
    ("Pattern Analysis and Machine Intelligence", "TPAMI"),
    ("Journal of Machine Learning Research", "JMLR"),
    ("Transactions on Machine Learning Research", "TMLR"),
    ("Acoustics, Speech and Signal Processing", "ICASSP"),
    ("Acoustics, Speech, and Signal Processing", "ICASSP"),
    ("Medical Image Computing and Computer", "MICCAI"),
    ("International Conference on Robotics and Automation", "ICRA"),
    ("Human Factors in Computing Systems", "CHI"),
)
_FULL_NAMES = tuple((re.compile(re.escape(name), re.IGNORECASE), a) for name, a in FULL_NAMES)

# "(CVPR)", "(SIGIR '23)", "(EMNLP-IJCNLP)", "(NeurIPS 2020)": an acronym, maybe with a year.
_PARENTHESISED = re.compile(r"\(\s*([A-Za-z][A-Za-z&]*(?:[-/][A-Za-z&]+)*)\s*(?:'?\d{2,4})?\s*\)")
_ARXIV = re.compile(r"\barxiv\b|\bcorr\b", re.IGNORECASE)


def _looks_like_acronym(word: str) -> bool:
    capitals = sum(c.isupper() for c in word)
    return len(word) <= 16 and capitals >= 2 and capitals * 2 >= len(word.replace("-", ""))


def _stated_acronym(venue: str) -> str:
    """The acronym the venue gives itself in parentheses, shown as written."""
    for match in _PARENTHESISED.finditer(venue):
        if _looks_like_acronym(match.group(1)):
            return match.group(1)
    return ""


def _known_acronym(venue: str) -> str:
    match = _ACRONYM_WORD.search(venue)
    if match:
        return _RENAMED.get(match.group(1), match.group(1))
    for pattern, acronym in _FULL_NAMES:
        if pattern.search(venue):
            return acronym
    return ""


# Longer than this, a badge would wrap or crowd the title: the venue line names it in full.
LONGEST_BADGE = 24


def _abbreviator(journal: str) -> Any:
    # Imported on first use only: most entries have an acronym or a remembered abbreviation.
    from sphinx_vita.publications.ltwa import abbreviator_for

    return abbreviator_for(journal)


# Abbreviations worked out before, by journal title. The view cache (cache.py) saves and restores
# them with the formatted entries, so a rebuild that formats one new entry of a journal seen
# before does not even index the LTWA list (ltwa.py).
KNOWN_ABBREVIATIONS: dict[str, str] = {}


def iso4_abbreviation(journal: str) -> str:
    """ISO 4 abbreviation of a journal title, or "" when there is none to be had."""
    if not journal.strip() or _ARXIV.search(journal):
        return ""
    known = KNOWN_ABBREVIATIONS.get(journal)
    if known is not None:
        return known
    try:
        abbreviation = str(_abbreviator(journal)(journal, remove_part=True)).strip()
    except Exception:  # pyiso4 fails on some odd titles: then no badge
        abbreviation = ""
    KNOWN_ABBREVIATIONS[journal] = abbreviation
    return abbreviation


def journal_badge(journal: str, short: str = "") -> str:
    """The journal's abbreviation as a badge: its own (``shortjournal``) or ISO 4's."""
    badge = short.strip() or iso4_abbreviation(journal)
    return badge if len(badge) <= LONGEST_BADGE else ""


def venue_badge(
    venue: str,
    *,
    abbr: str = "",
    is_arxiv: bool = False,
    entry_type: str = "",
    short_journal: str = "",
) -> str:
    """The badge text for a venue (plain text, LaTeX already removed); "" for none."""
    if abbr.strip():
        return abbr.strip()
    stated = _stated_acronym(venue)
    if stated and not _ACRONYM_WORD.fullmatch(stated):
        return stated
    # A known acronym, even one stated in parentheses, takes the track: "... (CVPR) Workshops".
    acronym = stated or _known_acronym(venue)
    if acronym:
        if re.search(r"\bFindings\b", venue, re.IGNORECASE):
            return f"{acronym} Findings"
        if re.search(r"\bWorkshops?\b", venue, re.IGNORECASE):
            return f"{acronym} Workshop"
        return acronym
    if is_arxiv or _ARXIV.search(venue):
        return "arXiv"
    if entry_type in {"phdthesis", "mastersthesis", "thesis"}:
        return "Thesis"
    if entry_type == "article" or short_journal:
        return journal_badge(venue, short_journal)
    return ""
