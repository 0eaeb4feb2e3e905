"""The analysis export (``marsad.analysis/1``): the contract every face reads.

Documented by the JSON Schema in ``resources/schema/analysis-1.schema.json``; :func:`validate`
checks an export against it. Offsets index into each document's cleaned ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.errors import Rejection
from marsad.model import Document, Entity
from marsad.resolve.corpus import unresolved_id

__all__ = ["SCHEMA_ID", "build_analysis", "validate"]

SCHEMA_ID = "marsad.analysis/1"


def _span(doc: Document, start: int, end: int) -> dict[str, Any]:
    return {"doc": doc.id, "start": start, "end": end, "text": doc.text[start:end]}


def build_analysis(
    docs: Sequence[Document],
    *,
    fields: Mapping[str, Mapping[str, str | None]] | None = None,
    entities: Mapping[str, Entity] | None = None,
    rejections: Sequence[Rejection] = (),
    extra: Mapping[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The export of ``docs``.

    Args:
        docs: processed documents.
        fields: per document id, the store's ``story``, ``duplicate_of`` and ``version_of``.
        entities: canonical entities by id; mentions whose entity is unknown are grouped by
            type and matching key.
        rejections: inputs left out of the run, listed in the export.
        extra: corpus-level layers (``events``, ``facts``, ``conflicts``, ``stories``).
    """
    from marsad import __version__

    known = dict(entities or {})
    grouped: dict[str, dict[str, Any]] = {}
    out_docs: list[dict[str, Any]] = []
    times: list[dict[str, Any]] = []
    quantities: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    for doc in docs:
        f = (fields or {}).get(doc.id, {})
        m = doc.metadata
        out_docs.append(
            {
                "id": doc.id,
                "source": doc.provenance.source,
                "kind": doc.provenance.kind,
                "url": m.url,
                "title": m.title,
                "published": m.published,
                "published_from": m.published_from,
                "author": m.author,
                "site": m.site,
                "credited_source": m.credited_source,
                "original_url": m.original_url,
                "text": doc.text,
                "story": f.get("story"),
                "duplicate_of": f.get("duplicate_of"),
                "version_of": f.get("version_of"),
                "sentences": [[s.start, s.end] for s in doc.sentences],
                "removed": [
                    {"raw_start": r.start, "raw_end": r.end, "reason": r.reason, "text": r.text}
                    for r in doc.removed
                ],
            }
        )
        for mention in doc.entities:
            eid = mention.entity or unresolved_id(mention.text)
            entry = grouped.get(eid)
            if entry is None:
                e = known.get(eid)
                entry = grouped[eid] = {
                    "id": eid,
                    "type": e.type if e else mention.type,
                    "name": e.name if e else mention.text,
                    "name_en": e.name_en if e else None,
                    "wikidata": e.wikidata if e else None,
                    "aliases": sorted(set(e.aliases)) if e else [],
                    "mentions": [],
                }
            entry["mentions"].append(_span(doc, mention.start, mention.end))
            if mention.text != entry["name"] and mention.text not in entry["aliases"]:
                entry["aliases"].append(mention.text)
        for t in doc.times:
            times.append(
                {
                    **_span(doc, t.start, t.end),
                    "value": t.value,
                    "end_value": t.end_value,
                    "granularity": t.granularity,
                    "kind": t.kind,
                    "anchor": t.anchor,
                    "mod": t.mod,
                }
            )
        for q in doc.quantities:
            quantities.append(
                {
                    **_span(doc, q.start, q.end),
                    "value": q.value,
                    "unit": q.unit,
                    "approx": q.approx,
                    "lower": q.lower,
                    "upper": q.upper,
                    "kind": q.kind,
                    "equivalent": list(q.equivalent) if q.equivalent else None,
                }
            )
        for quote in doc.quotes:
            quotes.append(
                {**_span(doc, quote.start, quote.end), "speaker": quote.speaker, "cue": quote.cue}
            )
    layers = dict(extra or {})
    return {
        "schema": SCHEMA_ID,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "marsad_version": __version__,
        "documents": out_docs,
        "entities": sorted(grouped.values(), key=lambda e: (-len(e["mentions"]), e["id"])),
        "times": times,
        "quantities": quantities,
        "quotes": quotes,
        "events": layers.get("events", []),
        "facts": layers.get("facts", []),
        "conflicts": layers.get("conflicts", []),
        "stories": layers.get("stories", []),
        "rejections": [
            {"source": r.source, "stage": r.stage, "reason": r.reason, "document": r.document}
            for r in rejections
        ],
    }


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    path = resources.files("marsad.resources.schema").joinpath("analysis-1.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def validate(export: Mapping[str, Any]) -> list[str]:
    """Schema violations of ``export`` (empty when valid), plus offset checks the schema cannot
    express: every span's text must equal its document's text at its offsets."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(export)
    ]
    texts = {d.get("id"): d.get("text") for d in export.get("documents", [])}

    def check(span: Mapping[str, Any], where: str) -> None:
        text = texts.get(span["doc"])
        if text is None:
            problems.append(f"{where}: unknown document {span['doc']}")
        elif text[span["start"] : span["end"]] != span["text"]:
            problems.append(
                f"{where}: text at {span['start']}..{span['end']} is not {span['text']!r}"
            )

    for e in export.get("entities", []):
        for m in e["mentions"]:
            check(m, f"entities/{e['id']}")
    for layer in ("times", "quantities", "quotes"):
        for i, span in enumerate(export.get(layer, [])):
            check(span, f"{layer}/{i}")
    for layer in ("events", "facts"):
        for item in export.get(layer, []):
            for span in item.get("evidence", []):
                check(span, f"{layer}/{item['id']}")
    return problems
