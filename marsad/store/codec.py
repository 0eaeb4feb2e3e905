"""Documents to JSON-ready records and back (the store's and the export's shared encoding)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from marsad.model import (
    Document,
    EntityMention,
    EventMention,
    Metadata,
    OffsetMap,
    Participant,
    Provenance,
    Quantity,
    Quote,
    RemovedSpan,
    Sentence,
    TimeExpression,
)
from marsad.text.segment import tokenize

__all__ = ["LAYERS", "decode_layers", "encode_layers", "layer_items_to_json"]

#: layer name -> item class; tokens are stored compactly (see below)
LAYERS: dict[str, type[Any]] = {
    "removed": RemovedSpan,
    "sentences": Sentence,
    "entities": EntityMention,
    "times": TimeExpression,
    "quantities": Quantity,
    "quotes": Quote,
    "events": EventMention,
}


def layer_items_to_json(items: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(item) for item in items]


def encode_layers(doc: Document) -> dict[str, str]:
    """JSON text per non-empty layer of ``doc``.

    Tokens are not stored: they are a deterministic function of the text and its sentences and
    are rebuilt on load, which keeps the store small.
    """
    out: dict[str, str] = {}
    for name in LAYERS:
        items = getattr(doc, name)
        if items:
            out[name] = json.dumps(layer_items_to_json(items), ensure_ascii=False)
    if doc.tokens:
        out["tokens"] = "1"
    if doc.clean_map is not None:
        out["clean_map"] = json.dumps(_runs(doc.clean_map))
    return out


def _runs(m: OffsetMap) -> list[list[int]]:
    """Compress a cleaning map into runs ``[derived_start, source_start, length]``."""
    runs: list[list[int]] = []
    for i, (s, e) in enumerate(zip(m.starts, m.ends, strict=True)):
        if runs:
            d0, s0, n = runs[-1]
            if d0 + n == i and s0 + n == s and e == s + 1:
                runs[-1][2] += 1
                continue
        if e == s + 1:
            runs.append([i, s, 1])
        else:  # a derived character covering several source characters: a run of its own
            runs.append([i, s, -(e - s)])
    return runs


def _unruns(runs: list[list[int]], source_length: int) -> OffsetMap:
    starts: list[int] = []
    ends: list[int] = []
    for _d, s, n in runs:
        if n < 0:
            starts.append(s)
            ends.append(s - n)
        else:
            starts.extend(range(s, s + n))
            ends.extend(range(s + 1, s + n + 1))
    return OffsetMap(tuple(starts), tuple(ends), source_length)


def _decode_item(cls: type[Any], data: dict[str, Any]) -> Any:
    fields = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in fields}
    if cls is EventMention:
        for role in ("actors", "targets"):
            kwargs[role] = tuple(Participant(**p) for p in kwargs.get(role, ()))
        location = data.get("location")
        kwargs["location"] = Participant(**location) if isinstance(location, dict) else None
    return cls(**kwargs)


def decode_layers(
    raw: str,
    text: str,
    provenance: Provenance,
    metadata: Metadata,
    layers: dict[str, str],
    doc_id: str,
) -> Document:
    """Rebuild a document from its stored columns and layer JSON."""
    kwargs: dict[str, Any] = {}
    for name, cls in LAYERS.items():
        if name in layers:
            kwargs[name] = tuple(_decode_item(cls, d) for d in json.loads(layers[name]))
    if "tokens" in layers:
        kwargs["tokens"] = tuple(
            t for s in kwargs.get("sentences", ()) for t in tokenize(text, s.start, s.end)
        )
    clean_map = (
        _unruns(json.loads(layers["clean_map"]), len(raw)) if "clean_map" in layers else None
    )
    return Document(
        raw=raw,
        provenance=provenance,
        metadata=metadata,
        text=text,
        clean_map=clean_map,
        id=doc_id,
        **kwargs,
    )
