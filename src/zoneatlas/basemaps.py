"""Online basemap choices for the map page. The default, ``zone``, needs no network: the
page draws the zone's own layers. The others are raster XYZ sources; for a GCJ-02 source
(Amap/Gaode) the page shifts our layers into GCJ-02 at the display edge — stored data
never changes (see ``zoneatlas.geo.gcj02``)."""

from __future__ import annotations

from typing import Any

from zoneatlas.errors import ZoneAtlasError
from zoneatlas.settings import Settings

TIANDITU = (
    "https://t{n}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
)


def basemap_config(settings: Settings) -> dict[str, Any]:
    """What the page needs to draw the basemap: ``kind``, raster ``layers`` (each a list of
    tile URL templates), ``attribution`` and ``offset`` (``none`` or ``gcj02``)."""
    kind = settings.basemap
    if kind == "zone":
        return {"kind": "zone", "layers": [], "attribution": "", "offset": "none"}
    if kind == "tianditu":
        if settings.tianditu_key is None:
            raise ZoneAtlasError("basemap=tianditu needs ZONEATLAS_TIANDITU_KEY")
        key = settings.tianditu_key.get_secret_value()
        layers = [
            [TIANDITU.format(n=n, layer=layer, key=key) for n in range(8)]
            for layer in ("vec", "cva")
        ]
        return {
            "kind": kind,
            "layers": layers,
            "attribution": "© 天地图 Tianditu",
            "offset": "none",
        }
    if kind == "amap":
        urls = [
            f"https://webrd0{n}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1"
            "&style=8&x={x}&y={y}&z={z}"
            for n in range(1, 5)
        ]
        return {
            "kind": kind,
            "layers": [urls],
            "attribution": "© 高德地图 AutoNavi",
            "offset": "gcj02",
        }
    if kind == "osm":
        return {
            "kind": kind,
            "layers": [["https://tile.openstreetmap.org/{z}/{x}/{y}.png"]],
            "attribution": "© OpenStreetMap contributors",
            "offset": "none",
        }
    if not settings.basemap_url:
        raise ZoneAtlasError("basemap=custom needs ZONEATLAS_BASEMAP_URL")
    return {
        "kind": kind,
        "layers": [[settings.basemap_url]],
        "attribution": "",
        "offset": settings.basemap_offset,
    }
