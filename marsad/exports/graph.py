"""The graph of entities and their relations, as GraphML or GEXF (for Gephi).

Nodes are the export's entities (Arabic name as the label, English name, type, Wikidata id,
mention and document counts). Edges are undirected and weighted; each counts the evidence for
three relations between two entities:

``events``
    both take part in the same merged event (actor, target or location), counted once per
    evidence sentence of the event;
``quotes``
    one is the speaker of a quote that mentions the other;
``sentences``
    both are mentioned in the same sentence.

``weight`` is the sum of the three and ``evidence`` the number of distinct cited spans behind
the edge. Both files are written with :mod:`xml.etree.ElementTree`, which escapes every text and
attribute; characters XML 1.0 cannot hold (control characters) are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

__all__ = ["Edge", "EntityGraph", "build_graph", "to_gexf", "to_graphml", "write_graph"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RELATIONS = ("events", "quotes", "sentences")
_NODE_ATTRS: tuple[tuple[str, str], ...] = (
    ("name", "string"),
    ("name_en", "string"),
    ("type", "string"),
    ("wikidata", "string"),
    ("mentions", "int"),
    ("documents", "int"),
)
_EDGE_ATTRS: tuple[tuple[str, str], ...] = (
    ("weight", "double"),
    ("events", "int"),
    ("quotes", "int"),
    ("sentences", "int"),
    ("evidence", "int"),
)


def _clean(value: object) -> str:
    return _NOT_XML.sub("", str(value))


@dataclass(slots=True)
class Edge:
    """The relations between two entities and the spans that support them."""

    events: int = 0
    quotes: int = 0
    sentences: int = 0
    spans: set[tuple[str, int, int]] = field(default_factory=set)

    @property
    def weight(self) -> float:
        return float(self.events + self.quotes + self.sentences)


@dataclass(frozen=True, slots=True)
class EntityGraph:
    """Nodes (entity id -> attributes) and edges ((id, id) sorted -> :class:`Edge`)."""

    nodes: dict[str, dict[str, Any]]
    edges: dict[tuple[str, str], Edge]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def build_graph(export: Mapping[str, Any]) -> EntityGraph:
    """The entity graph of ``export``.

    Args:
        export: a ``marsad.analysis/1`` export.

    Returns:
        Nodes for every entity; an edge for every pair related at least once (see the module
        docstring). Participants of events that are not among the entities are left out.

    Example:
        >>> g = build_graph(export)  # doctest: +SKIP
        >>> g.edges[("wd:Q232", "wd:Q7747")].events  # doctest: +SKIP
        2
    """
    nodes: dict[str, dict[str, Any]] = {}
    for e in export["entities"]:
        nodes[e["id"]] = {
            "name": e["name"],
            "name_en": e.get("name_en"),
            "type": e.get("type"),
            "wikidata": e.get("wikidata"),
            "mentions": len(e["mentions"]),
            "documents": len({m["doc"] for m in e["mentions"]}),
        }
    edges: dict[tuple[str, str], Edge] = {}

    def edge(a: str, b: str) -> Edge:
        return edges.setdefault(_pair(a, b), Edge())

    for ev in export["events"]:
        people = [
            p
            for p in dict.fromkeys(
                [*ev.get("actors", []), *ev.get("targets", []), ev.get("location")]
            )
            if p and p in nodes
        ]
        spans = {(s["doc"], s["start"], s["end"]) for s in ev.get("evidence", [])}
        for a, b in combinations(people, 2):
            found = edge(a, b)
            found.events += max(1, len(spans))
            found.spans |= spans

    # mentions per document, for quotes and sentences
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for e in export["entities"]:
        for m in e["mentions"]:
            by_doc.setdefault(m["doc"], []).append((m["start"], m["end"], e["id"]))

    for q in export["quotes"]:
        speaker = q.get("speaker")
        if not speaker or speaker not in nodes:
            continue
        about = {
            ident
            for s, t, ident in by_doc.get(q["doc"], [])
            if s >= q["start"] and t <= q["end"] and ident != speaker
        }
        for other in about:
            found = edge(speaker, other)
            found.quotes += 1
            found.spans.add((q["doc"], q["start"], q["end"]))

    for d in export["documents"]:
        mentions = by_doc.get(d["id"], [])
        for s, t in d.get("sentences") or []:
            inside = sorted({ident for a, b, ident in mentions if a >= s and b <= t})
            for a, b in combinations(inside, 2):
                found = edge(a, b)
                found.sentences += 1
                found.spans.add((d["id"], s, t))
    return EntityGraph(nodes, edges)


def _indent(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _value(value: Any, type_: str) -> str:
    if type_ == "int":
        return str(int(value))
    if type_ == "double":
        return repr(float(value))
    return _clean(value)


def to_graphml(graph: EntityGraph) -> bytes:
    """``graph`` as a GraphML document (UTF-8 bytes).

    Node attributes are GraphML keys ``d_<name>`` (plus ``label``); null values are left out.
    """
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element(
        "graphml",
        {
            "xmlns": ns,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": f"{ns} {ns}/1.0/graphml.xsd",
        },
    )
    ET.SubElement(
        root, "key", {"id": "label", "for": "node", "attr.name": "label", "attr.type": "string"}
    )
    for name, type_ in _NODE_ATTRS:
        ET.SubElement(
            root, "key", {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": type_}
        )
    for name, type_ in _EDGE_ATTRS:
        ET.SubElement(
            root, "key", {"id": f"e_{name}", "for": "edge", "attr.name": name, "attr.type": type_}
        )
    g = ET.SubElement(root, "graph", {"id": "marsad", "edgedefault": "undirected"})
    for ident, attrs in graph.nodes.items():
        node = ET.SubElement(g, "node", {"id": _clean(ident)})
        ET.SubElement(node, "data", {"key": "label"}).text = _clean(attrs["name"])
        for name, type_ in _NODE_ATTRS:
            if attrs.get(name) is not None:
                ET.SubElement(node, "data", {"key": f"n_{name}"}).text = _value(attrs[name], type_)
    for i, ((a, b), e) in enumerate(sorted(graph.edges.items())):
        el = ET.SubElement(g, "edge", {"id": f"e{i}", "source": _clean(a), "target": _clean(b)})
        values = {
            "weight": e.weight,
            "events": e.events,
            "quotes": e.quotes,
            "sentences": e.sentences,
            "evidence": len(e.spans),
        }
        for name, type_ in _EDGE_ATTRS:
            ET.SubElement(el, "data", {"key": f"e_{name}"}).text = _value(values[name], type_)
    return _indent(root)


def to_gexf(graph: EntityGraph) -> bytes:
    """``graph`` as a GEXF 1.3 document (UTF-8 bytes), the format Gephi opens natively."""
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": datetime.now(UTC).date().isoformat()})
    ET.SubElement(meta, "creator").text = "marsad"
    ET.SubElement(meta, "description").text = "entities and their relations"
    g = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    node_attrs = ET.SubElement(g, "attributes", {"class": "node", "mode": "static"})
    gexf_type = {"string": "string", "int": "integer", "double": "double"}
    for i, (name, type_) in enumerate(_NODE_ATTRS[1:]):
        ET.SubElement(
            node_attrs, "attribute", {"id": str(i), "title": name, "type": gexf_type[type_]}
        )
    edge_attrs = ET.SubElement(g, "attributes", {"class": "edge", "mode": "static"})
    for i, name in enumerate((*_RELATIONS, "evidence")):
        ET.SubElement(edge_attrs, "attribute", {"id": str(i), "title": name, "type": "integer"})
    nodes = ET.SubElement(g, "nodes")
    for ident, attrs in graph.nodes.items():
        node = ET.SubElement(nodes, "node", {"id": _clean(ident), "label": _clean(attrs["name"])})
        values = ET.SubElement(node, "attvalues")
        for i, (name, type_) in enumerate(_NODE_ATTRS[1:]):
            if attrs.get(name) is not None:
                ET.SubElement(
                    values, "attvalue", {"for": str(i), "value": _value(attrs[name], type_)}
                )
    edges = ET.SubElement(g, "edges")
    for n, ((a, b), e) in enumerate(sorted(graph.edges.items())):
        el = ET.SubElement(
            edges,
            "edge",
            {"id": str(n), "source": _clean(a), "target": _clean(b), "weight": repr(e.weight)},
        )
        values = ET.SubElement(el, "attvalues")
        for i, count in enumerate((e.events, e.quotes, e.sentences, len(e.spans))):
            ET.SubElement(values, "attvalue", {"for": str(i), "value": str(count)})
    return _indent(root)


def write_graph(export: Mapping[str, Any], path: str | Path, fmt: str = "graphml") -> int:
    """Write the entity graph of ``export`` to ``path`` as ``graphml`` or ``gexf``.

    Returns:
        The number of edges written.

    Raises:
        ConfigError: ``fmt`` is neither ``graphml`` nor ``gexf``.
    """
    if fmt not in ("graphml", "gexf"):
        raise ConfigError(f"graph format must be graphml or gexf, got {fmt!r}")
    graph = build_graph(export)
    Path(path).write_bytes(to_graphml(graph) if fmt == "graphml" else to_gexf(graph))
    return len(graph.edges)
