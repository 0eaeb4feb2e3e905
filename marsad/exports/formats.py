"""Every export format behind one function: the CLI and the HTTP API both call :func:`render`.

Each format is built from the same ``marsad.analysis/1`` dict (one source of truth).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marsad.errors import ConfigError

__all__ = ["FORMATS", "Rendered", "render"]

#: format name -> (media type, file suffix)
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("application/json", ".json"),
    "csv": ("application/zip", ".zip"),
    "plover": ("application/x-ndjson; charset=utf-8", ".jsonl"),
    "graphml": ("application/graphml+xml; charset=utf-8", ".graphml"),
    "gexf": ("application/gexf+xml; charset=utf-8", ".gexf"),
    "report-html": ("text/html; charset=utf-8", ".html"),
    "report-md": ("text/markdown; charset=utf-8", ".md"),
}


@dataclass(frozen=True, slots=True)
class Rendered:
    """An export ready to save or send."""

    body: bytes
    media_type: str
    filename: str


def render(
    export: Mapping[str, Any], fmt: str, *, table: str | None = None, stem: str = "marsad"
) -> Rendered:
    """``export`` in format ``fmt``.

    Args:
        export: a ``marsad.analysis/1`` export (narrowed by ``apply_scope`` if wanted).
        fmt: one of :data:`FORMATS`.
        table: for ``csv``: one table (``entities``, ``events``, ``quotes``, ``facts``) as a
            CSV file; without it, a ZIP of the four.
        stem: the file name without suffix.

    Returns:
        The bytes, their media type and a file name.

    Raises:
        ConfigError: an unknown format or table.

    Example:
        >>> render(export, "report-md").filename  # doctest: +SKIP
        'marsad-report.md'
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    media, suffix = FORMATS[fmt]
    if fmt == "json":
        body = json.dumps(export, ensure_ascii=False, indent=1).encode()
        return Rendered(body, media, f"{stem}-analysis{suffix}")
    if fmt == "csv":
        from marsad.exports.tables import TABLES, table_rows, to_csv

        if table is not None:
            return Rendered(
                to_csv(*table_rows(export, table)), "text/csv; charset=utf-8", f"{table}.csv"
            )
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in TABLES:
                zf.writestr(f"{name}.csv", to_csv(*table_rows(export, name)))
        return Rendered(buf.getvalue(), media, f"{stem}-tables{suffix}")
    if fmt == "plover":
        from marsad.exports.plover import plover_lines

        return Rendered("".join(plover_lines(export)).encode(), media, f"{stem}-events{suffix}")
    if fmt in ("graphml", "gexf"):
        from marsad.exports.graph import build_graph, to_gexf, to_graphml

        graph = build_graph(export)
        body = to_graphml(graph) if fmt == "graphml" else to_gexf(graph)
        return Rendered(body, media, f"{stem}-graph{suffix}")
    from marsad.exports.report import report_html, report_markdown

    text = report_html(export) if fmt == "report-html" else report_markdown(export)
    return Rendered(text.encode(), media, f"{stem}-report{suffix}")
