"""The one table that maps domain exceptions to HTTP statuses, and the handlers that
turn every error into a JSON body ``{"detail": reason}`` (never a traceback)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from zoneatlas.errors import (
    ImportRejected,
    InvalidParameter,
    NotFound,
    UnsupportedFormat,
    ZoneAtlasError,
)
from zoneatlas.inquiries.ratelimit import RateLimited
from zoneatlas.landprice.errors import TableSetInvalid

#: Most specific first; the first class the error is an instance of wins.
STATUS_BY_ERROR: tuple[tuple[type[ZoneAtlasError], int], ...] = (
    (NotFound, 404),
    (InvalidParameter, 422),
    (ImportRejected, 422),
    (TableSetInvalid, 422),
    (UnsupportedFormat, 415),
    (RateLimited, 429),
    (ZoneAtlasError, 400),
)


def status_for(error: ZoneAtlasError) -> int:
    for cls, status in STATUS_BY_ERROR:
        if isinstance(error, cls):
            return status
    return 400


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ZoneAtlasError)
    body: dict[str, object] = {"detail": str(exc)}
    if isinstance(exc, InvalidParameter):
        body["parameter"] = exc.parameter
    headers: dict[str, str] | None = getattr(exc, "headers", None)  # e.g. Retry-After
    return JSONResponse(body, status_code=status_for(exc), headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    reasons = []
    parameter = None
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        parameter = parameter or (location[-1] if location else None)
        reasons.append(f"{'.'.join(location) or 'request'}: {error.get('msg', 'invalid')}")
    return JSONResponse({"detail": "; ".join(reasons), "parameter": parameter}, status_code=422)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ZoneAtlasError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
