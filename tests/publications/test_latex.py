"""LaTeX in BibTeX fields as plain text (``latex.latex_to_text``)."""

from __future__ import annotations

import html

import pytest

from sphinx_vita.publications.latex import Converted, convert, latex_to_text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\L}ukasz Kaiser", "\u0141ukasz Kaiser"),
        (r"M{\"u}ller", "M\u00fcller"),
        (r"Jo\~{a}o", "Jo\u00e3o"),
        (r"{\'E}cole Fa\c{c}ade {\o} {\ss}", "\u00c9cole Fa\u00e7ade \u00f8 \u00df"),
        (r"Caf\'e", "Caf\u00e9"),
    ],
)
def test_accents_become_letters(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Na\"{\i}ve", "Na\u00efve"),
        (r"Mart\'{\i}nez", "Mart\u00ednez"),
        (r"Na\"\i ve", "Na\u00efve"),  # a control word swallows the space after it
        (r"Na\"\i{}ve", "Na\u00efve"),
        (r"{\i}", "i"),
    ],
)
def test_dotless_i_under_an_accent_is_a_plain_letter(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{CNN}s for {ImageNet}", "CNNs for ImageNet"),
        (r"Sentence-{BERT}: {S}iamese {BERT}-Networks", "Sentence-BERT: Siamese BERT-Networks"),
    ],
)
def test_protecting_braces_are_dropped(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\emph{Fast} and \textbf{good} -- \textit{et al.}", "Fast and good \u2013 et al."),
        (r"\emph {Spaced} argument", "Spaced argument"),
        (r"\textsc{Caps} and \texttt{code}", "Caps and code"),
        (r"\mbox{BERT}s", "BERTs"),
        (r"\textbf{\emph{Nested}} fonts", "Nested fonts"),
        (r"x\textsuperscript{2}", "x2"),
        (r"\NoCaseChange{iPhone} apps", "iPhone apps"),
        (r"\url{https://example.org/paper}", "https://example.org/paper"),
        (r"\textrm{ResNet} and \textsf{VGG}", "ResNet and VGG"),
        (r"\textup{Up} \textnormal{normal} \text{plain}", "Up normal plain"),
        (r"H\textsubscript{2}O", "H2O"),
        (r"\uppercase{LSTM}s and \MakeUppercase{GRU}s", "LSTMs and GRUs"),
    ],
)
def test_font_commands_are_unwrapped(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\em Deep} Learning", "Deep Learning"),
        (r"{\bf Bold} and {\it italic}", "Bold and italic"),
        (r"{\sc Small Caps}", "Small Caps"),
        (r"{\tt code} {\rm roman} {\sf sans}", "code roman sans"),
        (r"{\itshape italic}", "italic"),
        (r"\bfseries Bold", "Bold"),
        (r"{\em em}phasis", "emphasis"),
    ],
)
def test_bare_font_switches_are_dropped(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("pages 770--778", "pages 770\u2013778"),
        ("1998---2020", "1998\u20142020"),
        (r"A\textemdash B", "A\u2014B"),
        (r"1\textendash 2", "1\u20132"),
        (r"Rock \& Roll 100\%", "Rock & Roll 100%"),
        (r"Issue \#5, snake\_case, \$5", "Issue #5, snake_case, $5"),
        (r"wait\ldots{} more", "wait\u2026 more"),
        (r"wait\dots{} more", "wait\u2026 more"),
        (r"Intel\textregistered{} Xeon", "Intel\u00ae Xeon"),
        (r"Acme\texttrademark.", "Acme\u2122."),
    ],
)
def test_symbols_become_characters(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"don\textquoteright{}t", "don\u2019t"),
        (r"don\textquoteright t", "don\u2019t"),
        # Zotero's export: each curly quote a braced command.
        (r"{\textquotedblleft}Hello{\textquotedblright} world", "\u201cHello\u201d world"),
        (r"\textquotedblleft Hello\textquotedblright{} world", "\u201cHello\u201d world"),
        (r"\textquoteleft{}quoted\textquoteright", "\u2018quoted\u2019"),
    ],
)
def test_quote_commands_take_no_space_with_them(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (
            r"http://www.cs.toronto.edu/\textasciitilde kriz/cifar.html",
            "http://www.cs.toronto.edu/~kriz/cifar.html",
        ),
        (r"www.cs.cmu.edu/\textasciitilde{}user", "www.cs.cmu.edu/~user"),
    ],
)
def test_textasciitilde_is_a_tilde(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_tie_is_a_space() -> None:
    assert latex_to_text("Fig.~1 by D.~E.~Knuth") == "Fig. 1 by D. E. Knuth"


def test_whitespace_is_collapsed_and_trimmed() -> None:
    assert latex_to_text("  A title\n   broken  over\tlines ") == "A title broken over lines"


def test_empty_field_is_empty_text() -> None:
    assert latex_to_text("") == ""


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("{Unbalanced title", "Unbalanced title"),
        ("A stray } brace", "A stray brace"),
        ("{Deep}} Learning", "Deep Learning"),
        (r"\emph{Deep} {Unbalanced", "Deep Unbalanced"),
        (r"{\em Deep} {Unbalanced", "Deep Unbalanced"),
        ("Fig.~1 {unbalanced", "Fig. 1 unbalanced"),
        (r"Rock \& Roll {unbalanced", "Rock & Roll unbalanced"),
        (r"don\textquoteright{}t {unbalanced", "don\u2019t unbalanced"),
        (r"cs.cmu.edu/\textasciitilde{}user {unbalanced", "cs.cmu.edu/~user unbalanced"),
        (r"pages 1\textendash{}2 {unbalanced", "pages 1\u20132 unbalanced"),
        (r"1998\textemdash{}2020 {unbalanced", "1998\u20142020 unbalanced"),
        (r"and so on\ldots{} {unbalanced", "and so on\u2026 unbalanced"),
        (
            r"Intel\textregistered{} Xeon\texttrademark{} {unbalanced",
            "Intel\u00ae Xeon\u2122 unbalanced",
        ),
        (r"100\% of \#5 in snake\_case {unbalanced", "100% of #5 in snake_case unbalanced"),
    ],
)
def test_unbalanced_braces_give_the_raw_text_without_braces(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


# --- math and unknown commands (convert) ------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text", "tex"),
    [
        (r"Detection at $z=4.46$", "Detection at z=4.46", ["z=4.46"]),
        (r"$z=4.46$ and $K$", "z=4.46 and K", ["z=4.46", "K"]),
        (r"leave-$n_v$-out", "leave-n_v-out", ["n_v"]),
        (r"MF $\^{} 2$", "MF ^2", ["^ 2"]),
        (r"a {\ensuremath{>}} b", "a > b", [">"]),
        (r"\ensuremath {x}", "x", ["x"]),
        (r"\(x^2\) in parentheses", "x^2 in parentheses", ["x^2"]),
        (r"$$a/b$$ shown", "a/b shown", ["a/b"]),
        (r"$\frac{a}{b}$ and $\sqrt{x}$", "a/b and \u221ax", [r"\frac{a}{b}", r"\sqrt{x}"]),
        (r"$\alpha_{ij}^2$", "\u03b1_ij^2", [r"\alpha_{ij}^2"]),
        (r"$5.4\\times$ faster", "5.4\u00d7 faster", [r"5.4\times"]),
        # Zotero's escaped math is math again.
        (
            r"index \$\{T\}\_\{{\textbackslash}mathrm\{dust\}\}=\{41\}\$ K",
            "index T_dust=41 K",
            [r"{T}_{\mathrm{dust}}={41}"],
        ),
        (r"a 242-{\$}\backslashsigma{\$} violation", "a 242-\u03c3 violation", [r"\sigma"]),
    ],
)
def test_math_is_kept_apart_with_a_readable_text(latex: str, text: str, tex: list[str]) -> None:
    result = convert(latex)
    assert result.text == text
    assert [p.tex for p in result.pieces if p.mathml] == tex
    assert "".join(p.text for p in result.pieces).strip() == text
    for piece in result.pieces:
        if piece.mathml:
            assert piece.mathml.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
            assert f'alttext="{html.escape(piece.text, quote=True)}"' in piece.mathml
    assert result.unknown == ()


