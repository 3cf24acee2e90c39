"""HTML main-text reader: boilerplate removal, charsets, metadata, degenerate and broken pages."""

from __future__ import annotations

import codecs
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dateline.ingest.html import HtmlExtract, decode_html, extract_html

HTML_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def _read(name: str) -> bytes:
    return (HTML_FIXTURES / name).read_bytes()


@pytest.fixture(scope="module")
def conflict_page() -> HtmlExtract:
    return extract_html(_read("conflict_article.html"), url="https://www.frontline-courier.example/a?ref=rss")


# --------------------------------------------------------------------------- article page


def test_article_paragraphs_in_reading_order(conflict_page: HtmlExtract) -> None:
    paragraphs = conflict_page.paragraphs
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("KHARKIV, Ukraine — Two drones struck an electricity substation")
    assert paragraphs[3].startswith('"The enemy is deliberately targeting infrastructure')
    assert paragraphs[-1].endswith("so residents could shelter and charge phones.")
    assert all(p == " ".join(p.split()) and p for p in paragraphs)


@pytest.mark.parametrize(
    "boilerplate",
    [
        "ADVERTISEMENT",  # in-article ad label
        "Read more",  # inline related link
        "Share this article",
        "Share on Twitter",
        "By Olena Marchenko",  # byline
        "Related stories",
        "Missile strike damages grain terminal",  # related-links box
        "Most read",
        "Middle East",  # navigation
        "Sign up for our World Briefing newsletter",
        "All rights reserved",
        "Privacy policy",
        "Photo: Frontline Courier",
    ],
)
def test_article_boilerplate_removed(conflict_page: HtmlExtract, boilerplate: str) -> None:
    assert not any(boilerplate in paragraph for paragraph in conflict_page.paragraphs)


def test_headline_is_metadata_not_a_paragraph(conflict_page: HtmlExtract) -> None:
    assert (
        conflict_page.title
        == "Drone strikes hit power station near Kharkiv, cutting electricity to thousands"
    )
    assert conflict_page.title not in conflict_page.paragraphs


def test_article_metadata(conflict_page: HtmlExtract) -> None:
    assert conflict_page.author == "Olena Marchenko"
    assert conflict_page.sitename == "The Frontline Courier"
    assert conflict_page.description is not None
    assert conflict_page.description.startswith("Regional officials say two drones struck a substation")
    assert conflict_page.published == datetime(2024, 3, 22, 7, 45, tzinfo=timezone(timedelta(hours=2)))
    assert (
        conflict_page.url
        == "https://www.frontline-courier.example/world/europe/kharkiv-drone-strike-power-station"
    )


def test_str_and_bytes_give_the_same_result(conflict_page: HtmlExtract) -> None:
    as_text = extract_html(
        _read("conflict_article.html").decode("utf-8"), url="https://www.frontline-courier.example/a?ref=rss"
    )
    assert as_text == conflict_page


# --------------------------------------------------------------------------- JSON-LD


def test_jsonld_date_author_and_relative_canonical() -> None:
    page = extract_html(_read("jsonld_article.html"), url="https://www.levantwire.example/feed/item/991")
    # datePublished, not dateModified
    assert page.published == datetime(2024, 3, 5, 14, 20, tzinfo=timezone(timedelta(hours=2)))
    assert page.author == "Amira Haddad"
    assert page.sitename == "Levant Wire"
    assert page.url == "https://www.levantwire.example/2024/03/05/ceasefire-talks-doha"
    assert len(page.paragraphs) == 4
    assert page.paragraphs[0].startswith("DOHA — Negotiators returned to the Qatari capital")


def test_url_passed_in_when_no_canonical() -> None:
    page = extract_html(_read("truncated_article.html"), url="https://news.example/maiduguri-floods")
    assert page.url == "https://news.example/maiduguri-floods"


# --------------------------------------------------------------------------- charsets

_CP1252_DECLARATION = b'<meta charset="windows-1252">'


