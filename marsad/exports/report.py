"""A brief report of an analysis export (a story or a date range): HTML and Markdown.

The report has a title, the summary sentences with their citations, a timeline of the merged
events, key figures (facts), conflicts side by side and the list of sources; every claim carries
a numbered citation to its source document. Narrow the export first with
:func:`marsad.exports.scope.apply_scope`.

Article text is untrusted. The HTML escapes every string (:func:`html.escape`), carries no script
and a Content-Security-Policy that forbids any, and links only ``http``/``https`` URLs; the
Markdown escapes Markdown and HTML syntax so a renderer shows the text as written.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ReportData", "report_data", "report_html", "report_markdown"]

_MAX_SUMMARY = 8


@dataclass(frozen=True, slots=True)
class Cited:
    """A sentence (or span) of a source and the number of that source in the sources list."""

    text: str
    source: int


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything a report shows, independent of its format."""

    title: str
    scope: str
    generated_at: str
    summary: list[Cited]
    timeline: list[tuple[str, str, str, list[Cited]]]  # date, what, status, evidence
    figures: list[tuple[str, str, list[Cited]]]  # subject, attribute = value, evidence
    conflicts: list[tuple[str, list[tuple[str, list[Cited]]]]]  # reason, facts side by side
    sources: list[dict[str, Any]]  # number, id, title, site, published, url


def _title_of(doc: Mapping[str, Any]) -> str:
    return str(doc.get("title") or doc["text"].split("\n", 1)[0][:120] or doc["id"])


def _value(fact: Mapping[str, Any]) -> str:
    value = fact.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    approx = "≈ " if fact.get("approx") else ""
    return f"{approx}{shown}{' ' + fact['unit'] if fact.get('unit') else ''}"


def report_data(export: Mapping[str, Any], *, title: str | None = None) -> ReportData:
    """Gather what a report of ``export`` shows.

    Args:
        export: a ``marsad.analysis/1`` export, usually narrowed by ``apply_scope``.
        title: the report's title (default: the only story's title, else a generic one).

    Returns:
        The report's content with citations numbered by source, in the order first cited
        (sources never cited follow, by publication date).
    """
    docs = {d["id"]: d for d in export["documents"]}
    names = {e["id"]: e["name"] for e in export["entities"]}
    numbers: dict[str, int] = {}

    def cite(span: Mapping[str, Any]) -> Cited:
        n = numbers.setdefault(span["doc"], len(numbers) + 1)
        return Cited(str(span["text"]), n)

    summary: list[Cited] = []
    for story in export["stories"]:
        for s in story.get("summary") or []:
            if isinstance(s, Mapping) and s.get("doc") in docs and len(summary) < _MAX_SUMMARY:
                summary.append(cite(s))
    if not summary:  # no story summaries: each document's first sentence
        for d in sorted(docs.values(), key=lambda d: (d.get("published") or "9999", d["id"])):
            sents = d.get("sentences") or [[0, len(d["text"].split("\n", 1)[0])]]
            s, e = sents[0]
            if e > s and len(summary) < _MAX_SUMMARY:
                summary.append(cite({"doc": d["id"], "text": d["text"][s:e]}))

    def who(ids: list[str]) -> str:
        return "، ".join(names.get(i, i) for i in ids)

    timeline = []
    for ev in sorted(export["events"], key=lambda e: (e.get("start") or "9999", e["id"])):
        what = ev.get("description_ar") or " ".join(
            x
            for x in (
                ev["type"],
                ev.get("mode") or "",
                who(ev.get("actors", [])),
                "← " + who(ev["targets"]) if ev.get("targets") else "",
            )
            if x
        )
        evidence = [cite(s) for s in ev.get("evidence", []) if s["doc"] in docs]
        timeline.append((ev.get("start") or "؟", what, str(ev.get("status") or ""), evidence))

    figures = []
    by_id = {}
    for f in export["facts"]:
        line = f"{f['attribute']}{' (' + f['qualifier'] + ')' if f.get('qualifier') else ''}"
        cited = [cite(s) for s in f.get("evidence", [])[:1] if s["doc"] in docs]
        by_id[f["id"]] = (f"{line} = {_value(f)}", cited)
        figures.append((who(f.get("subject", [])), by_id[f["id"]][0], cited))

    conflicts = [
        (str(c.get("reason", "")), [by_id[i] for i in c.get("facts", []) if i in by_id])
        for c in export["conflicts"]
    ]
    rest = sorted(
        (d for d in docs.values() if d["id"] not in numbers),
        key=lambda d: (d.get("published") or "9999", d["id"]),
    )
    for d in rest:
        numbers[d["id"]] = len(numbers) + 1
    sources = [
        {
            "n": n,
            "id": doc_id,
            "title": _title_of(docs[doc_id]) if doc_id in docs else doc_id,
            "site": (docs.get(doc_id) or {}).get("credited_source")
            or (docs.get(doc_id) or {}).get("site"),
            "published": (docs.get(doc_id) or {}).get("published"),
            "url": (docs.get(doc_id) or {}).get("url"),
        }
        for doc_id, n in sorted(numbers.items(), key=lambda kv: kv[1])
    ]
    if title is None:
        stories = export["stories"]
        title = (stories[0].get("title") if len(stories) == 1 else None) or "تقرير مَرصَد"
    scope = export.get("scope") or {}
    if scope.get("story"):
        label = f"القصة {scope['story']}"
    elif scope.get("from") or scope.get("to"):
        label = f"من {scope.get('from') or '…'} إلى {scope.get('to') or '…'}"
    else:
        label = "كل الأخبار"
    return ReportData(
        title=title,
        scope=label,
        generated_at=str(export.get("generated_at", "")),
        summary=summary,
        timeline=timeline,
        figures=figures,
        conflicts=conflicts,
        sources=sources,
    )


