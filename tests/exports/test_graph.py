"""The entity graph: GraphML and GEXF that networkx reads back, weighted, with evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.errors import ConfigError
from marsad.exports.graph import build_graph, to_gexf, to_graphml, write_graph

nx = pytest.importorskip("networkx")


def _read(fmt: str, path: Path) -> Any:
    return nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path, version="1.3")


def test_graph_edges_count_each_relation(export: dict[str, Any]) -> None:
    g = build_graph(export)
    putin_astana = g.edges[("wd:Q1520", "wd:Q7747")]
    assert putin_astana.events == 2  # one event, two evidence sentences
    assert putin_astana.quotes == 1  # Putin's quote mentions Astana
    assert putin_astana.sentences == 2  # the first sentence of A and of B
    assert putin_astana.weight == 5.0
    # B's evidence is its whole first sentence: one span supporting two relations
    assert len(putin_astana.spans) == 4
    # an actor pair of the second event, and a co-occurrence in the third sentence of A
    assert g.edges[("kb:formula", "wd:Q7747")].events == 1
    assert g.edges[("kb:formula", "wd:Q7747")].sentences == 1
    assert ("kb:formula", "wd:Q1520") not in g.edges


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_networkx_reads_nodes_and_edges(
    export: dict[str, Any], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"g.{fmt}"
    n_edges = write_graph(export, path, fmt)
    g = _read(fmt, path)
    assert g.number_of_nodes() == 3 and g.number_of_edges() == n_edges == 2
    putin = g.nodes["wd:Q7747"]
    assert putin["label"] == "فلاديمير بوتين"
    assert putin["name_en"] == "Vladimir Putin" and putin["type"] == "PERSON"
    assert putin["wikidata"] == "Q7747" and putin["mentions"] == 3
    assert "wikidata" not in g.nodes["kb:formula"]  # null values are left out
    edge = g.edges["wd:Q1520", "wd:Q7747"]
    assert edge["weight"] == 5.0
    assert edge["events"] == 2 and edge["quotes"] == 1 and edge["sentences"] == 2
    assert edge["evidence"] == 4


@pytest.mark.parametrize("render", [to_graphml, to_gexf])
def test_graph_escapes_markup_and_drops_control_characters(
    export: dict[str, Any], render: Any, tmp_path: Path
) -> None:
    export["entities"][0]["name"] = '<b a="1">&amp;</b>\x0b\x00بوتين'
    body = render(build_graph(export))
    assert b"<b " not in body and b"\x0b" not in body and b"\x00" not in body
    path = tmp_path / "g.xml"
    path.write_bytes(body)
    g = nx.read_graphml(path) if render is to_graphml else nx.read_gexf(path, version="1.3")
    assert g.nodes[export["entities"][0]["id"]]["label"] == '<b a="1">&amp;</b>بوتين'


def test_graph_unknown_format_is_config_error(export: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'dot'"):
        write_graph(export, tmp_path / "g.dot", "dot")
