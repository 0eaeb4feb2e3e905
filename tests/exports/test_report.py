"""The brief report: HTML (escaped, no script) and Markdown, with citations and sections."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from marsad.exports.report import report_data, report_html, report_markdown
from marsad.exports.scope import Scope, apply_scope


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


def test_report_html_escapes_article_markup(export: dict[str, Any]) -> None:
    page = report_html(export)
    parsed = _parse(page)
    tags = {t for t, _ in parsed.tags}
    assert "script" not in tags and "img" not in tags
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # shown as text (the second event's evidence)
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_report_html_links_only_http_urls(export: dict[str, Any]) -> None:
    hrefs = [a.get("href") or "" for t, a in _parse(report_html(export)).tags if t == "a"]
    assert "https://example.org/b" in hrefs
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    assert all(h.startswith(("#src-", "https://")) for h in hrefs)


def test_report_sections_and_citations(export: dict[str, Any]) -> None:
    r = report_data(export)
    assert r.title == "زيارة بوتين"
    assert [c.text for c in r.summary] == ["بدأ بوتين زيارة إلى أستانا اليوم."]
    # timeline in date order, undated last; each evidence cited to a listed source
    assert [t[0] for t in r.timeline] == ["2025-11-11", "؟"]
    assert r.timeline[0][1] == "زيارة بوتين إلى أستانا"
    numbers = {s["n"] for s in r.sources}
    assert {c.source for t in r.timeline for c in t[3]} <= numbers
    assert [f[1] for f in r.figures] == ["agreements = 5", "agreements = 7"]
    reason, side_by_side = r.conflicts[0]
    assert reason == "agreements: 5 vs 7" and len(side_by_side) == 2
    assert len(r.sources) == 2 and sorted(numbers) == [1, 2]


def test_report_html_conflict_side_by_side(export: dict[str, Any]) -> None:
    page = report_html(export)
    row = re.search(r"<table><caption>agreements: 5 vs 7</caption><tr>(.*?)</tr>", page)
    assert row is not None and row.group(1).count("<td>") == 2


def test_report_markdown_escapes_and_cites(export: dict[str, Any]) -> None:
    md = report_markdown(export)
    assert "<script>" not in md and "\\<script\\>" in md
    assert md.startswith("# زيارة بوتين\n")
    for heading in ("## الملخص", "## الخط الزمني", "## أرقام رئيسية", "## تعارضات", "## المصادر"):
        assert heading in md
    cited = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defined = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.M))
    assert cited and cited <= defined
    assert "javascript:" not in md and "<https://example.org/b>" in md


@pytest.mark.parametrize(
    ("scope", "docs", "events"),
    [(Scope(date_from="2025-11-12"), 1, 1), (Scope(story="S-1"), 2, 2), (Scope(), 2, 2)],
)
def test_report_of_a_scope(export: dict[str, Any], scope: Scope, docs: int, events: int) -> None:
    r = report_data(apply_scope(export, scope))
    assert len(r.sources) == docs and len(r.timeline) == events