# -- HTML ------------------------------------------------------------------------------------

_CSS = (
    "body{font-family:'Noto Naskh Arabic','Amiri',serif;max-width:52rem;margin:2rem auto;"
    "padding:0 1rem;line-height:1.7;color:#1b1b1b}"
    "h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}"
    "sup a{text-decoration:none}blockquote{margin:.3rem 1.5rem;color:#333}"
    ".meta{color:#666;font-size:.9rem}table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}"
    "[lang=en],.ltr{direction:ltr;unicode-bidi:isolate}"
)
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'"
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _h_cites(cited: list[Cited]) -> str:
    return "".join(
        f'<sup><a href="#src-{n}">[{n}]</a></sup>' for n in dict.fromkeys(c.source for c in cited)
    )


def _h_quotes(cited: list[Cited]) -> str:
    return "".join(f"<blockquote>«{_e(c.text)}»{_h_cites([c])}</blockquote>" for c in cited)


def report_html(export: Mapping[str, Any], *, title: str | None = None) -> str:
    """The report of ``export`` as a standalone RTL HTML page with no script.

    Example:
        >>> page = report_html(apply_scope(export, Scope(story="S-1")))  # doctest: +SKIP
    """
    r = report_data(export, title=title)
    out = [
        "<!doctype html>",
        '<html lang="ar" dir="rtl"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{_e(r.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(r.title)}</h1>",
        f'<p class="meta">{_e(r.scope)} · {len(r.sources)} مصدر · '
        f'<bdi class="ltr">{_e(r.generated_at)}</bdi></p>',
        "<h2>الملخص</h2>",
    ]
    out.append(
        "<p>" + " ".join(f"{_e(c.text)}{_h_cites([c])}" for c in r.summary) + "</p>"
        if r.summary
        else "<p>لا ملخص.</p>"
    )
    out.append("<h2>الخط الزمني</h2>")
    if r.timeline:
        out.append("<ol>")
        for date, what, status, evidence in r.timeline:
            out.append(
                f'<li><bdi class="ltr">{_e(date)}</bdi> — <strong>{_e(what)}</strong>'
                f' <span class="meta">{_e(status)}</span>{_h_quotes(evidence)}</li>'
            )
        out.append("</ol>")
    else:
        out.append("<p>لا أحداث.</p>")
    out.append("<h2>أرقام رئيسية</h2>")
    if r.figures:
        out.append("<ul>")
        for subject, line, evidence in r.figures:
            out.append(f"<li>{_e(subject)}: <strong>{_e(line)}</strong>{_h_quotes(evidence)}</li>")
        out.append("</ul>")
    else:
        out.append("<p>لا أرقام.</p>")
    out.append("<h2>تعارضات</h2>")
    if r.conflicts:
        for reason, facts in r.conflicts:
            cells = "".join(
                f"<td><strong>{_e(line)}</strong>{_h_quotes(ev)}</td>" for line, ev in facts
            )
            out.append(f"<table><caption>{_e(reason)}</caption><tr>{cells}</tr></table>")
    else:
        out.append("<p>لا تعارضات.</p>")
    out.append('<h2>المصادر</h2><ol class="sources">')
    for s in r.sources:
        url = s.get("url") or ""
        link = (
            f' <a class="ltr" href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>'
            if _SAFE_URL.match(url)
            else (f' <bdi class="ltr">{_e(url)}</bdi>' if url else "")
        )
        meta = " · ".join(_e(x) for x in (s.get("site"), s.get("published"), s["id"]) if x)
        out.append(
            f'<li id="src-{s["n"]}">{_e(s["title"])} <span class="meta">{meta}</span>{link}</li>'
        )
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"


