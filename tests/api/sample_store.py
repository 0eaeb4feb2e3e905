"""Hand-built documents with every layer filled, for the API and browser tests.

Offsets are computed from the text (``text.index``), never typed in, so editing a sentence
cannot leave a span pointing at the wrong characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from marsad.model import (
    Document,
    Entity,
    EntityMention,
    Metadata,
    Provenance,
    Quantity,
    Quote,
    TimeExpression,
)
from marsad.store.sqlite import SqliteStore
from tests.spans import line_sentences, mention, span_of

PUTIN = Entity("wd:Q7747", "PERSON", "فلاديمير بوتين", "Vladimir Putin", "Q7747", ("بوتن",))
KAZAKHSTAN = Entity("wd:Q232", "GPE", "كازاخستان", "Kazakhstan", "Q232")
MOSCOW = Entity("wd:Q649", "GPE", "موسكو", "Moscow", "Q649")

VISIT = (
    "موسكو - وصل الرئيس الروسي فلاديمير بوتين إلى كازاخستان يوم 11 نوفمبر 2025.\n"
    'وقال بوتين: "سنوقع 30 اتفاقية مع كازاخستان".\n'
    "وبلغ حجم التبادل التجاري نحو 28 مليار دولار."
)
XSS = (
    "خبر مريب عن موسكو <script>window.__xss=1;alert(1)</script> في النص.\n"
    'وسطر ثانٍ فيه <img src=x onerror="window.__xss=1;alert(1)"> وصورة.'
)
PLAIN = "قالت مصادر في موسكو إن المحادثات ستستمر. وأضافت أن الوفد يصل غدا."


def visit_document() -> Document:
    t = VISIT
    prov = Provenance("seed/visit.txt", "file", "2025-11-11T10:00:00+00:00")
    ts, te = span_of(t, "11 نوفمبر 2025")
    n1, n2 = span_of(t, "30 اتفاقية")
    m1, m2 = span_of(t, "نحو 28 مليار دولار")
    q1, q2 = span_of(t, '"سنوقع 30 اتفاقية مع كازاخستان"')
    return Document(
        raw=t,
        provenance=prov,
        metadata=Metadata(title="بوتين يصل إلى كازاخستان", published="2025-11-11", site="تاس"),
        sentences=line_sentences(t),
        entities=(
            mention(t, "موسكو", "GPE", MOSCOW.id),
            mention(t, "فلاديمير بوتين", "PERSON", PUTIN.id),
            mention(t, "كازاخستان", "GPE", KAZAKHSTAN.id),
            mention(t, "بوتين", "PERSON", PUTIN.id, nth=1),
            mention(t, "كازاخستان", "GPE", KAZAKHSTAN.id, nth=1),
        ),
        times=(TimeExpression(ts, te, t[ts:te], "2025-11-11", "day"),),
        quantities=(
            Quantity(n1, n2, t[n1:n2], 30.0, None, kind="number"),
            Quantity(m1, m2, t[m1:m2], 28e9, "USD", approx=True, kind="money"),
        ),
        quotes=(Quote(q1, q2, t[q1:q2], PUTIN.id, None, "قال"),),
    )


def xss_document() -> Document:
    prov = Provenance("seed/xss.txt", "file", "2025-11-12T10:00:00+00:00")
    t = XSS
    return Document(
        raw=t,
        provenance=prov,
        metadata=Metadata(
            title="<b>عنوان</b><script>window.__xss=1</script>", published="2025-11-12"
        ),
        sentences=line_sentences(t),
        entities=(mention(t, "موسكو", "GPE", MOSCOW.id),),
    )


def plain_document() -> Document:
    prov = Provenance("seed/plain.txt", "file", "2025-11-10T10:00:00+00:00")
    t = PLAIN
    return Document(
        raw=t,
        provenance=prov,
        sentences=line_sentences(t),
        entities=(mention(t, "موسكو", "GPE", None),),
        times=(
            TimeExpression(*span_of(t, "غدا"), "غدا", "2025-11-09", "day", anchor="2025-11-08"),
        ),
    )


def corpus_layers(visit_id: str) -> dict[str, list[dict[str, Any]]]:
    """Events, facts and a conflict citing the visit document."""
    t = VISIT

    def span(needle: str) -> dict[str, Any]:
        s, e = span_of(t, needle)
        return {"doc": visit_id, "start": s, "end": e, "text": needle}

    return {
        "events": [
            {
                "id": "ev1",
                "type": "visit",
                "mode": None,
                "status": "happened",
                "actors": [PUTIN.id],
                "targets": [KAZAKHSTAN.id],
                "location": KAZAKHSTAN.id,
                "start": "2025-11-11",
                "end": None,
                "evidence": [span("وصل الرئيس الروسي فلاديمير بوتين إلى كازاخستان")],
            },
            {
                "id": "ev2",
                "type": "agreement",
                "mode": None,
                "status": "planned",
                "actors": [PUTIN.id],
                "targets": [],
                "location": None,
                "start": "2025-12-01",
                "end": None,
                "evidence": [span("سنوقع 30 اتفاقية")],
            },
        ],
        "facts": [
            {
                "id": "f1",
                "subject": [PUTIN.id, KAZAKHSTAN.id],
                "attribute": "agreements",
                "value": 30,
                "unit": None,
                "evidence": [span("30 اتفاقية")],
            },
            {
                "id": "f2",
                "subject": [PUTIN.id, KAZAKHSTAN.id],
                "attribute": "agreements",
                "value": 25,
                "unit": None,
                "evidence": [span("سنوقع")],
            },
        ],
        "conflicts": [{"facts": ["f1", "f2"], "reason": "عدد الاتفاقيات مختلف"}],
        "stories": [],
    }


def build_store(path: Path) -> dict[str, str]:
    """Store the three documents and the entities at ``path``; their ids by name."""
    docs = {"visit": visit_document(), "xss": xss_document(), "plain": plain_document()}
    with SqliteStore.open(path) as store:
        for doc in docs.values():
            store.put(doc)
        store.put_entities([PUTIN, KAZAKHSTAN, MOSCOW])
    return {name: doc.id for name, doc in docs.items()}


# -- for the browser tests: a second report of the visit, and hostile names -----------------

HOSTILE_ENTITY = Entity(
    "kb:hostile",
    "PERSON",
    '<img src=x onerror="window.__xss=1;alert(1)">',
    "<script>window.__xss=1;alert(1)</script>",
)

# filler lines first, so the evidence sentence sits below the fold and has to be scrolled to
RETOLD = "".join(f"سطر تمهيدي رقم {n} عن العلاقات بين البلدين.\n" for n in range(1, 41)) + (
    "أستانا - بدأ الرئيس الروسي فلاديمير بوتين زيارة رسمية إلى كازاخستان اليوم.\n"
    "وتستمر الزيارة يومين وتتناول التعاون الاقتصادي.\n"
    "وقال مسؤولون إن الجانبين سيوقعان عدة اتفاقيات."
)
HOSTILE = (
    "زعم <script>window.__xss=1;alert(1)</script> أنه التقى بوتين.\n"
    'ثم نشر <img src=x onerror="window.__xss=1;alert(1)"> صورة.'
)


def retold_document() -> Document:
    """Another article reporting the visit (the merged event's second source)."""
    t = RETOLD
    return Document(
        raw=t,
        provenance=Provenance("seed/retold.txt", "file", "2025-11-11T12:00:00+00:00"),
        metadata=Metadata(title="بوتين في أستانا", published="2025-11-11", site="وكالة"),
        sentences=line_sentences(t),
        entities=(
            mention(t, "فلاديمير بوتين", "PERSON", PUTIN.id),
            mention(t, "كازاخستان", "GPE", KAZAKHSTAN.id),
        ),
    )


def hostile_document() -> Document:
    """Markup in the text, the title and an entity's names."""
    t = HOSTILE
    s, e = span_of(t, "<script>window.__xss=1;alert(1)</script>")
    return Document(
        raw=t,
        provenance=Provenance("seed/hostile.txt", "file", "2025-11-13T10:00:00+00:00"),
        metadata=Metadata(
            title='<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=1</script>',
            published="2025-11-13",
        ),
        sentences=line_sentences(t),
        entities=(
            EntityMention(s, e, t[s:e], "PERSON", HOSTILE_ENTITY.id),
            mention(t, "بوتين", "PERSON", PUTIN.id),
        ),
    )


def add_web_documents(path: Path, ids: dict[str, str]) -> dict[str, Any]:
    """Store the retold and hostile documents next to ``build_store``'s; return the corpus
    layers where the visit event is merged from two articles and a third event has a hostile
    participant. ``ids`` gains ``retold`` and ``hostile``."""
    retold, hostile = retold_document(), hostile_document()
    with SqliteStore.open(path) as store:
        store.put(retold)
        store.put(hostile)
        store.put_entities([HOSTILE_ENTITY])
    ids.update({"retold": retold.id, "hostile": hostile.id})
    layers = corpus_layers(ids["visit"])
    s, e = span_of(RETOLD, "بدأ الرئيس الروسي فلاديمير بوتين زيارة رسمية إلى كازاخستان")
    layers["events"][0]["evidence"].append(
        {"doc": retold.id, "start": s, "end": e, "text": RETOLD[s:e]}
    )
    hs, he = span_of(HOSTILE, "أنه التقى بوتين")
    layers["events"].append(
        {
            "id": "ev3",
            "type": "CONSULT",
            "mode": "meet",
            "status": "claimed",
            "actors": [HOSTILE_ENTITY.id],
            "targets": [PUTIN.id],
            "location": None,
            "start": "2025-12-02",
            "end": None,
            "evidence": [{"doc": hostile.id, "start": hs, "end": he, "text": HOSTILE[hs:he]}],
            "description_ar": '<img src=x onerror="window.__xss=1"> يلتقي بوتين',
        }
    )
    return layers
