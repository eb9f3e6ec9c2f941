"""The small pieces behind ``{publications}``: LaTeX to text, owner names, venue badges."""

from __future__ import annotations

import pytest
from pybtex.database import Person

from sphinx_vita.publications.badges import venue_badge
from sphinx_vita.publications.latex import latex_to_text
from sphinx_vita.publications.names import NameKey, is_owner, person_text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\L}ukasz Kaiser", "\u0141ukasz Kaiser"),
        (r"M{\"u}ller", "M\u00fcller"),
        (r"Na\"{\i}ve Mart\'{\i}nez", "Na\u00efve Mart\u00ednez"),
        (r"{\'E}cole Fa\c{c}ade {\o} {\ss}", "\u00c9cole Fa\u00e7ade \u00f8 \u00df"),
        (r"{CNN}s for {ImageNet}", "CNNs for ImageNet"),
        (r"Sentence-{BERT}: {S}iamese {BERT}-Networks", "Sentence-BERT: Siamese BERT-Networks"),
        (r"\emph{Fast} and \textbf{good} -- \textit{et al.}", "Fast and good \u2013 et al."),
        (r"Rock \& Roll 100\%", "Rock & Roll 100%"),
        ("pages 770--778", "pages 770\u2013778"),
        ("", ""),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


OWNER = NameKey.of_text("Akash Palrecha")


@pytest.mark.parametrize(
    "written",
    [
        "Akash Palrecha",
        "Palrecha, Akash",
        "A. Palrecha",
        "Palrecha, A.",
        "A Palrecha",
        "PALRECHA, AKASH",
        r"P{\'a}lrecha, Akash",
        "Pálrecha, A.",
        "Palrecha Akash",  # surname first without a comma, as some exports write it
    ],
)
def test_owner_matched_whatever_the_spelling(written: str) -> None:
    assert is_owner(Person(written), OWNER)


@pytest.mark.parametrize(
    "written", ["Akash Gupta", "B. Palrecha", "Palrecha", "Devaansh Gupta", "others"]
)
def test_others_are_not_the_owner(written: str) -> None:
    assert not is_owner(Person(written), OWNER)


def test_owner_with_accents_in_config() -> None:
    owner = NameKey.of_text("\u0141ukasz Kaiser")
    assert is_owner(Person(r"Kaiser, {\L}ukasz"), owner)
    assert is_owner(Person("L. Kaiser"), owner)


def test_owner_with_particle() -> None:
    owner = NameKey.of_text("Ludwig van Beethoven")
    assert is_owner(Person("van Beethoven, Ludwig"), owner)
    assert is_owner(Person("L. van Beethoven"), owner)


def test_person_text_reads_naturally() -> None:
    assert person_text(Person("Torr, Philip H.S.")) == "Philip H.S. Torr"
    assert person_text(Person(r"Kaiser, {\L}ukasz")) == "\u0141ukasz Kaiser"
    assert person_text(Person("Ming{-}Wei Chang")) == "Ming-Wei Chang"


@pytest.mark.parametrize(
    ("venue", "badge"),
    [
        (
            "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern "
            "Recognition (CVPR)",
            "CVPR",
        ),
        ("Proceedings of the IEEE conference on computer vision and pattern recognition", "CVPR"),
        ("Findings of the Association for Computational Linguistics: EMNLP 2022", "EMNLP Findings"),
        ("Findings of the Association for Computational Linguistics: ACL 2023", "ACL Findings"),
        (
            "Proceedings of the 2021 Conference on Empirical Methods in Natural Language "
            "Processing",
            "EMNLP",
        ),
        (
            "Proceedings of the 2019 Conference on Empirical Methods in Natural Language "
            "Processing and the 9th International Joint Conference on Natural Language "
            "Processing (EMNLP-IJCNLP)",
            "EMNLP-IJCNLP",
        ),
        (
            "Proceedings of the 46th International ACM SIGIR Conference on Research and "
            "Development in Information Retrieval (SIGIR '23)",
            "SIGIR",
        ),
        (
            "Proceedings of the 60th Annual Meeting of the Association for Computational "
            "Linguistics (Volume 1: Long Papers)",
            "ACL",
        ),
        ("Advances in Neural Information Processing Systems", "NeurIPS"),
        ("Advances in Neural Information Processing Systems 30 (NIPS 2017)", "NIPS"),
        ("International Conference on Learning Representations", "ICLR"),
        ("arXiv preprint arXiv:1810.04805", "arXiv"),
        ("CoRR", "arXiv"),
        ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI"),
        ("CVPR Workshops", "CVPR Workshop"),
        ("Matplotblog", ""),
        ("Journal of Fixtures", ""),
    ],
)
def test_venue_badge(venue: str, badge: str) -> None:
    assert venue_badge(venue) == badge


def test_abbr_field_wins() -> None:
    assert venue_badge("Anything at all (XYZ)", abbr="SIGIR") == "SIGIR"


def test_arxiv_eprint_without_venue() -> None:
    assert venue_badge("", is_arxiv=True) == "arXiv"
    assert venue_badge("", entry_type="phdthesis") == "Thesis"


def test_arxiv_preprint_without_venue() -> None:
    from pybtex.database import parse_string

    from sphinx_vita.publications.entry import make_view

    data = parse_string(
        "@misc{k, title = {Embedding Convolutions for Short Text Extreme Classification with "
        "Millions of Labels}, author = {Kharbanda, Siddhant and Banerjee, Atmadeep and "
        "Palrecha, Akash and Babbar, Rohit}, year = 2021, eprint = {2109.07319}, "
        "archivePrefix = {arXiv}}",
        "bibtex",
    )
    view, problems = make_view(data.entries["k"], data, NameKey.of_text("Akash Palrecha"))
    assert problems == []
    assert view.venue == "arXiv preprint arXiv:2109.07319"
    assert view.badge == "arXiv"
    assert [(b.label, b.url) for b in view.links] == [("arXiv", "https://arxiv.org/abs/2109.07319")]
    assert [a.name for a in view.authors if a.owner] == ["Akash Palrecha"]
