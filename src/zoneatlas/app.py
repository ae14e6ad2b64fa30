"""The FastAPI application factory. Nothing is built or connected at import."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from zoneatlas import __version__
from zoneatlas.api import (
    attractiveness,
    heat,
    inquiries,
    investor,
    ogc,
    pages,
    public,
    tiles,
    valuation,
)
from zoneatlas.api.errors import install_error_handlers
from zoneatlas.settings import Settings
from zoneatlas.store import Store, make_engine
from zoneatlas.tiles.service import RevisionMemo, TileCache

WEB = Path(__file__).parent / "web"


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the web application for ``settings`` (or the environment's settings).

    ``store`` may be passed by tests; otherwise one is made from ``settings.database_url``.
    The database schema must already be migrated (``zoneatlas serve`` does that).
    """
    settings = settings or Settings()
    app = FastAPI(
        title="Zone Atlas API",
        description="投资合作热力图 — parcels, layers and indicators of a development zone.",
        version=__version__,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store or Store(make_engine(settings.database_url))
    app.state.tile_cache = TileCache()
    app.state.tile_revisions = RevisionMemo(ttl=1.0)
    app.state.inquiry_limiter = inquiries.make_limiter()
    app.state.templates = Jinja2Templates(directory=WEB / "templates")
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    install_error_handlers(app)
    app.include_router(public.health_router)
    app.include_router(public.router)
    app.include_router(valuation.router)
    app.include_router(investor.router)
    app.include_router(inquiries.router)
    app.include_router(tiles.router)
    app.include_router(ogc.router)
    app.include_router(heat.router)
    app.include_router(attractiveness.router)
    app.include_router(pages.router)
    return app
