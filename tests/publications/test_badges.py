"""Venue badges (``badges.venue_badge``) for venues as real .bib files, DBLP and Google Scholar
spell them. The expected acronyms are the venues' own, written out here, not read from the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_vita.publications.badges import (
    LONGEST_BADGE,
    iso4_abbreviation,
    journal_badge,
    venue_badge,
)

# A venue's full name only, with no acronym in it: the badge comes from the name.
FULL_NAME_VENUES = [
    (
        "Proceedings of the 2020 Conference on Empirical Methods in Natural Language Processing",
        "EMNLP",
    ),
    (
        "Proceedings of the 2019 Conference of the North American Chapter of the Association for "
        "Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)",
        "NAACL",
    ),
    (
        "Proceedings of the 16th Conference of the European Chapter of the Association for "
        "Computational Linguistics: Main Volume",
        "EACL",
    ),
    ("Transactions of the Association for Computational Linguistics", "TACL"),
    ("Proceedings of the 24th Conference on Computational Natural Language Learning", "CoNLL"),
    ("Proceedings of the 28th International Conference on Computational Linguistics", "COLING"),
    (
        "Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics",
        "ACL",
    ),
    ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR"),
    ("Proceedings of the IEEE/CVF International Conference on Computer Vision", "ICCV"),
    ("Proceedings of the European Conference on Computer Vision", "ECCV"),
    ("Proceedings of the IEEE/CVF Winter Conference on Applications of Computer Vision", "WACV"),
    ("Advances in Neural Information Processing Systems", "NeurIPS"),
    ("Proceedings of the 37th International Conference on Machine Learning", "ICML"),
    ("International Conference on Learning Representations", "ICLR"),
    (
        "Proceedings of the Twenty Third International Conference on Artificial Intelligence and "
        "Statistics",
        "AISTATS",
    ),
    ("Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI"),
    (
        "Proceedings of the Twenty-Ninth International Joint Conference on Artificial Intelligence",
        "IJCAI",
    ),
    (
        "Proceedings of the 21th ACM SIGKDD International Conference on Knowledge Discovery and "
        "Data Mining",
        "KDD",
    ),
    # ACM's and Google Scholar's exports spell it with "\&" (an "&" once LaTeX is removed).
    (
        "Proceedings of the 26th ACM SIGKDD International Conference on Knowledge Discovery & "
        "Data Mining",
        "KDD",
    ),
    (
        "Proceedings of the 28th Annual International Conference on Research and Development in "
        "Information Retrieval",
        "SIGIR",
    ),
    ("Proceedings of the 14th ACM International Conference on Web Search and Data Mining", "WSDM"),
    (
        "Proceedings of the 27th ACM International Conference on Information and Knowledge "
        "Management",
        "CIKM",
    ),
    (
        "Proceedings of the 29th ACM International Conference on Information & Knowledge "
        "Management",
        "CIKM",
    ),
    ("Proceedings of The Web Conference 2020", "WWW"),
    ("Proceedings of the 2018 World Wide Web Conference", "WWW"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI"),
    ("Journal of Machine Learning Research", "JMLR"),
    ("Transactions on Machine Learning Research", "TMLR"),
    ("2019 IEEE International Conference on Acoustics, Speech and Signal Processing", "ICASSP"),
    ("IEEE International Conference on Acoustics, Speech, and Signal Processing", "ICASSP"),
    ("Medical Image Computing and Computer-Assisted Intervention", "MICCAI"),
    ("2019 International Conference on Robotics and Automation", "ICRA"),
    # "SIGCHI" is not the word "CHI": the full name gives the badge.
    ("Proceedings of the SIGCHI Conference on Human Factors in Computing Systems", "CHI"),
]


@pytest.mark.parametrize(("venue", "badge"), FULL_NAME_VENUES)
def test_full_venue_name_gives_its_acronym(venue: str, badge: str) -> None:
    assert venue_badge(venue) == badge


@pytest.mark.parametrize(("venue", "badge"), FULL_NAME_VENUES)
def test_full_venue_name_is_matched_whatever_the_case(venue: str, badge: str) -> None:
    # Google Scholar lower-cases every word but the first.
    assert venue_badge(venue.lower()) == badge


# DBLP's short booktitles and what people type by hand: the acronym is a word of the venue.
@pytest.mark.parametrize(
    ("venue", "badge"),
    [
        ("EMNLP (1)", "EMNLP"),
        ("NAACL-HLT (1)", "NAACL"),
        ("EACL", "EACL"),
        ("AACL/IJCNLP", "AACL"),
        ("COLING", "COLING"),
        ("CoNLL", "CoNLL"),
        ("TACL", "TACL"),
        ("ACL (1)", "ACL"),
        ("CVPR", "CVPR"),
        ("ICCV", "ICCV"),
        ("Computer Vision -- ECCV 2020", "ECCV"),
        ("WACV", "WACV"),
        ("BMVC", "BMVC"),
        ("NeurIPS", "NeurIPS"),
        ("ICML", "ICML"),
        ("ICLR", "ICLR"),
        ("AISTATS", "AISTATS"),
        ("UAI", "UAI"),
        ("COLT", "COLT"),
        ("AAAI", "AAAI"),
        ("IJCAI", "IJCAI"),
        ("KDD", "KDD"),
        ("KDD '20: The 26th ACM SIGKDD Conference on Knowledge Discovery and Data Mining", "KDD"),
        ("SIGIR", "SIGIR"),
        ("WSDM", "WSDM"),
        ("CIKM", "CIKM"),
        (
            "Advances in Information Retrieval: 42nd European Conference on IR Research, ECIR 2020",
            "ECIR",
        ),
        ("WWW", "WWW"),
        ("RecSys '21: Fifteenth ACM Conference on Recommender Systems", "RecSys"),
        ("WWW '20: Proceedings of The Web Conference 2020", "WWW"),
        ("ICASSP 2020", "ICASSP"),
        ("Proc. Interspeech 2021", "Interspeech"),
        ("Medical Image Computing and Computer Assisted Intervention -- MICCAI 2020", "MICCAI"),
        ("MICCAI (1)", "MICCAI"),
        ("ICRA", "ICRA"),
        ("IROS", "IROS"),
        ("CHI", "CHI"),
        ("Proceedings of the 2020 CHI Conference on Human Factors in Computing Systems", "CHI"),
        (
            "UIST '21: The 34th Annual ACM Symposium on User Interface Software and Technology",
            "UIST",
        ),
        ("ACM SIGGRAPH 2020 Conference Proceedings", "SIGGRAPH"),
        ("IEEE TPAMI", "TPAMI"),
        ("JMLR", "JMLR"),
        ("TMLR", "TMLR"),
    ],
)
def test_known_acronym_in_the_venue_is_the_badge(venue: str, badge: str) -> None:
    assert venue_badge(venue) == badge


@pytest.mark.parametrize(
    "venue",
    ["NIPS", "Advances in Neural Information Processing Systems 25, NIPS 2012"],
)
def test_nips_is_shown_under_its_current_name(venue: str) -> None:
    assert venue_badge(venue) == "NeurIPS"


def test_interspeech_in_capitals_is_shown_as_the_conference_writes_it() -> None:
    assert venue_badge("Proc. INTERSPEECH 2020") == "Interspeech"


def test_acronym_inside_a_longer_word_is_not_the_acronym() -> None:
    assert venue_badge("Proceedings of the ACM SIGKDD Workshop on Something Else") == ""
    assert venue_badge("ACLU Annual Report") == ""


@pytest.mark.parametrize(
    ("venue", "badge"),
    [
        (
            "Proceedings of the International Conference on Principles of Knowledge "
            "Representation and Reasoning (KR)",
            "KR",
        ),
        (
            "Proceedings of the 17th International Workshop on Neural-Symbolic Learning and "
            "Reasoning (NeSy)",
            "NeSy",
        ),
        ("Proceedings of Machine Learning Research (PMLR)", "PMLR"),
        ("ACM Transactions on Graphics (TOG)", "TOG"),
        ("Proceedings of the Workshop on Human-In-the-Loop Data Analytics (HILDA)", "HILDA"),
        ("Proceedings of the 2021 ACM Symposium on Cloud Computing (SoCC '21)", "SoCC"),
        (
            "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition "
            "Workshops (CVPRW)",
            "CVPRW",
        ),
    ],
)
def test_acronym_the_venue_states_in_parentheses_is_the_badge(venue: str, badge: str) -> None:
    assert venue_badge(venue) == badge


def test_stated_acronym_is_shown_as_written_not_renamed() -> None:
    assert venue_badge("Advances in Neural Information Processing Systems 30 (NIPS 2017)") == "NIPS"


@pytest.mark.parametrize(
    ("venue", "badge"),
    [
        ("ACL 2020 (Online)", "ACL"),
        (
            "Proceedings of the 58th Annual Meeting of the Association for Computational "
            "Linguistics (Online)",
            "ACL",
        ),
        ("NeurIPS 2020 (Oral)", "NeurIPS"),
        ("International Conference on Learning Representations (Spotlight)", "ICLR"),
        ("Advances in Neural Information Processing Systems (Poster)", "NeurIPS"),
        ("Journal of Fixtures (Online)", ""),
    ],
)
def test_word_in_parentheses_that_is_not_an_acronym_is_not_the_badge(
    venue: str, badge: str
) -> None:
    assert venue_badge(venue) == badge


def test_single_letter_in_parentheses_is_not_an_acronym() -> None:
    assert venue_badge("Philosophical Transactions of the Royal Society (A)") == ""


def test_mostly_lower_case_word_in_parentheses_is_not_an_acronym() -> None:
    # "ArXiv" has too few capitals to be an acronym: it is recognised as arXiv instead.
    assert venue_badge("Preprint (ArXiv)") == "arXiv"
    assert venue_badge("Proceedings of the Python in Science Conference (SciPy)") == ""


def test_stated_acronym_of_sixteen_characters_is_kept() -> None:
    assert venue_badge("Joint Proceedings (ACL-IJCNLP-CoNLL)") == "ACL-IJCNLP-CoNLL"


def test_stated_acronym_longer_than_sixteen_characters_is_not() -> None:
    # Too long to be a badge: the first known acronym in it is used instead.
    assert venue_badge("Joint Proceedings (EMNLP-IJCNLP-AACL)") == "EMNLP"


@pytest.mark.parametrize(
    ("venue", "badge"),
    [
        ("EMNLP (Findings)", "EMNLP Findings"),
        ("ACL/IJCNLP (Findings)", "ACL Findings"),
        ("Findings of the Association for Computational Linguistics: NAACL 2022", "NAACL Findings"),
        ("EMNLP 2021 (findings)", "EMNLP Findings"),
        ("Findings of the Association for Computational Linguistics (EMNLP)", "EMNLP Findings"),
    ],
)
def test_findings_track_is_named(venue: str, badge: str) -> None:
    assert venue_badge(venue) == badge


@pytest.mark.parametrize(
    ("venue", "badge"),
    [
        ("CVPR Workshops", "CVPR Workshop"),
        ("ICLR 2021 Workshop on Neural Compression", "ICLR Workshop"),
        ("Deep Learning Workshop, ICML", "ICML Workshop"),
        ("Computer Vision -- ECCV 2020 Workshops", "ECCV Workshop"),
        (
            "Proceedings of the IEEE/CVF conference on computer vision and pattern recognition "
            "workshops",
            "CVPR Workshop",
        ),
        # CVF's own BibTeX for a workshop paper: the acronym is stated, the track follows it.
        (
            "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition "
            "(CVPR) Workshops",
            "CVPR Workshop",
        ),
        (
            "Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV) "
            "Workshops",
            "ICCV Workshop",
        ),
    ],
)
def test_workshop_track_is_named(venue: str, badge: str) -> None:
    assert venue_badge(venue) == badge


def test_workshop_with_its_own_acronym_keeps_it() -> None:
    venue = "Proceedings of the 17th International Workshop on Neural-Symbolic Learning (NeSy)"
    assert venue_badge(venue) == "NeSy"


@pytest.mark.parametrize(
    "venue", ["arXiv preprint arXiv:1810.04805", "ArXiv", "arXiv e-prints", "CoRR", "corr"]
)
def test_arxiv_venue_gives_arxiv(venue: str) -> None:
    assert venue_badge(venue) == "arXiv"


def test_arxiv_eprint_without_venue_gives_arxiv() -> None:
    assert venue_badge("", is_arxiv=True) == "arXiv"


def test_venue_acronym_wins_over_arxiv_eprint() -> None:
    assert venue_badge("ICLR 2021", is_arxiv=True) == "ICLR"


@pytest.mark.parametrize("entry_type", ["phdthesis", "mastersthesis", "thesis"])
def test_thesis_gets_a_thesis_badge(entry_type: str) -> None:
    assert venue_badge("University of Example", entry_type=entry_type) == "Thesis"


@pytest.mark.parametrize("entry_type", ["inproceedings", "misc", "techreport", ""])
def test_other_entries_at_unknown_venues_get_no_badge(entry_type: str) -> None:
    assert venue_badge("University of Example", entry_type=entry_type) == ""


@pytest.mark.parametrize("venue", ["", "Matplotblog", "Nature", "Neural Computation", "bioRxiv"])
def test_unknown_venue_gets_no_badge(venue: str) -> None:
    assert venue_badge(venue) == ""


def test_abbr_field_wins_over_the_venue() -> None:
    assert venue_badge("Anything at all (XYZ)", abbr="SIGIR") == "SIGIR"
    assert venue_badge("Advances in Neural Information Processing Systems", abbr="NIPS") == "NIPS"


def test_abbr_field_is_trimmed() -> None:
    assert venue_badge("", abbr="  NeurIPS \n") == "NeurIPS"


def test_blank_abbr_field_is_ignored() -> None:
    assert venue_badge("International Conference on Learning Representations", abbr="  ") == "ICLR"


# --- journals: ISO 4 (point 10 of issue 15) -----------------------------------------------------


@pytest.mark.parametrize(
    ("journal", "badge"),
    [
        ("Nature Computational Science", "Nat. Comput. Sci."),
        ("Bioinformatics", "Bioinformatics"),
        ("Nature", "Nature"),
        ("Physical Review Letters", "Phys. Rev. Lett."),
        ("Proceedings of the National Academy of Sciences", "Proc. Natl. Acad. Sci."),
        ("Science Advances", "Sci. Adv."),
    ],
)
def test_journal_gets_its_iso4_abbreviation(journal: str, badge: str) -> None:
    assert venue_badge(journal, entry_type="article") == badge


@pytest.mark.parametrize(
    "journal",
    [
        # 36 and 32 characters abbreviated: too long for a badge, and never cut mid-word.
        "IEEE Transactions on Computational Intelligence and AI in Games",
        "Monthly Notices of the Royal Astronomical Society: Letters",
    ],
)
def test_long_abbreviation_stays_unbadged(journal: str) -> None:
    assert len(iso4_abbreviation(journal)) > LONGEST_BADGE
    assert venue_badge(journal, entry_type="article") == ""


def test_badge_of_exactly_the_longest_length_is_kept() -> None:
    assert journal_badge("", short="x" * LONGEST_BADGE) == "x" * LONGEST_BADGE
    assert journal_badge("", short="x" * (LONGEST_BADGE + 1)) == ""


def test_the_entrys_own_abbreviation_wins() -> None:
    assert (
        venue_badge("Nature Computational Science", entry_type="article", short_journal="NCS")
        == "NCS"
    )
    # Given for any entry type: the .bib says what the venue is called for short.
    assert venue_badge("Some Proceedings", short_journal=" SP ") == "SP"


def test_known_acronym_wins_over_iso4() -> None:
    assert venue_badge("Journal of Machine Learning Research", entry_type="article") == "JMLR"


@pytest.mark.parametrize("journal", ["", "   ", "arXiv preprint arXiv:2101.00001"])
def test_no_iso4_badge_for_nothing_or_preprints(journal: str) -> None:
    assert iso4_abbreviation(journal) == ""


def test_only_articles_are_abbreviated_as_journals() -> None:
    assert venue_badge("Nature Computational Science", entry_type="inproceedings") == ""
    assert venue_badge("Nature Computational Science") == ""


def test_part_words_are_left_out_of_the_abbreviation() -> None:
    assert iso4_abbreviation("Journal of Physics: Part B") == "J. Phys.: B"


def test_journal_badge_without_a_short_form_uses_iso4() -> None:
    assert journal_badge("Nature Computational Science") == "Nat. Comput. Sci."


def test_a_title_pyiso4_cannot_abbreviate_gets_no_badge(monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_vita.publications import badges

    def refuse(*args: object, **kwargs: object) -> str:
        raise ValueError("cannot")

    monkeypatch.setattr(badges, "_abbreviator", lambda journal: refuse)
    assert iso4_abbreviation("An Unabbreviatable Journal") == ""
    assert badges.KNOWN_ABBREVIATIONS["An Unabbreviatable Journal"] == ""


def test_known_abbreviations_need_no_list(monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_vita.publications import badges

    def unavailable(journal: str) -> None:
        raise AssertionError("the LTWA list was loaded")

    monkeypatch.setattr(badges, "_abbreviator", unavailable)
    badges.KNOWN_ABBREVIATIONS["Journal of Examples"] = "J. Ex."
    assert iso4_abbreviation("Journal of Examples") == "J. Ex."


def test_abbreviations_are_remembered_with_the_view_cache(tmp_path: Path) -> None:
    from pybtex.database import BibliographyData, Entry

    from sphinx_vita.publications import badges
    from sphinx_vita.publications.cache import ViewCache
    from sphinx_vita.publications.entry import make_view

    entry = Entry("article", fields={"title": "T", "journal": "Nature Computational Science"})
    view, _ = make_view(entry, BibliographyData({"k": entry}), None)
    assert view.badge == "Nat. Comput. Sci."
    cache = ViewCache(tmp_path)
    cache.put(("digest", ""), view)
    cache.save()
    badges.KNOWN_ABBREVIATIONS.clear()
    assert ViewCache(tmp_path).get(("digest", "")) == view  # a later build reads the file
    assert badges.KNOWN_ABBREVIATIONS["Nature Computational Science"] == "Nat. Comput. Sci."
