"""OpenAPI for the OGC routes: the query parameters each operation declares, and the
OpenAPI 3.0 rendering of the application's document that the oas30 conformance class asks
for (FastAPI writes OpenAPI 3.1 at ``/api/openapi.json``)."""

from __future__ import annotations

import copy
from typing import Any

from zoneatlas.api.ogc_collections import OgcCollection
from zoneatlas.api.ogc_params import DEFAULT_LIMIT, MAX_LIMIT

OPENAPI_30 = "3.0.3"


def query_parameter(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A query parameter as OGC API - Features defines them (form style, not exploded)."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        "style": "form",
        "explode": False,
    }


F = query_parameter(
    "f",
    {"type": "string", "enum": ["json", "html"]},
    "Response format; without it the Accept header decides (JSON unless it prefers HTML).",
)
ZONE = query_parameter(
    "zone", {"type": "string"}, "Zone slug; default: the instance's zone (ZONEATLAS_ZONE)."
)
BBOX = query_parameter(
    "bbox",
    {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
    "minlon,minlat,maxlon,maxlat in CRS84 degrees: features whose geometry intersects it.",
)
LIMIT = query_parameter(
    "limit",
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    f"Largest number of features in the response; larger values are lowered to {MAX_LIMIT}.",
)
OFFSET = query_parameter(
    "offset",
    {"type": "integer", "minimum": 0, "default": 0},
    "Number of matching features to skip (the next and prev links carry it).",
)
DATETIME = query_parameter(
    "datetime",
    {"type": "string"},
    "RFC 3339 instant or interval (2020-06-24, 2020-01-01/2020-12-31, ../2020-12-31, "
    "2020-01-01/..); filters on the collection's date property where it has one.",
)


def items_parameters(collection: OgcCollection) -> list[dict[str, Any]]:
    """Every query parameter of ``/ogc/collections/{id}/items`` for ``collection``."""
    filters = [
        query_parameter(name, {"type": "string"}, f"Features whose {name} equals this value.")
        for name in collection.queryables
    ]
    return [F, ZONE, BBOX, LIMIT, OFFSET, DATETIME, *filters]


def _schema_30(schema: Any) -> Any:
    """A JSON Schema (2020-12 dialect, as OpenAPI 3.1 uses) rewritten for OpenAPI 3.0:
    ``{"anyOf": [X, {"type": "null"}]}`` becomes X with ``nullable``, numeric exclusive
    bounds become boolean ones, ``const`` an enum and ``examples`` one ``example``."""
    if isinstance(schema, list):
        return [_schema_30(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: _schema_30(value) for key, value in schema.items()}
    for keyword in ("anyOf", "oneOf"):
        options = result.get(keyword)
        if isinstance(options, list) and {"type": "null"} in options:
            rest = [option for option in options if option != {"type": "null"}]
            del result[keyword]
            if len(rest) == 1 and "$ref" not in rest[0]:
                result = {**rest[0], **result}
            else:  # a $ref takes no sibling keywords in 3.0: wrap it
                result["allOf" if len(rest) == 1 else keyword] = rest
            result["nullable"] = True
    for keyword, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(result.get(keyword), int | float) and not isinstance(result[keyword], bool):
            result[bound] = result.pop(keyword)
            result[keyword] = True
    if "const" in result:
        result["enum"] = [result.pop("const")]
    if isinstance(result.get("examples"), list):
        examples = result.pop("examples")
        if examples:
            result["example"] = examples[0]
    if isinstance(result.get("type"), list):
        types = [kind for kind in result["type"] if kind != "null"]
        result["nullable"] = len(types) < len(result["type"])
        result["type"] = types[0] if types else "string"
    return result


def openapi_30(document: dict[str, Any]) -> dict[str, Any]:
    """The application's OpenAPI 3.1 document as OpenAPI 3.0.3."""
    result = copy.deepcopy(document)
    result["openapi"] = OPENAPI_30
    result.pop("webhooks", None)
    result.pop("jsonSchemaDialect", None)
    result.get("info", {}).get("license", {}).pop("identifier", None)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if "schema" in parameter:
                    parameter["schema"] = _schema_30(parameter["schema"])
            for response in operation.get("responses", {}).values():
                for media in response.get("content", {}).values():
                    if "schema" in media:
                        media["schema"] = _schema_30(media["schema"])
            body = operation.get("requestBody", {})
            for media in body.get("content", {}).values():
                if "schema" in media:
                    media["schema"] = _schema_30(media["schema"])
    schemas = result.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        schemas[name] = _schema_30(schema)
    return result


def ogc_openapi(document: dict[str, Any], prefix: str = "/ogc") -> dict[str, Any]:
    """The OpenAPI 3.0 definition of the OGC API alone: the operations under ``prefix``
    with paths relative to it (``/collections/parcels/items``), as OGC clients look them
    up (GDAL finds the filter parameters of a layer there). The caller adds ``servers``."""
    paths = {
        path[len(prefix) :] or "/": item
        for path, item in document.get("paths", {}).items()
        if path == prefix or path.startswith(f"{prefix}/")
    }
    result = openapi_30({**document, "paths": paths})
    result["info"] = {**result.get("info", {}), "title": "Zone Atlas OGC API - Features"}
    return result
