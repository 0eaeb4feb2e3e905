"""``GET /api/exports/{format}``: the stored analysis in every export format, as a download.

The same formats and filters as ``marsad export``: ``json``, ``csv`` (a ZIP of the four tables,
or one table with ``table=``), ``plover``, ``graphml``, ``gexf``, ``report-html``, ``report-md``;
``story=`` or ``date_from=``/``date_to=``.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from marsad.api.problems import Problem
from marsad.api.repository import Repository
from marsad.errors import ConfigError
from marsad.exports.formats import FORMATS, render
from marsad.exports.scope import Scope, apply_scope

__all__ = ["ExportFormat", "add_export_routes"]

_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

ExportFormat = StrEnum("ExportFormat", {name.replace("-", "_"): name for name in FORMATS})  # type: ignore[misc]


class Table(StrEnum):
    """The CSV tables."""

    entities = "entities"
    events = "events"
    quotes = "quotes"
    facts = "facts"


def _disposition(filename: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    return f'attachment; filename="{ascii_name}"'


def add_export_routes(api: APIRouter, repo: Repository) -> None:
    """Add ``/exports/{format}`` to ``api`` (mounted under ``/api``), reading ``repo``."""

    @api.get(
        "/exports/{fmt}",
        tags=["export"],
        summary="the analysis as json, csv, plover, graphml, gexf, report-html or report-md",
        response_class=Response,
        responses={
            200: {"content": {media.split(";")[0]: {} for media, _ in FORMATS.values()}},
            400: {"description": "a bad filter"},
            404: {"description": "no such story"},
        },
    )
    def export(
        fmt: ExportFormat,
        story: Annotated[str | None, Query(max_length=100)] = None,
        date_from: Annotated[str | None, Query(pattern=_DATE)] = None,
        date_to: Annotated[str | None, Query(pattern=_DATE)] = None,
        table: Table | None = None,
    ) -> Response:
        try:
            scope = Scope(story, date_from, date_to)
        except ConfigError as exc:
            raise Problem(400, "bad-filter", str(exc)) from exc
        try:
            scoped = apply_scope(repo.analysis(), scope)
        except ConfigError as exc:
            raise Problem(404, "not-found", str(exc)) from exc
        stem = "marsad" if scope.everything else f"marsad-{scope.story or 'range'}"
        rendered = render(scoped, fmt.value, table=table.value if table else None, stem=stem)
        return Response(
            rendered.body,
            media_type=rendered.media_type,
            headers={"Content-Disposition": _disposition(rendered.filename)},
        )