@pytest.mark.parametrize(
    "latex",
    [r"\$5 to \$10", "plain text", r"20-60\% of", "$$", "a $ $ b"],
)
def test_no_math_without_math(latex: str) -> None:
    result = convert(latex)
    assert result.pieces == ()
    assert result.text == latex_to_text(latex)


@pytest.mark.parametrize(
    ("latex", "text", "unknown"),
    [
        (r"\enquote{x} y", "\u201cx\u201d y", ()),
        (r"\textquote{x}", "\u201cx\u201d", ()),
        (r"\chem{O_3} and \chem{NO_2}", "O_3 and NO_2", ("chem",)),
        (r"\foo bar \baz{qux}", "bar qux", ("baz", "foo")),
        (r"\href{http://x.org}{the site}", "the site", ()),
        (r"\noopsort{a}Zed", "Zed", ()),
        (r"the \LaTeX{} way", "the LaTeX way", ()),
        (r"\relax A \newblock B", "A B", ()),
        (r"x.\nThe end\n and", "x. The end and", ()),
        (r"\nu and \times", "\u03bd and \u00d7", ()),
        (r"graph{\rq}s ({\textgreater} 90{\%}) {\textless}", "graph\u2019s (> 90%) <", ()),
        (r"$\chem{x}$ here", "x here", ("chem",)),
        (r"\c{c}a \v{s}", "\u00e7a \u0161", ()),
        (r"a \\ b", "a b", ()),
        (r"\\foo", "foo", ()),
    ],
)
def test_unknown_commands_keep_their_argument(
    latex: str, text: str, unknown: tuple[str, ...]
) -> None:
    result = convert(latex)
    assert result.text == text
    assert result.unknown == unknown


