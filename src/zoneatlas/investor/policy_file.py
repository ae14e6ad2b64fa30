"""Read a policy library file (YAML or JSON: a list of policy objects) and validate it.

Each object has the fields of :class:`zoneatlas.records.Policy`; dates are ``YYYY-MM-DD``,
``conditions`` a rule document and ``benefits`` a list of benefit documents. Every policy
is checked (fields, dates, rule and benefit documents, duplicate ids) and every problem is
reported at once, numbered from 1; if any fails, nothing is imported.

YAML is read with ``yaml.safe_load``: tags that would build Python objects are refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

from zoneatlas.errors import ImportRejected, UnsupportedFormat
from zoneatlas.policies.eligibility import parse_policy
from zoneatlas.policies.rules import RuleInvalid
from zoneatlas.records import Policy

MAX_FILE_BYTES = 2_000_000
MAX_POLICIES = 1000
_FIELDS = {f.name: f for f in dataclasses.fields(Policy)}
_REQUIRED = ("slug", "title_zh", "level", "framework", "effective")
_TEXT = (
    "slug",
    "title_zh",
    "title_en",
    "level",
    "framework",
    "issuer_zh",
    "issuer_en",
    "document_number",
    "summary_zh",
    "summary_en",
    "source",
)


def _date(value: Any, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a date (YYYY-MM-DD)") from None


def policy_from_dict(item: Any) -> Policy:
    """One policy object to a record (ValueError or RuleInvalid naming the field)."""
    if not isinstance(item, dict):
        raise ValueError("expected an object with the fields of a policy")
    unknown = sorted(set(item) - set(_FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {unknown}")
    missing = [name for name in _REQUIRED if not item.get(name)]
    if missing:
        raise ValueError(f"missing {missing}")
    for name in _TEXT:
        if name in item and not isinstance(item[name], str):
            raise ValueError(f"{name} must be text")
    if not isinstance(item.get("industries", []), list):
        raise ValueError("industries must be a list")
    effective = _date(item["effective"], "effective")
    assert effective is not None
    texts = {name: "" for name in _TEXT if _FIELDS[name].default is dataclasses.MISSING}
    policy = Policy(
        **{**texts, **{k: v for k, v in item.items() if k not in ("effective", "expiry")}},
        effective=effective,
        expiry=_date(item.get("expiry"), "expiry"),
    )
    parse_policy(policy)
    return policy


def load_policies(path: Path) -> list[Policy]:
    """The validated policies of a ``.yaml``/``.yml``/``.json`` file; ImportRejected lists
    every problem."""
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise UnsupportedFormat(f"{path.name}: policies are read from .yaml, .yml or .json")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportRejected(str(path), [(None, f"the file is larger than {MAX_FILE_BYTES} bytes")])
    text = path.read_text(encoding="utf-8")
    try:
        document = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except (ValueError, RecursionError, yaml.YAMLError) as exc:  # RecursionError: nesting
        raise ImportRejected(str(path), [(None, f"cannot parse the file: {exc}")]) from None
    if not isinstance(document, list) or not document:
        raise ImportRejected(str(path), [(None, "expected a non-empty list of policies")])
    if len(document) > MAX_POLICIES:
        raise ImportRejected(str(path), [(None, f"at most {MAX_POLICIES} policies")])
    policies: list[Policy] = []
    problems: list[tuple[int | None, str]] = []
    seen: set[str] = set()
    for number, item in enumerate(document, start=1):
        try:
            policy = policy_from_dict(item)
        except (ValueError, TypeError, RuleInvalid) as exc:
            problems.append((number, str(exc)))
            continue
        if policy.slug in seen:
            problems.append((number, f"duplicate id {policy.slug!r}"))
        seen.add(policy.slug)
        policies.append(policy)
    if problems:
        raise ImportRejected(str(path), problems)
    return policies
