"""The HTTP routes under ``/api``: documents, entities, layers, corpus views, search, export,
ingestion jobs. Every answer is JSON in the shapes of the ``marsad.analysis/1`` export."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from marsad.api import views
from marsad.api.exports import add_export_routes
from marsad.api.guards import TokenGuard
from marsad.api.jobs import JobManager, UploadRejected
from marsad.api.problems import Problem
from marsad.api.repository import Repository

__all__ = ["Page", "build_router"]

_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateFrom = Annotated[str | None, Query(pattern=_DATE, description="ISO date (or year/month)")]
DateTo = Annotated[str | None, Query(pattern=_DATE, description="ISO date (or year/month)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=200)]


class Page(BaseModel):
    """One page of a list."""

    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]


class JobOut(BaseModel):
    """An ingestion job and its progress."""

    id: str
    status: str
    files: list[str]
    total: int | None
    processed: int
    doc_ids: list[str]
    new: int
    rejections: list[dict[str, Any]]
    error: str | None
    created_at: str
    finished_at: str | None


def _page(items: list[dict[str, Any]], offset: int, limit: int) -> Page:
    return Page(total=len(items), offset=offset, limit=limit, items=items[offset : offset + limit])


def build_router(repo: Repository, jobs: JobManager, guard: TokenGuard) -> APIRouter:
    """The ``/api`` router over ``repo`` (reads) and ``jobs`` (ingestion, behind ``guard``)."""
    api = APIRouter(prefix="/api")

    @api.get("/health", tags=["meta"], summary="liveness and the number of stored documents")
    def health() -> dict[str, Any]:
        return {"status": "ok", "documents": repo.count(), "token_required": bool(guard.token)}

    # -- documents ------------------------------------------------------------------------

    @api.get("/documents", tags=["documents"], summary="stored documents, newest first")
    def documents(offset: Offset = 0, limit: Limit = 20) -> Page:
        total, items = repo.document_page(offset, limit)
        return Page(total=total, offset=offset, limit=limit, items=items)

    @api.get(
        "/documents/{doc_id}",
        tags=["documents"],
        summary="one document with its text, sentences and annotation layers",
    )
    def document(doc_id: str) -> dict[str, Any]:
        return repo.document(doc_id)

    for layer in ("entities", "times", "quantities", "quotes"):
        _add_layer_route(api, repo, layer)

    # -- entities -------------------------------------------------------------------------

    @api.get("/entities", tags=["entities"], summary="entities, most mentioned first")
    def entities(
        type: Annotated[str | None, Query(max_length=20)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> Page:
        return _page(views.entity_list(repo.analysis(), type_=type, q=q), offset, limit)

    @api.get(
        "/entities/{entity_id}",
        tags=["entities"],
        summary="one entity: its mentions with their sentences, its documents, events, facts",
    )
    def entity(entity_id: str) -> dict[str, Any]:
        found = views.entity_detail(repo.analysis(), entity_id)
        if found is None:
            raise Problem(404, "not-found", f"no entity {entity_id!r}")
        return found

    # -- corpus layers ------------------------------------------------------------------

    @api.get("/events", tags=["corpus"], summary="events, filtered by entity/type/status/date")
    def events(
        entity: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> Page:
        items = views.events(
            repo.analysis(),
            entity=entity,
            type_=type,
            status=status,
            date_from=date_from,
            date_to=date_to,
        )
        return _page(items, offset, limit)

    @api.get(
        "/events/{event_id}",
        tags=["corpus"],
        summary="one merged event: participants named, and each reporting article's evidence",
    )
    def event(event_id: str) -> dict[str, Any]:
        found = views.event_detail(repo.analysis(), event_id)
        if found is None:
            raise Problem(404, "not-found", f"no event {event_id!r}")
        return found

    @api.get(
        "/timeline",
        tags=["corpus"],
        summary="events by date or, while there are none, dated documents",
    )
    def timeline(date_from: DateFrom = None, date_to: DateTo = None) -> dict[str, Any]:
        return views.timeline(repo.analysis(), date_from=date_from, date_to=date_to)

    @api.get("/facts", tags=["corpus"], summary="facts, filtered by entity and attribute")
    def facts(
        entity: str | None = None,
        attribute: str | None = None,
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> Page:
        items = views.facts(repo.analysis(), entity=entity, attribute=attribute)
        return _page(items, offset, limit)

    @api.get("/conflicts", tags=["corpus"], summary="conflicting facts, with the facts inlined")
    def conflicts(entity: str | None = None, offset: Offset = 0, limit: Limit = 50) -> Page:
        return _page(views.conflicts(repo.analysis(), entity=entity), offset, limit)

    @api.get("/stories", tags=["corpus"], summary="stories (clusters of documents)")
    def stories(offset: Offset = 0, limit: Limit = 50) -> Page:
        return _page(list(repo.analysis()["stories"]), offset, limit)

    @api.get("/rejections", tags=["corpus"], summary="inputs left out, with stage and reason")
    def rejections(offset: Offset = 0, limit: Limit = 50) -> Page:
        return _page(list(repo.analysis()["rejections"]), offset, limit)

    # -- search and export ----------------------------------------------------------------

    @api.get("/search", tags=["search"], summary="documents containing q; entities named q")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20
    ) -> dict[str, Any]:
        return {
            "q": q,
            "documents": repo.search_documents(q, limit),
            "entities": views.entity_list(repo.analysis(), q=q)[:limit],
        }

    @api.get(
        "/export",
        tags=["export"],
        summary="the marsad.analysis/1 export of the whole store (a JSON download)",
        response_class=Response,
        responses={200: {"content": {"application/json": {}}}},
    )
    def export() -> Response:
        body = json.dumps(repo.analysis(), ensure_ascii=False).encode()
        return Response(
            body,
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="marsad-analysis.json"'},
        )

    add_export_routes(api, repo)

    # -- ingestion ------------------------------------------------------------------------

    @api.post(
        "/ingest",
        tags=["ingest"],
        status_code=202,
        summary="upload files (multipart field 'files'); they are processed in a background job",
        dependencies=[Depends(guard)],
    )
    async def ingest(files: Annotated[list[UploadFile], File()]) -> JobOut:
        uploads = [(f.filename, await f.read()) for f in files]
        try:
            job = jobs.submit(uploads)
        except UploadRejected as exc:
            status = 415 if exc.unsupported else 400
            raise Problem(status, "bad-upload", str(exc)) from exc
        return JobOut(**job.as_dict())

    @api.get("/jobs", tags=["ingest"], summary="recent ingestion jobs, newest first")
    def job_list() -> list[JobOut]:
        return [JobOut(**j.as_dict()) for j in jobs.all()]

    @api.get("/jobs/{job_id}", tags=["ingest"], summary="one ingestion job's progress")
    def job(job_id: str) -> JobOut:
        found = jobs.get(job_id)
        if found is None:
            raise Problem(404, "not-found", f"no ingestion job {job_id!r}")
        return JobOut(**found.as_dict())

    return api


def _add_layer_route(api: APIRouter, repo: Repository, layer: str) -> None:
    def read(doc_id: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = repo.document(doc_id)[layer]
        return items

    api.add_api_route(
        f"/documents/{{doc_id}}/{layer}",
        read,
        methods=["GET"],
        tags=["documents"],
        summary=f"one document's {layer}",
        name=f"document_{layer}",
    )
