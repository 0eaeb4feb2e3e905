"""Errors as problem details (RFC 9457): ``application/problem+json`` with a stable ``type``."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.api.repository import NotFound
from marsad.errors import MarsadError

__all__ = ["PROBLEM_TYPE", "Problem", "install_handlers", "problem_response"]

logger = logging.getLogger(__name__)

#: base of the ``type`` URIs (relative references resolved against the API)
PROBLEM_TYPE = "/problems/"


class Problem(Exception):
    """An error the API answers with a problem document.

    Args:
        status: the HTTP status.
        slug: the last part of the ``type`` URI (``not-found``, ``too-large``, ...).
        detail: what went wrong, naming the value and the reason.
        headers: extra response headers (``Retry-After``, ``WWW-Authenticate``).
    """

    def __init__(
        self, status: int, slug: str, detail: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.headers = headers or {}


def problem_response(
    status: int,
    slug: str,
    detail: str,
    *,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """A JSON problem document with ``type``, ``title``, ``status``, ``detail``, ``instance``."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + slug,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra or {})
    return JSONResponse(
        body, status_code=status, headers=headers, media_type="application/problem+json"
    )


_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-request",
    429: "too-many-requests",
}


def install_handlers(app: FastAPI) -> None:
    """Answer every error raised by a route (or by the framework) with a problem document."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(
            exc.status, exc.slug, exc.detail, instance=request.url.path, headers=exc.headers
        )

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return problem_response(
            exc.status_code,
            _SLUGS.get(exc.status_code, "error"),
            str(exc.detail),
            instance=request.url.path,
            headers=dict(exc.headers or {}),
        )

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
        return problem_response(
            422, "invalid-request", detail, instance=request.url.path, extra={"errors": errors}
        )

    async def on_not_found(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(404, "not-found", str(exc), instance=request.url.path)

    async def on_marsad(request: Request, exc: Exception) -> JSONResponse:
        logger.warning("%s: %s", request.url.path, exc)
        return problem_response(400, "marsad-error", str(exc), instance=request.url.path)

    async def on_any(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("internal error on %s", request.url.path)
        return problem_response(
            500,
            "internal-error",
            "internal server error (see the server log)",
            instance=request.url.path,
        )

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(NotFound, on_not_found)
    app.add_exception_handler(MarsadError, on_marsad)
    app.add_exception_handler(Exception, on_any)
