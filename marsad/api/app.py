"""The FastAPI application: the ``/api`` routes, the web workspace's static files, the guards."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from fastapi import FastAPI
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from marsad.api.guards import (
    BodyLimitMiddleware,
    RateLimiter,
    SecurityHeadersMiddleware,
    TokenGuard,
)
from marsad.api.jobs import JobManager
from marsad.api.problems import install_handlers
from marsad.api.repository import CorpusLayers, Repository
from marsad.api.routes import build_router
from marsad.config import DEFAULT_STAGES

__all__ = ["ApiSettings", "create_app"]

logger = logging.getLogger(__name__)

#: the pages of the workspace, each one HTML file under ``web/static``
# the workspace's pages and their titles: one HTML shell (web/page.html) that app.js fills
PAGES = {
    "index": "لوحة المتابعة",
    "document": "خبر",
    "entity": "كيان",
    "event": "حدث",
    "timeline": "الخط الزمني",
    "search": "بحث",
    "upload": "رفع ملفات",
}


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """How the API runs.

    Attributes:
        db: the SQLite store.
        token: when set, write endpoints need ``Authorization: Bearer <token>``.
        stages: the pipeline uploaded files go through.
        max_body_bytes: largest request body accepted (uploads included).
        rate: requests per ``rate_per`` seconds allowed to one client under ``/api/``.
    """

    db: str | Path
    token: str | None = None
    stages: Sequence[str] = DEFAULT_STAGES
    max_body_bytes: int = 20 * 1024 * 1024
    rate: int = 600
    rate_per: float = 60.0


def _static_dir() -> Path:
    return Path(str(resources.files("marsad.web").joinpath("static")))


def create_app(settings: ApiSettings, *, corpus_layers: CorpusLayers | None = None) -> FastAPI:
    """The marsad HTTP API and web workspace over the store ``settings.db``.

    Args:
        settings: where the store is and how the API is guarded.
        corpus_layers: reads events, facts, conflicts and stories (default: from the store).

    Raises:
        StoreError: the store cannot be opened.
        PipelineError: ``settings.stages`` is not a valid pipeline.

    Example::

        app = create_app(ApiSettings("marsad.db", token="s3cret"))
        uvicorn.run(app, host="127.0.0.1", port=8000)
    """
    repo = Repository(settings.db, corpus_layers=corpus_layers)
    jobs = JobManager(repo.path, settings.stages)
    guard = TokenGuard(settings.token)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    from marsad import __version__

    app = FastAPI(
        title="marsad",
        version=__version__,
        description="Arabic news intelligence: documents, entities, times, quantities, quotes, "
        "events, facts and conflicts, each cited to its source sentence. Errors are RFC 9457 "
        "problem details.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads scripts from a CDN; the schema is at openapi_url
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.repo = repo
    app.state.jobs = jobs
    install_handlers(app)
    app.include_router(build_router(repo, jobs, guard))

    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    shell = Template(resources.files("marsad.web").joinpath("page.html").read_text("utf-8"))

    def page_route(name: str, title: str) -> None:
        body = shell.substitute(title=title, page=name).encode("utf-8")

        async def serve_page() -> Response:
            return Response(body, media_type="text/html; charset=utf-8")

        app.add_api_route(
            "/" if name == "index" else f"/{name}",
            serve_page,
            methods=["GET"],
            include_in_schema=False,
            name=f"page_{name}",
        )

    for name, title in PAGES.items():
        page_route(name, title)

    async def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg")

    app.add_api_route("/favicon.ico", favicon, methods=["GET"], include_in_schema=False)

    # outermost first: headers on every answer, then the size limit, then the rate limit
    app.add_middleware(RateLimiter(settings.rate, settings.rate_per).middleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
