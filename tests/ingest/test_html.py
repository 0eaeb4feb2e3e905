"""HTML: main text, metadata, stated dates only, charsets, truncated pages."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from marsad.errors import IngestError
from marsad.ingest.html import declared_charset, looks_like_html, parse_html, stated_date

BODY = (
    "<article><h1>انتخابات بلدية</h1>"
    "<p>أعلنت اللجنة العليا للانتخابات اليوم النتائج الأولية للانتخابات البلدية في المدينة.</p>"
    "<p>وقال رئيس اللجنة إن نسبة المشاركة بلغت ستين في المئة من الناخبين المسجلين.</p></article>"
)


def page(head: str = "", body: str = BODY) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_html_main_text_keeps_paragraph_lines() -> None:
    result = parse_html(page("<title>عنوان</title>").encode(), "a.html")
    lines = result.text.split("\n")
    assert any(line.startswith("أعلنت اللجنة") for line in lines)
    assert any(line.startswith("وقال رئيس اللجنة") for line in lines)
    assert result.metadata.title == "انتخابات بلدية"  # trafilatura prefers a lone <h1>
    assert result.encoding == "utf-8"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2024-03-05T23:30:00-05:00">',
            "2024-03-05",
        ),
        ('<meta name="pubdate" content="20240305">', "2024-03-05"),
        ('<meta itemprop="datePublished" content="2024-03-05">', "2024-03-05"),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
            ' "datePublished": "2024-03-05T10:00:00Z"}]}</script>',
            "2024-03-05",
        ),
        ("", None),
        ('<meta name="description" content="2024-03-05">', None),
    ],
)
def test_html_stated_date_only(head: str, expected: str | None) -> None:
    result = parse_html(page(head).encode(), "a.html", url="https://x.example/2023/01/02/a")
    assert result.metadata.published == expected
    assert result.metadata.published_from == ("metadata" if expected else None)


def test_html_date_in_rdfa_and_time_elements() -> None:
    tree = lxml_html.fromstring(
        page(body='<span property="dc:date" content="2019-02-08T00:00:00+01:00">x</span>')
    )
    assert stated_date(tree) == "2019-02-08"
    tree = lxml_html.fromstring(page(body='<time pubdate datetime="2020-01-02">x</time>'))
    assert stated_date(tree) == "2020-01-02"
    tree = lxml_html.fromstring(page(body="<p>نشر في 2020-01-02</p>"))
    assert stated_date(tree) is None  # a date in the body text is not stated metadata


def test_html_metadata_fields() -> None:
    head = (
        '<meta property="og:site_name" content="صحيفة المثال">'
        '<meta name="author" content="سارة أحمد">'
        '<link rel="canonical" href="https://news.example/a/1">'
    )
    meta = parse_html(page(head).encode(), "a.html").metadata
    assert meta.site == "صحيفة المثال"
    assert meta.author == "سارة أحمد"
    assert meta.url == "https://news.example/a/1"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'<meta charset="windows-1256">', "windows-1256"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-6'>", "iso-8859-6"),
        (b'<?xml version="1.0" encoding="UTF-8"?><html>', "utf-8"),
        (b"<html><head></head>", None),
    ],
)
def test_html_declared_charset(raw: bytes, expected: str | None) -> None:
    assert declared_charset(raw) == expected


@pytest.mark.parametrize("codec", ["cp1256", "iso-8859-6"])
def test_html_legacy_charset_honoured(codec: str) -> None:
    body = BODY.replace("<h1>انتخابات بلدية</h1>", "")
    data = page(f'<meta charset="{codec}">', body).encode(codec)
    result = parse_html(data, "a.html")
    assert "أعلنت اللجنة العليا" in result.text
    assert result.encoding in ("windows-1256", "iso-8859-6")


def test_html_http_charset_beats_meta() -> None:
    data = page('<meta charset="utf-8">').encode("cp1256")
    result = parse_html(data, "a.html", http_charset="windows-1256")
    assert result.encoding == "windows-1256"


def test_html_truncated_page_extracts_what_it_can() -> None:
    data = page("<title>عنوان</title>").encode()[:-60]  # cut inside the last paragraph
    result = parse_html(data, "a.html")
    assert "أعلنت اللجنة العليا" in result.text


@pytest.mark.parametrize(
    "data", [b"<html><head><ti", b"<html><body></body></html>", b"<html><body>   </body></html>"]
)
def test_html_nothing_extracted_is_rejected(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        parse_html(data, "cut.html")
    assert info.value.reason == (
        f"no main text could be extracted from the HTML ({len(data)} bytes)"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\n  <html lang='ar'>", True),
        (b"<!-- c --><html>", True),
        (b"<div><p>x</p></div><body>", True),
        (b"plain text < 5 and > 3", False),
        (b'<?xml version="1.0"?><rss>', False),
    ],
)
def test_html_sniffing(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected
