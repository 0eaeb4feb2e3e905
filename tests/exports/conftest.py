"""A small hand-built analysis export for the format tests: two articles reporting one visit,
a quote, two conflicting facts, a story, and hostile text (markup, formulas, commas, newlines).

Offsets are computed from the text, never typed in.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from marsad.exports.analysis import build_analysis
from marsad.model import (
    Document,
    Entity,
    Metadata,
    Provenance,
    Quote,
)
from tests.spans import line_sentences, mention, span_of

PUTIN = Entity("wd:Q7747", "PERSON", "فلاديمير بوتين", "Vladimir Putin", "Q7747", ("بوتين",))
ASTANA = Entity("wd:Q1520", "GPE", "أستانا", "Astana", "Q1520")
FORMULA = Entity("kb:formula", "ORG", '=HYPERLINK("http://x","y")', "+1-2", None, ("@SUM(A1)",))

TEXT_A = (
    'وصل بوتين إلى أستانا، وقال: "سنوقع 5 اتفاقيات مع أستانا".\n'
    "<script>alert(1)</script> و<img src=x onerror=alert(1)> في النص.\n"
    'وشاركت =HYPERLINK("http://x","y") في اللقاء مع بوتين.'
)
TEXT_B = "بدأ بوتين زيارة إلى أستانا اليوم.\nوقيل إن عدد الاتفاقيات 7."


def documents() -> list[Document]:
    a, b = TEXT_A, TEXT_B
    q1, q2 = span_of(a, '"سنوقع 5 اتفاقيات مع أستانا"')
    doc_a = Document(
        raw=a,
        provenance=Provenance("a.txt", "file", "2025-11-11T10:00:00+00:00"),
        metadata=Metadata(
            title='بوتين, في "أستانا"\n<script>alert(1)</script>',
            published="2025-11-11",
            site="تاس",
            url="javascript:alert(1)",
        ),
        sentences=line_sentences(a),
        entities=(
            mention(a, "بوتين", "PERSON", PUTIN.id),
            mention(a, "أستانا", "GPE", ASTANA.id),
            mention(a, "أستانا", "GPE", ASTANA.id, nth=1),
            mention(a, '=HYPERLINK("http://x","y")', "ORG", FORMULA.id),
            mention(a, "بوتين", "PERSON", PUTIN.id, nth=1),
        ),
        quotes=(Quote(q1, q2, a[q1:q2], PUTIN.id, None, "قال"),),
    )
    doc_b = Document(
        raw=b,
        provenance=Provenance("b.txt", "file", "2025-11-12T10:00:00+00:00"),
        metadata=Metadata(title="زيارة", published="2025-11-12", url="https://example.org/b"),
        sentences=line_sentences(b),
        entities=(mention(b, "بوتين", "PERSON", PUTIN.id), mention(b, "أستانا", "GPE", ASTANA.id)),
    )
    return [doc_a, doc_b]


def make_export() -> dict[str, Any]:
    """The export, built by ``build_analysis`` like every real one."""
    doc_a, doc_b = documents()

    def span(doc: Document, needle: str) -> dict[str, Any]:
        s, e = span_of(doc.text, needle)
        return {"doc": doc.id, "start": s, "end": e, "text": needle}

    layers: dict[str, list[dict[str, Any]]] = {
        "events": [
            {
                "id": "EV-1",
                "type": "CONSULT",
                "mode": "visit",
                "status": "occurred",
                "actors": [PUTIN.id],
                "targets": [ASTANA.id],
                "location": ASTANA.id,
                "start": "2025-11-11",
                "end": None,
                "evidence": [
                    span(doc_a, "وصل بوتين إلى أستانا"),
                    span(doc_b, "بدأ بوتين زيارة إلى أستانا اليوم."),
                ],
                "description_ar": "زيارة بوتين إلى أستانا",
            },
            {
                "id": "EV-2",
                "type": "AGREE",
                "mode": None,
                "status": "planned",
                "actors": [PUTIN.id, FORMULA.id],
                "targets": [],
                "location": None,
                "start": None,
                "end": None,
                "evidence": [span(doc_a, "<script>alert(1)</script>")],
            },
        ],
        "facts": [
            {
                "id": "F-1",
                "subject": [PUTIN.id, ASTANA.id],
                "attribute": "agreements",
                "value": 5.0,
                "unit": None,
                "evidence": [span(doc_a, "5 اتفاقيات")],
            },
            {
                "id": "F-2",
                "subject": [PUTIN.id, ASTANA.id],
                "attribute": "agreements",
                "value": 7,
                "unit": None,
                "evidence": [span(doc_b, "عدد الاتفاقيات 7")],
            },
        ],
        "conflicts": [{"facts": ["F-1", "F-2"], "reason": "agreements: 5 vs 7"}],
        "stories": [
            {
                "id": "S-1",
                "docs": [doc_a.id, doc_b.id],
                "title": "زيارة بوتين",
                "summary": [span(doc_b, "بدأ بوتين زيارة إلى أستانا اليوم.")],
            }
        ],
    }
    return build_analysis(
        [doc_a, doc_b],
        fields={doc_a.id: {"story": "S-1"}, doc_b.id: {"story": "S-1"}},
        entities={e.id: e for e in (PUTIN, ASTANA, FORMULA)},
        extra=layers,
    )


@pytest.fixture
def export() -> dict[str, Any]:
    return make_export()


@pytest.fixture
def handmade() -> SimpleNamespace:
    """The documents and entities, for tests that build a store."""
    return SimpleNamespace(documents=documents, PUTIN=PUTIN, ASTANA=ASTANA, FORMULA=FORMULA)