def test_unknown_math_command_is_dropped_from_the_mathml() -> None:
    result = convert(r"$\chem{O_3}$")
    (piece,) = result.pieces
    assert "chem" not in piece.mathml and "\\" not in piece.mathml
    assert piece.tex == ""  # not printable as TeX
    assert piece.text == "O_3"


def test_unreadable_math_falls_back_to_text() -> None:
    result = convert(r"a $\frac{x$ b")
    assert "$" not in result.text and "\\" not in result.text


def test_empty_is_empty() -> None:
    assert convert("") == Converted("", (), ())


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\enquote{a {b} c} d", "\u201ca b c\u201d d"),  # nested group
        (r"\enquote{a \{ b} c", "\u201ca { b\u201d c"),  # an escaped brace does not close it
        (r"\enquote{unclosed", "\u201cunclosed\u201d"),
        (r"\enquote {spaced} x", "\u201cspaced\u201d x"),
        (r"\TeX{}nical \LaTeX and", "TeXnical LaTeX and"),
        (r"\foo{} bar", "bar"),
        (r"x\foo y", "x y"),
        (r"\\\foo", ""),  # a line break, then an unknown command
    ],
)
def test_command_arguments_are_found_by_their_braces(latex: str, text: str) -> None:
    assert convert(latex).text == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"$\text{abc} x$", "abcx"),
        (r"$a\,b$ and $a\quad b$", "a b and a b"),
        (r"$\hat{x}$", "x"),
        (r"$\underline{y}$", "y"),
        (r"$\sum_{i=1}^{n} i$", "\u2211_i=1^ni"),
        (r"$\sqrt{2}$", "\u221a2"),
    ],
)
def test_readable_text_of_math_layouts(latex: str, text: str) -> None:
    result = convert(latex)
    assert result.text == text
    assert all(p.mathml for p in result.pieces if p.tex)


@pytest.mark.parametrize(
    ("latex", "text", "unknown"),
    [
        (r"a $x^$ b", "a x^ b", ()),
        (r"a $\left( x$ b", "a ( x b", ("left",)),
    ],
)
def test_math_latex2mathml_cannot_read_is_its_text(
    latex: str, text: str, unknown: tuple[str, ...]
) -> None:
    result = convert(latex)
    assert result.text == text
    assert result.pieces == ()  # no MathML, so nothing to set apart
    assert result.unknown == unknown


def test_ensuremath_variants() -> None:
    assert convert(r"a \ensuremath{x} and \ensuremath{y}").text == "a x and y"
    assert convert(r"\ensuremath x").text == "x"  # no argument: the command only is dropped
    assert convert(r"end \ensuremath").text == "end"


def test_unknown_math_operator_is_dropped_from_the_mathml() -> None:
    (piece,) = convert(r"$\foo x$").pieces
    assert "foo" not in piece.mathml and "<mi>x</mi>" in piece.mathml
    assert convert(r"$\foo x$").unknown == ("foo",)


def test_mathml_is_namespaced_once() -> None:
    (piece,) = convert(r"$\frac{a}{b}$").pieces
    assert piece.mathml.count("xmlns=") == 1
    assert "<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac>" in piece.mathml


def test_zotero_prices_are_not_math() -> None:
    assert convert(r"from \$5 to \$10").text == "from $5 to $10"
    assert convert(r"\$x\_1\$ and \$5").text == "x_1 and $5"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"a \{b\} c", "a {b} c"),
        (r"a\foo,b", "a,b"),  # no space was there, none is made
        (r"a\foo {x}", "ax"),  # the space before an argument is not kept
    ],
)
def test_spacing_and_escaped_braces_around_commands(latex: str, text: str) -> None:
    assert convert(latex).text == text


def test_pieces_keep_spaces_between_but_not_at_the_ends() -> None:
    pieces = convert(" a $x$ b ").pieces
    assert [p.text for p in pieces] == ["a ", "x", " b"]
    assert [p.text for p in convert("$x$ b").pieces] == ["x", " b"]
    assert [p.text for p in convert("a $x$").pieces] == ["a ", "x"]


def test_empty_math_is_skipped_and_later_math_still_found() -> None:
    result = convert("a $ $ b $x$")
    assert [p.tex for p in result.pieces if p.mathml] == ["x"]


def test_unknown_command_before_math_is_reported() -> None:
    assert convert(r"\foo $x$").unknown == ("foo",)


def test_ensuremath_after_one_without_argument_is_still_math() -> None:
    result = convert(r"\ensuremath x and \ensuremath{y}")
    assert [p.tex for p in result.pieces if p.mathml] == ["y"]


def test_doubled_backslash_before_an_uppercase_command_in_math() -> None:
    (piece,) = convert(r"$\\Delta x$").pieces
    assert piece.tex == r"\Delta x"
    assert piece.text == "\u0394x"