@pytest.mark.parametrize(
    "declaration",
    [
        _CP1252_DECLARATION,
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        b'<meta charset="iso-8859-1">',  # means windows-1252 in browsers
        b"",  # undeclared: detection
    ],
    ids=["meta-charset", "http-equiv", "latin1-label", "undeclared"],
)
def test_windows_1252_page(declaration: bytes) -> None:
    data = _read("windows1252_article.html").replace(_CP1252_DECLARATION, declaration)
    page = extract_html(data)
    text = "\n".join(page.paragraphs)
    for expected in (
        "Médecins Sans Frontières",
        "Zoé Ngaïkoumon",
        "Touadéra’s government",
        "“closely monitoring”",
        "€2.5 million",
        "Zürich-based",
        "rainy season – some bridges",
    ):
        assert expected in text
    assert "\ufffd" not in text and "Ã" not in text
    assert len(page.paragraphs) == 4


def test_date_falls_back_to_htmldate() -> None:
    page = extract_html(_read("windows1252_article.html"))
    assert page.published is not None and page.published.date() == date(2023, 2, 14)
    assert not any(p.startswith("Published 14 February") for p in page.paragraphs)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "<p>Café</p>".encode(), "<p>Café</p>"),
        ("<p>Café</p>".encode("utf-16"), "<p>Café</p>"),
        ('<meta charset="iso-8859-1"><p>Café</p>'.encode(), '<meta charset="iso-8859-1"><p>Café</p>'),
        (b'<meta charset="latin1"><p>\x93Kyiv\x94</p>', '<meta charset="latin1"><p>“Kyiv”</p>'),
        (
            b'<meta charset="no-such-charset"><p>Caf\xe9 in Gao</p>',
            '<meta charset="no-such-charset"><p>Café in Gao</p>',
        ),
        (b"<p>plain ascii</p>", "<p>plain ascii</p>"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf8-mislabelled", "latin1-label-is-cp1252", "unknown-label", "ascii"],
)
def test_decode_html(data: bytes, expected: str) -> None:
    assert decode_html(data) == expected


# --------------------------------------------------------------------------- no text, broken input


def test_page_without_article_text() -> None:
    page = extract_html(_read("no_article_text.html"))
    assert page.paragraphs == ()
    assert page.title == "Sign in"


@pytest.mark.parametrize(
    "data",
    [
        "",
        b"",
        "   \n\t ",
        b"\x00\x01\x02\x03",
        b"\xff\xfe",
        "<html></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "just a few plain words",
        "<<<>>> </p></div></body>",
        "<html><body>" + "<div>" * 5000 + "deeply nested" + "</div>" * 5000 + "</body></html>",
        b"<html><body><p>\xe9\xe8\xff\xfe broken bytes</p></body></html>",
    ],
    ids=["empty", "empty-bytes", "whitespace", "binary", "bom-only", "bare-html", "title-only",
         "plain-words", "garbage-tags", "deep-nesting", "invalid-bytes"],
)  # fmt: skip
def test_degenerate_input_gives_no_paragraphs(data: str | bytes) -> None:
    page = extract_html(data, url="https://example.org/x")
    assert isinstance(page, HtmlExtract)
    assert page.paragraphs == ()


def test_malformed_html_is_read() -> None:
    page = extract_html(_read("truncated_article.html"))
    assert len(page.paragraphs) == 4
    assert page.paragraphs[0].startswith("MAIDUGURI, Nigeria — Thousands of residents were evacuated")
    assert page.paragraphs[1].endswith("had been badly hit.")
    assert page.paragraphs[2].endswith("food and drinking water were being distributed by aid groups.")
    assert page.paragraphs[3].endswith("while it was still possible to do")


@pytest.mark.parametrize("fixture", sorted(path.name for path in HTML_FIXTURES.glob("*.html")))
@pytest.mark.parametrize("fraction", [0.1, 0.33, 0.5, 0.77, 0.95])
def test_truncated_pages_never_crash(fixture: str, fraction: float) -> None:
    data = _read(fixture)
    page = extract_html(data[: int(len(data) * fraction)])  # may cut a multi-byte character
    assert isinstance(page.paragraphs, tuple)
    assert all(paragraph.strip() for paragraph in page.paragraphs)
