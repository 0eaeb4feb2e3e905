"""CSV tables of an analysis export: entities, events, quotes and facts.

Each table is RFC 4180 CSV in UTF-8 with a byte-order mark, so a spreadsheet opens Arabic text
correctly, with CRLF line ends and every field quoted when it holds a comma, quote or newline.
A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed
with an apostrophe so that a spreadsheet shows it as text instead of running it as a formula
(OWASP's CSV injection advice); numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

__all__ = ["TABLES", "safe_cell", "table_rows", "to_csv", "write_tables"]

#: the tables, in the order they are written
TABLES = ("entities", "events", "quotes", "facts")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_JOIN = " | "


def safe_cell(value: Any) -> str | int | float:
    """One CSV cell: numbers as they are, ``None`` as empty, text guarded against formulas.

    >>> safe_cell("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> safe_cell(-3)
    -3
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _names(export: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {e["id"]: e for e in export["entities"]}


def _name(entities: Mapping[str, Mapping[str, Any]], ident: str | None) -> str:
    if not ident:
        return ""
    e = entities.get(ident)
    return str(e["name"]) if e else ident


def _titles(export: Mapping[str, Any]) -> dict[str, str]:
    return {
        d["id"]: d.get("title") or d["text"].split("\n", 1)[0][:120] for d in export["documents"]
    }


def _evidence(items: Iterable[Mapping[str, Any]]) -> tuple[str, str]:
    spans = list(items)
    return (
        _JOIN.join(dict.fromkeys(s["doc"] for s in spans)),
        "\n".join(s["text"] for s in spans),
    )


def _entities(export: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
    header = [
        "id", "type", "name", "name_en", "wikidata", "aliases", "mentions", "documents",
    ]  # fmt: skip
    rows = [
        [
            e["id"],
            e["type"],
            e["name"],
            e.get("name_en"),
            e.get("wikidata"),
            _JOIN.join(e.get("aliases", [])),
            len(e["mentions"]),
            len({m["doc"] for m in e["mentions"]}),
        ]
        for e in export["entities"]
    ]
    return header, rows


def _events(export: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
    names = _names(export)
    header = [
        "id", "type", "mode", "status", "start", "end", "actors", "actor_ids", "targets",
        "target_ids", "location", "location_id", "description_ar", "description_en",
        "documents", "evidence",
    ]  # fmt: skip
    rows = []
    for ev in export["events"]:
        docs, text = _evidence(ev.get("evidence", []))
        rows.append(
            [
                ev["id"],
                ev["type"],
                ev.get("mode"),
                ev.get("status"),
                ev.get("start"),
                ev.get("end"),
                _JOIN.join(_name(names, a) for a in ev.get("actors", [])),
                _JOIN.join(ev.get("actors", [])),
                _JOIN.join(_name(names, t) for t in ev.get("targets", [])),
                _JOIN.join(ev.get("targets", [])),
                _name(names, ev.get("location")),
                ev.get("location"),
                ev.get("description_ar"),
                ev.get("description_en"),
                docs,
                text,
            ]
        )
    return header, rows


def _quotes(export: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
    names = _names(export)
    titles = _titles(export)
    header = ["doc", "doc_title", "start", "end", "speaker", "speaker_id", "cue", "text"]
    rows = [
        [
            q["doc"],
            titles.get(q["doc"], ""),
            q["start"],
            q["end"],
            _name(names, q.get("speaker")),
            q.get("speaker"),
            q.get("cue"),
            q["text"],
        ]
        for q in export["quotes"]
    ]
    return header, rows


def _facts(export: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
    names = _names(export)
    in_conflict = {i for c in export["conflicts"] for i in c.get("facts", [])}
    header = [
        "id", "subject", "subject_ids", "attribute", "qualifier", "value", "unit", "approx",
        "in_conflict", "documents", "evidence",
    ]  # fmt: skip
    rows = []
    for f in export["facts"]:
        docs, text = _evidence(f.get("evidence", []))
        value = f.get("value")
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            value = "" if value is None else str(value)
        rows.append(
            [
                f["id"],
                _JOIN.join(_name(names, s) for s in f.get("subject", [])),
                _JOIN.join(f.get("subject", [])),
                f.get("attribute"),
                f.get("qualifier"),
                value,
                f.get("unit"),
                f.get("approx"),
                f["id"] in in_conflict,
                docs,
                text,
            ]
        )
    return header, rows


_BUILDERS = {"entities": _entities, "events": _events, "quotes": _quotes, "facts": _facts}


def table_rows(export: Mapping[str, Any], table: str) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of one table of ``export`` (cells not yet guarded).

    Args:
        export: a ``marsad.analysis/1`` export.
        table: one of :data:`TABLES`.

    Raises:
        ConfigError: ``table`` is not one of :data:`TABLES`.
    """
    if table not in _BUILDERS:
        raise ConfigError(f"no table {table!r}; choose one of {', '.join(TABLES)}")
    return _BUILDERS[table](export)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """``header`` and ``rows`` as CSV bytes: UTF-8 with BOM, CRLF, minimal quoting, every text
    cell guarded by :func:`safe_cell`.

    >>> to_csv(["a"], [["=1+1"]]).decode("utf-8-sig")
    "a\\r\\n'=1+1\\r\\n"
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def write_tables(export: Mapping[str, Any], folder: str | Path) -> list[Path]:
    """Write ``entities.csv``, ``events.csv``, ``quotes.csv`` and ``facts.csv`` into ``folder``
    (created if missing).

    Returns:
        The paths written, in :data:`TABLES` order.

    Example::

        write_tables(export, "out/tables")
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in TABLES:
        path = out / f"{table}.csv"
        path.write_bytes(to_csv(*table_rows(export, table)))
        paths.append(path)
    return paths
