"""Facts (an attribute of some entities given a value, with its source) and the conflicts
between sources.

A fact is read from a figure (a :class:`~marsad.model.Quantity`) whose sentence names the
attribute with one of the cue phrases of ``resources/facts/attributes.json`` near the figure.
Its subject is the set of entities of the sentence (places and organizations, nisba adjectives
counted as their country), or, when the sentence names none ("الجانبان"), the two places the
document mentions most. A year in the sentence nearest the figure qualifies it ("in 2023").

Facts about the same attribute, qualifier and subject from different documents are compared as
intervals: an exact figure tolerates 0.5 %, an "about" figure 10 %, "more than" and "less than"
are open bounds, units are converted. Disjoint intervals are a conflict. Extraction is a
per-document map and comparison a fold over groups, as for the other corpus steps.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.model import Document, Quantity, Sentence, Token
from marsad.resources import load_json

__all__ = ["Fact", "fact_to_export", "find_conflicts", "find_facts"]

_PLACE_TYPES = frozenset({"GPE", "LOC", "ORG", "MISC"})


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    doc: str
    attribute: str
    qualifier: str | None  # e.g. the year a figure is for
    subject: tuple[str, ...]  # sorted entity ids
    subject_from: str  # "sentence" or "document"
    value: float
    unit: str | None
    approx: bool
    lower: float | None
    upper: float | None
    start: int  # the figure's span in the document text
    end: int
    text: str
    sentence: tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Attribute:
    name: str
    cues: tuple[tuple[str, ...], ...]
    kinds: frozenset[str]
    units: frozenset[str] | None
    subjects: int


@lru_cache(maxsize=1)
def _config() -> tuple[int, tuple[_Attribute, ...], dict[str, tuple[str, float]], dict[str, float]]:
    from marsad.text.segment import tokenize

    data = load_json("facts", "attributes.json")
    attrs = tuple(
        _Attribute(
            name,
            tuple(tuple(t.key for t in tokenize(cue) if t.is_word) for cue in spec["cues"]),
            frozenset(spec["kinds"]),
            frozenset(spec["units"]) if "units" in spec else None,
            int(spec["subjects"]),
        )
        for name, spec in data["attributes"].items()
    )
    factors = {
        unit: (dimension, float(f))
        for dimension, table in data["unit_factors"].items()
        for unit, f in table.items()
    }
    return int(data["window"]), attrs, factors, dict(data["tolerance"])


def _sentence_of(doc: Document, q: Quantity) -> Sentence | None:
    return next((s for s in doc.sentences if s.start <= q.start and q.end <= s.end), None)


def _has_cue(keys: Sequence[str], cue: tuple[str, ...]) -> bool:
    n = len(cue)
    return any(tuple(keys[i : i + n]) == cue for i in range(len(keys) - n + 1))


def _attribute(doc: Document, q: Quantity, words: Sequence[Token]) -> _Attribute | None:
    window, attrs, _, _ = _config()
    before = [t.key for t in words if t.end <= q.start][-window:]
    after = [t.key for t in words if t.start >= q.end][:window]
    near = before + after
    for attr in attrs:
        if q.kind not in attr.kinds:
            continue
        if attr.units is not None and q.unit not in attr.units:
            continue
        if any(_has_cue(near, cue) for cue in attr.cues):
            return attr
    return None


def _main_places(doc: Document, n: int) -> tuple[str, ...]:
    counts = Counter(m.entity for m in doc.entities if m.entity and m.type == "GPE")
    return tuple(sorted(e for e, _ in counts.most_common(n)))


def _qualifier(doc: Document, sentence: Sentence, q: Quantity) -> str | None:
    years = [
        t
        for t in doc.times
        if sentence.start <= t.start
        and t.end <= sentence.end
        and t.value[:4].isdigit()
        and t.granularity == "year"
    ]
    if not years:
        return None
    nearest = min(years, key=lambda t: min(abs(t.end - q.start), abs(q.end - t.start)))
    return nearest.value[:4]


def find_facts(doc: Document) -> tuple[Fact, ...]:
    """The facts one document states (the map step)."""
    facts: list[Fact] = []
    for q in doc.quantities:
        sentence = _sentence_of(doc, q)
        if sentence is None:
            continue
        words = [t for t in doc.tokens if t.is_word and sentence.start <= t.start < sentence.end]
        attr = _attribute(doc, q, words)
        if attr is None:
            continue
        subject = tuple(
            sorted(
                {
                    m.entity
                    for m in doc.entities
                    if m.entity
                    and m.type in _PLACE_TYPES
                    and sentence.start <= m.start < sentence.end
                    and not (m.start < q.end and q.start < m.end)
                }
            )
        )
        subject_from = "sentence"
        if len(subject) < attr.subjects:
            subject, subject_from = _main_places(doc, attr.subjects), "document"
        if not subject:
            continue
        qualifier = _qualifier(doc, sentence, q) if attr.name != "border_length" else None
        key = f"{doc.id}|{attr.name}|{q.start}"
        facts.append(
            Fact(
                id="F-" + hashlib.sha256(key.encode()).hexdigest()[:10],
                doc=doc.id,
                attribute=attr.name,
                qualifier=qualifier,
                subject=subject,
                subject_from=subject_from,
                value=q.value,
                unit=q.unit,
                approx=q.approx,
                lower=q.lower,
                upper=q.upper,
                start=q.start,
                end=q.end,
                text=q.text,
                sentence=(sentence.start, sentence.end),
            )
        )
    return tuple(facts)


def _interval(f: Fact) -> tuple[str | None, float, float]:
    _, _, factors, tolerance = _config()
    dimension, factor = factors.get(f.unit or "", (f.unit, 1.0))
    if f.lower is not None or f.upper is not None:
        lo = f.lower * factor if f.lower is not None else -math.inf
        hi = f.upper * factor if f.upper is not None else math.inf
        return dimension, lo, hi
    v = f.value * factor
    tol = tolerance["approx" if f.approx else "exact"]
    return dimension, v - abs(v) * tol, v + abs(v) * tol


def find_conflicts(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    """Pairs of facts from different documents about the same thing that cannot both hold."""
    groups: dict[tuple[str, str | None, tuple[str, ...]], list[Fact]] = {}
    for f in facts:
        groups.setdefault((f.attribute, f.qualifier, f.subject), []).append(f)
    conflicts: list[dict[str, Any]] = []
    for (attribute, qualifier, subject), members in sorted(groups.items(), key=str):
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.doc == b.doc:
                    continue
                da, alo, ahi = _interval(a)
                db, blo, bhi = _interval(b)
                if da != db or (alo <= bhi and blo <= ahi):
                    continue
                what = attribute + (f" ({qualifier})" if qualifier else "")
                conflicts.append(
                    {
                        "facts": [a.id, b.id],
                        "attribute": attribute,
                        "qualifier": qualifier,
                        "subject": list(subject),
                        "reason": f"{what}: {a.text} in {a.doc} vs {b.text} in {b.doc}",
                    }
                )
    return conflicts


def fact_to_export(f: Fact, doc: Document) -> dict[str, Any]:
    """A record of the export's ``facts`` layer."""
    s, e = f.sentence
    return {
        "id": f.id,
        "subject": list(f.subject),
        "subject_from": f.subject_from,
        "attribute": f.attribute,
        "qualifier": f.qualifier,
        "value": f.value,
        "unit": f.unit,
        "approx": f.approx,
        "lower": f.lower,
        "upper": f.upper,
        "evidence": [
            {"doc": doc.id, "start": f.start, "end": f.end, "text": doc.text[f.start : f.end]},
            {"doc": doc.id, "start": s, "end": e, "text": doc.text[s:e]},
        ],
    }