# -- Markdown --------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^([#+=>-]|\d+[.)])")


def _m(text: object) -> str:
    """Markdown-escaped inline text (newlines become spaces); what would start a heading,
    list or quote at the start of a line is escaped too."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _MD_LINE_START.sub(
        lambda m: (
            f"{m.group(1)[:-1]}\\{m.group(1)[-1]}" if m.group(1)[0].isdigit() else "\\" + m.group(1)
        ),
        escaped,
    )


def _m_cites(cited: list[Cited]) -> str:
    return "".join(f"[^{n}]" for n in dict.fromkeys(c.source for c in cited))


def report_markdown(export: Mapping[str, Any], *, title: str | None = None) -> str:
    """The report of ``export`` as Markdown (citations as footnotes ``[^n]``)."""
    r = report_data(export, title=title)
    out = [
        f"# {_m(r.title)}",
        "",
        f"*{_m(r.scope)} · {len(r.sources)} مصدر · {_m(r.generated_at)}*",
    ]
    out += ["", "## الملخص", ""]
    out.append(" ".join(f"{_m(c.text)}{_m_cites([c])}" for c in r.summary) or "لا ملخص.")
    out += ["", "## الخط الزمني", ""]
    for date, what, status, evidence in r.timeline:
        out.append(f"- **{_m(date)}** — {_m(what)} ({_m(status)})")
        out += [f"  > «{_m(c.text)}»{_m_cites([c])}" for c in evidence]
    if not r.timeline:
        out.append("لا أحداث.")
    out += ["", "## أرقام رئيسية", ""]
    for subject, line, evidence in r.figures:
        quote = "".join(f" «{_m(c.text)}»{_m_cites([c])}" for c in evidence)
        out.append(f"- {_m(subject)}: **{_m(line)}**{quote}")
    if not r.figures:
        out.append("لا أرقام.")
    out += ["", "## تعارضات", ""]
    for reason, facts in r.conflicts:
        out += [f"**{_m(reason)}**", ""]
        out.append("| " + " | ".join(f"الرواية {i + 1}" for i in range(len(facts))) + " |")
        out.append("|" + "---|" * len(facts))
        out.append(
            "| "
            + " | ".join(
                f"{_m(line)}: " + " ".join(f"«{_m(c.text)}»{_m_cites([c])}" for c in ev)
                for line, ev in facts
            )
            + " |"
        )
        out.append("")
    if not r.conflicts:
        out.append("لا تعارضات.")
    out += ["", "## المصادر", ""]
    for s in r.sources:
        meta = " · ".join(_m(x) for x in (s.get("site"), s.get("published"), s["id"]) if x)
        url = f" <{s['url']}>" if s.get("url") and _SAFE_URL.match(s["url"]) else ""
        out.append(f"[^{s['n']}]: {_m(s['title'])} ({meta}){url}")
    return "\n".join(out) + "\n"
