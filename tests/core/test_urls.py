"""Which URLs from user content may become links (:func:`sphinx_vita.urls.unsafe_scheme`)."""

from __future__ import annotations

import pytest

from sphinx_vita.urls import unsafe_scheme


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JAVASCRIPT:alert(1)", "javascript"),  # schemes are case-insensitive
        ("JavaScript:alert(1)", "javascript"),
        ("vbscript:msgbox(1)", "vbscript"),
        ("VBScript:msgbox(1)", "vbscript"),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
        ("DATA:text/html,<script>alert(1)</script>", "data"),
    ],
)
def test_scripting_and_embedding_schemes_are_unsafe(url: str, scheme: str) -> None:
    assert unsafe_scheme(url) == scheme


@pytest.mark.parametrize(
    "url",
    [
        "java\tscript:alert(1)",  # browsers drop tabs and newlines anywhere in a URL
        "java\nscript:alert(1)",
        "java\r\nscript:alert(1)",
        "  javascript:alert(1)",  # and leading spaces or control characters
        "\x00javascript:alert(1)",
        "\x01\x1f javascript:alert(1)",
        "\tj a v a s c r i p t :alert(1)",
    ],
)
def test_whitespace_and_control_characters_do_not_hide_javascript(url: str) -> None:
    assert unsafe_scheme(url) == "javascript"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/paper.pdf",
        "HTTPS://example.org/",
        "http://example.org/javascript:alert(1)",
        "mailto:ada@example.org",
        "ftp://example.org/data.csv",
        "/papers/2020.pdf",  # relative URLs have no scheme
        "papers/data.html",
        "../javascript.html",
        "#javascript:alert(1)",
        "?q=data:x",
        "javascript%3Aalert(1)",  # an escaped colon ends no scheme, for browsers either
        "",
    ],
)
def test_ordinary_and_relative_urls_may_be_links(url: str) -> None:
    assert unsafe_scheme(url) is None
