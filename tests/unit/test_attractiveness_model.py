"""The attractiveness model as data: defaults, and every rule naming its field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from zoneatlas.attractiveness.cli import write_model
from zoneatlas.attractiveness.defaults import DEFAULT_DOCUMENT
from zoneatlas.attractiveness.model import (
    FACTOR_KINDS,
    AttractivenessModelInvalid,
    default_model,
    load_model,
    override_weights,
    parse_model,
    parse_weights,
)
from zoneatlas.errors import InvalidParameter
from zoneatlas.parcels import vocab

pytestmark = pytest.mark.unit


def document() -> dict[str, Any]:
    return copy.deepcopy(DEFAULT_DOCUMENT)


def rejected(doc: dict[str, Any]) -> AttractivenessModelInvalid:
    with pytest.raises(AttractivenessModelInvalid) as caught:
        parse_model(doc)
    return caught.value


def test_default_model_has_the_four_factors_and_valid_weights_for_every_industry() -> None:
    model = default_model()
    assert [f.kind for f in model.factors] == list(FACTOR_KINDS)
    for industry in [None, *vocab.keys("industry")]:
        weights = model.weights_for(industry)
        assert set(weights) == {f.key for f in model.factors}
        assert sum(weights.values()) == pytest.approx(1.0, abs=1e-12)
        assert all(w >= 0 for w in weights.values())
    assert model.use_for("advanced_manufacturing") == "industrial"
    assert model.use_for("modern_services") == "commercial"
    assert model.use_for("digital_economy") == "research"
    assert model.use_for(None) == "industrial"


def test_fingerprint_changes_with_any_parameter() -> None:
    doc = document()
    assert parse_model(doc).fingerprint == default_model().fingerprint
    doc["factors"][1]["params"]["radius_m"] = 800.0
    assert parse_model(doc).fingerprint != default_model().fingerprint


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["weights"].update(environment=0.1), "weights", "sum to 1"),
        (
            lambda d: d["weights"].update(environment=-0.1, public_services=0.5),
            "weights.environment",
            "negative",
        ),
        (lambda d: d["weights"].update(noise=0.0), "weights.noise", "no factor"),
        (lambda d: d["weights"].pop("environment"), "weights.environment", "missing"),
        (
            lambda d: d["weights"].update(accessibility=float("nan")),
            "weights.accessibility",
            "not a number",
        ),
        (
            lambda d: d["industry_weights"]["digital_economy"].update(agglomeration=0.5),
            "industry_weights.digital_economy",
            "sum to 1",
        ),
        (
            lambda d: d["industry_weights"]["film_tourism"].update(
                environment=-0.05, accessibility=0.7
            ),
            "industry_weights.film_tourism.environment",
            "negative",
        ),
        (
            lambda d: d["industry_weights"].update(mining=d["weights"]),
            "industry_weights.mining",
            "unknown industry",
        ),
        (
            lambda d: d["industry_uses"].update(digital_economy="farmland"),
            "industry_uses.digital_economy",
            "unknown land use",
        ),
        (lambda d: d["factors"][1].update(kind="noise"), "factors.1.kind", "unknown factor kind"),
        (lambda d: d["factors"][1].pop("kind"), "factors.1.kind", ""),
        (lambda d: d["factors"][2].update(key="accessibility"), "factors.2.key", "duplicate"),
        (
            lambda d: d["factors"][0]["params"]["road"].update(half_m=-5),
            "factors.0.params.road.half_m",
            "greater than 0",
        ),
        (
            lambda d: d["factors"][2]["params"]["categories"][0].update(share=0.9),
            "factors.2.params.categories.share",
            "sum to 1",
        ),
        (
            lambda d: d["factors"][1]["params"].update(kernel="cosine"),
            "factors.1.params.kernel",
            "",
        ),
        (lambda d: d.update(colour="red"), "colour", "not permitted"),
    ],
)
def test_bad_documents_are_rejected_naming_the_field(change: Any, field: str, words: str) -> None:
    doc = document()
    change(doc)
    error = rejected(doc)
    assert error.parameter == field, str(error)
    assert words in str(error)
    assert isinstance(error, InvalidParameter)  # a 422 in the API


def test_weights_sum_within_tolerance() -> None:
    doc = document()
    doc["weights"]["environment"] += 1e-10
    parse_model(doc)
    doc["weights"]["environment"] += 1e-8
    assert rejected(doc).parameter == "weights"


def test_unknown_kind_lists_the_known_kinds() -> None:
    doc = document()
    doc["factors"][3]["kind"] = "noise"
    message = str(rejected(doc))
    assert "'noise'" in message and all(kind in message for kind in FACTOR_KINDS)


def test_a_model_may_have_other_factors_of_the_same_kind() -> None:
    doc = document()
    water = {
        "key": "water",
        "kind": "environment",
        "name_zh": "水体",
        "name_en": "Water",
        "params": {"feature_layers": ["water"], "poi_categories": []},
    }
    doc["factors"].append(water)
    doc["weights"] = {"accessibility": 0.3, "agglomeration": 0.3, "public_services": 0.2}
    doc["weights"] |= {"environment": 0.1, "water": 0.1}
    doc["industry_weights"] = {}
    model = parse_model(doc)
    assert model.weights_for("digital_economy")["water"] == 0.1


def test_request_weights_override_one_industry_or_all() -> None:
    model = default_model()
    text = "accessibility:0.4, agglomeration=0.3,public_services:0.2,environment:0.1"
    assert parse_weights(text)["agglomeration"] == 0.3
    one = override_weights(model, text, "digital_economy")
    assert one.weights_for("digital_economy")["accessibility"] == 0.4
    assert one.weights_for("film_tourism") == model.weights_for("film_tourism")
    every = override_weights(model, text, None)
    assert every.weights_for("film_tourism")["accessibility"] == 0.4
    assert override_weights(model, "", None) is model


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("accessibility:0.5", "agglomeration missing"),
        ("accessibility:0.5,agglomeration:0.5,public_services:0.5,environment:-0.5", "negative"),
        ("accessibility:0.4,agglomeration:0.3,public_services:0.2,environment:0.2", "sum to 1"),
        ("accessibility:0.4,agglomeration:0.3,public_services:0.2,noise:0.1", "noise no factor"),
        ("accessibility", "expected key:weight"),
        ("accessibility:lots", "expected key:weight"),
    ],
)
def test_bad_request_weights_name_the_parameter(text: str, words: str) -> None:
    with pytest.raises(InvalidParameter) as caught:
        override_weights(default_model(), text, "digital_economy")
    assert caught.value.parameter == "weights"
    assert words in str(caught.value)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_model_files_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"model{suffix}"
    write_model(default_model(), path)
    assert load_model(path).fingerprint == default_model().fingerprint
    path.write_text("- not a mapping\n" if suffix == ".yaml" else "[1]", encoding="utf-8")
    with pytest.raises(AttractivenessModelInvalid):
        load_model(path)
