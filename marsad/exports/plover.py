"""PLOVER-style event records as JSON Lines: one merged event per line.

PLOVER is the *Political Language Ontology for Verifiable Event Records* (the openeventdata
PLOVER specification, successor of CAMEO; the POLECAT data set is coded with it). marsad's
event types and modes already use PLOVER's categories (``CONSULT`` / ``visit``, ``AGREE``, ...),
so each merged event of the ``marsad.analysis/1`` export maps to one record:

``id``
    the merged event's id (stable across runs).
``event_type``, ``mode``, ``context``
    PLOVER's event category, its mode (or ``null``) and context labels (empty: none assigned).
``status``
    marsad's factuality of the event: ``occurred``, ``planned``, ``denied``, ...
``date``, ``date_end``
    ISO 8601 dates (or prefixes: ``2024``, ``2024-11``, ``2024-W47``), ``null`` when unknown.
``actors``, ``targets``
    PLOVER's source actor(s) and target (recipient) actor(s), each
    ``{"id", "name", "name_en", "type", "wikidata"}``.
``location``
    the place, in the same shape, or ``null``.
``sources``
    the documents reporting the event: ``{"doc", "title", "url", "site", "published"}``.
``evidence``
    the sentences the event was read from: ``{"doc", "start", "end", "text"}`` (offsets into
    the document's text in the analysis export).
``description_ar``, ``description_en``
    one-line descriptions when the export has them.

Lines are UTF-8 JSON with Arabic kept as characters; U+2028/U+2029 are escaped so that no reader
splits a record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["plover_lines", "plover_records", "write_plover"]


def _actor(entities: Mapping[str, Mapping[str, Any]], ident: str) -> dict[str, Any]:
    e = entities.get(ident)
    if e is None:
        return {"id": ident, "name": ident, "name_en": None, "type": None, "wikidata": None}
    return {
        "id": ident,
        "name": e["name"],
        "name_en": e.get("name_en"),
        "type": e.get("type"),
        "wikidata": e.get("wikidata"),
    }


def plover_records(export: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The PLOVER-style record of every event of ``export``, in the export's order.

    Args:
        export: a ``marsad.analysis/1`` export.

    Yields:
        One dict per event (fields in the module docstring).

    Example:
        >>> next(plover_records(export))["event_type"]  # doctest: +SKIP
        'CONSULT'
    """
    entities = {e["id"]: e for e in export["entities"]}
    docs = {d["id"]: d for d in export["documents"]}
    for ev in export["events"]:
        evidence = [
            {"doc": s["doc"], "start": s["start"], "end": s["end"], "text": s["text"]}
            for s in ev.get("evidence", [])
        ]
        sources = []
        for doc_id in dict.fromkeys(s["doc"] for s in evidence):
            d = docs.get(doc_id, {})
            sources.append(
                {
                    "doc": doc_id,
                    "title": d.get("title"),
                    "url": d.get("url"),
                    "site": d.get("site"),
                    "published": d.get("published"),
                }
            )
        location = ev.get("location")
        yield {
            "id": ev["id"],
            "event_type": ev["type"],
            "mode": ev.get("mode"),
            "context": list(ev.get("context") or []),
            "status": ev.get("status"),
            "date": ev.get("start"),
            "date_end": ev.get("end"),
            "actors": [_actor(entities, a) for a in ev.get("actors", [])],
            "targets": [_actor(entities, t) for t in ev.get("targets", [])],
            "location": _actor(entities, location) if location else None,
            "sources": sources,
            "evidence": evidence,
            "description_ar": ev.get("description_ar"),
            "description_en": ev.get("description_en"),
        }


def plover_lines(export: Mapping[str, Any]) -> Iterator[str]:
    """Each record of :func:`plover_records` as one JSON line (with its ``\\n``)."""
    for record in plover_records(export):
        line = json.dumps(record, ensure_ascii=False, sort_keys=False)
        yield line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def write_plover(export: Mapping[str, Any], path: str | Path) -> int:
    """Write the events of ``export`` as PLOVER-style JSON Lines to ``path``.

    Returns:
        The number of records written.
    """
    n = 0
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        for line in plover_lines(export):
            fh.write(line)
            n += 1
    return n
