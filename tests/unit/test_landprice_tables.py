"""Table sets: loading (YAML, JSON, CSV parts), the published schema, and every validation
rule with the field path it names. ``hand_document()`` is the table set the engine tests
value by hand; ``docs/landprice-example.yaml`` holds the same tables."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from zoneatlas.errors import UnsupportedFormat, ZoneAtlasError
from zoneatlas.landprice.errors import TableSetInvalid
from zoneatlas.landprice.load import load_table_set, parse_table_set
from zoneatlas.landprice.tables import TableSet, json_schema

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def levels(*values: float) -> dict[str, float]:
    return dict(zip(("优", "较优", "一般", "较劣", "劣"), values, strict=True))


def hand_document() -> dict[str, Any]:
    """Small tables with round numbers, so every valuation can be worked out by hand."""
    return {
        "name": "hand-check tables",
        "version": "test-1",
        "source": {
            "document_number": "测试〔2020〕1号",
            "issuing_body": "unit tests",
            "title": "hand-check benchmark land prices (synthetic)",
            "base_date": "2020-01-01",
            "synthetic": True,
        },
        "date_correction": {
            "frequency": "semiannual",
            "index": [
                {"date": "2020-01-01", "index": 100},
                {"date": "2020-07-01", "index": 104},
                {"date": "2021-01-01", "index": 110},
            ],
        },
        "uses": {
            "residential": {
                "grades": {"I": 3000, "II": 2000},
                "base_far": 2.0,
                "base_development": ["full"],
                "reduction_rate": 0.06,
                "factors": [
                    {
                        "key": "metro",
                        "name_zh": "距地铁站距离",
                        "name_en": "Distance to metro station",
                        "levels": levels(4, 2, 0, -2, -4),
                        "numeric": {
                            "source": "distance",
                            "target": "metro_station",
                            "direction": "lower_better",
                            "thresholds": [300, 600, 1000, 1500],
                        },
                    },
                    {
                        "key": "schools",
                        "name_zh": "教育设施",
                        "name_en": "Schools",
                        "levels": levels(3, 1.5, 0, -1.5, -3),
                    },
                    {
                        "key": "shape",
                        "name_zh": "宗地形状",
                        "name_en": "Parcel shape",
                        "group": "individual",
                        "kind": "multiplicative",
                        "levels": levels(1.05, 1.02, 1.0, 0.97, 0.93),
                    },
                ],
                "far_table": [
                    {"far": 1.0, "coefficient": 0.8},
                    {"far": 2.0, "coefficient": 1.0},
                    {"far": 3.0, "coefficient": 1.15},
                    {"far": 4.0, "coefficient": 1.25},
                ],
            },
            "commercial": {
                "grades": {"I": 5000, "II": 4000},
                "base_far": 2.0,
                "base_development": ["full"],
                "reduction_rate": 0.08,
                "date_correction": {"monthly_growth_rate": 0.005},
                "factors": [
                    {
                        "key": "frontage",
                        "name_zh": "临街宽度",
                        "name_en": "Street frontage",
                        "group": "individual",
                        "levels": levels(5, 2.5, 0, -2.5, -5),
                        "numeric": {"direction": "higher_better", "thresholds": [10, 20, 30, 50]},
                    },
                    {
                        "key": "footfall",
                        "name_zh": "人流量",
                        "name_en": "Footfall",
                        "levels": levels(4, 2, 0, -2, -4),
                        "levels_by_grade": {"I": levels(6, 3, 0, -3, -6)},
                    },
                    {
                        "key": "corner",
                        "name_zh": "临街状况",
                        "name_en": "Corner site",
                        "group": "individual",
                        "kind": "multiplicative",
                        "levels": levels(1.04, 1.02, 1.0, 0.98, 0.96),
                    },
                ],
                "far_table": [
                    {"far": 1.0, "coefficient": 0.75},
                    {"far": 2.0, "coefficient": 1.0},
                    {"far": 4.0, "coefficient": 1.3},
                ],
                "far_tables_by_grade": {
                    "I": [
                        {"far": 1.0, "coefficient": 0.7},
                        {"far": 2.0, "coefficient": 1.0},
                        {"far": 4.0, "coefficient": 1.4},
                    ]
                },
                "options": {
                    "development_position": "before_term",
                    "factor_decimals": 3,
                    "price_decimals": 0,
                },
            },
            "industrial": {
                "grades": {"I": 800, "II": 600},
                "base_far": 1.0,
                "base_development": ["basic"],
                "reduction_rate": 0.07,
                "factors": [
                    {
                        "key": "road",
                        "name_zh": "距主干道距离",
                        "name_en": "Distance to main road",
                        "levels": levels(3, 1.5, 0, -1.5, -3),
                        "numeric": {
                            "source": "distance",
                            "target": "main_road",
                            "direction": "lower_better",
                            "thresholds": [100, 300, 600, 1000],
                        },
                    },
                    {
                        "key": "cluster",
                        "name_zh": "产业集聚度",
                        "name_en": "Industrial clustering",
                        "levels": levels(4, 2, 0, -2, -4),
                    },
                    {
                        "key": "terrain",
                        "name_zh": "地形地势",
                        "name_en": "Terrain",
                        "group": "individual",
                        "kind": "multiplicative",
                        "levels": levels(1.03, 1.01, 1.0, 0.98, 0.95),
                    },
                ],
                "far_table": [
                    {"far": 0.5, "coefficient": 0.9},
                    {"far": 1.0, "coefficient": 1.0},
                    {"far": 2.0, "coefficient": 1.1},
                ],
            },
        },
        "use_mapping": {"business": "commercial", "industrial_1": "industrial"},
        "development_costs": {
            "road": {"name_zh": "通路", "name_en": "Road", "cost_yuan_m2": 30},
            "power": {"name_zh": "通电", "name_en": "Power", "cost_yuan_m2": 20},
            "water": {"name_zh": "通水", "name_en": "Water", "cost_yuan_m2": 20},
            "gas": {"name_zh": "通燃气", "name_en": "Gas", "cost_yuan_m2": 15},
            "heating": {"name_zh": "通热", "name_en": "Heating", "cost_yuan_m2": 25},
            "levelling": {"name_zh": "场地平整", "name_en": "Levelling", "cost_yuan_m2": 10},
        },
        "development_bundles": {
            "basic": {
                "name_zh": "三通一平",
                "name_en": "3 utilities + levelling",
                "items": ["road", "power", "water", "levelling"],
            },
            "full": {
                "name_zh": "五通一平",
                "name_en": "5 utilities + levelling",
                "items": ["road", "power", "water", "gas", "heating", "levelling"],
            },
        },
        "national_industrial_grade": 3,
    }


def hand_tables() -> TableSet:
    return parse_table_set(hand_document(), "hand tables")


def problems_of(document: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(TableSetInvalid) as caught:
        parse_table_set(document, "bad.yaml")
    assert isinstance(caught.value, ZoneAtlasError)
    assert str(caught.value).startswith("bad.yaml: ")
    found: dict[str, str] = {}
    for problem in caught.value.problems:
        found[problem.path] = " | ".join(filter(None, (found.get(problem.path), problem.message)))
    return found


def test_hand_document_is_valid() -> None:
    tables = hand_tables()
    assert list(tables.uses) == ["residential", "commercial", "industrial"]
    assert tables.source.base_date == dt.date(2020, 1, 1)


def test_yaml_json_and_csv_parts_load_the_same(tmp_path: Path) -> None:
    import yaml

    document = hand_document()
    (tmp_path / "t.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    (tmp_path / "index.csv").write_text(
        "date,index\n2020-01-01,100\n2020-07-01,104\n2021-01-01,110\n", encoding="utf-8"
    )
    with_csv = copy.deepcopy(document)
    with_csv["date_correction"]["index"] = {"csv": "index.csv"}
    (tmp_path / "csv.yaml").write_text(yaml.safe_dump(with_csv, allow_unicode=True), "utf-8")
    expected = hand_tables()
    for name in ("t.json", "t.yaml", "csv.yaml"):
        assert load_table_set(tmp_path / name) == expected


def test_unreadable_and_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat):
        load_table_set(tmp_path / "tables.xlsx")
    with pytest.raises(TableSetInvalid, match="cannot read"):
        load_table_set(tmp_path / "missing.yaml")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(TableSetInvalid, match="not valid JSON"):
        load_table_set(tmp_path / "broken.json")
    (tmp_path / "broken.yaml").write_text("a: [1,\n", encoding="utf-8")
    with pytest.raises(TableSetInvalid, match="not valid YAML"):
        load_table_set(tmp_path / "broken.yaml")


def test_structural_errors_name_the_field() -> None:
    document = hand_document()
    document["uses"]["residential"]["base_far"] = "two"
    document["uses"]["residential"]["colour"] = "red"
    document["uses"]["residential"]["far_table"][1]["far"] = "x"
    problems = problems_of(document)
    assert "uses.residential.base_far" in problems
    assert "uses.residential.colour" in problems
    assert "uses.residential.far_table[1].far" in problems


def test_every_rule_reports_its_field_at_once() -> None:
    document = hand_document()
    residential = document["uses"]["residential"]
    residential["far_table"][2]["far"] = 1.5  # 1.0, 2.0, 1.5, 4.0: not increasing
    residential["factors"][1]["levels"]["优"] = 60  # |pct| > 50
    residential["factors"][2]["levels"]["劣"] = 2.5  # multiplicative out of range
    commercial = document["uses"]["commercial"]
    commercial["base_term_years"] = 50  # statutory maximum is 40
    commercial["factors"][1]["levels_by_grade"]["III"] = levels(6, 3, 0, -3, -6)
    document["uses"]["villa"] = copy.deepcopy(residential)
    document["date_correction"]["index"][1]["date"] = "2019-12-01"
    problems = problems_of(document)
    assert "must be greater than the previous" in problems["uses.residential.far_table[2].far"]
    assert "outside ±50" in problems["uses.residential.factors[1].levels.优"]
    assert "outside (0, 2]" in problems["uses.residential.factors[2].levels.劣"]
    assert "statutory maximum" in problems["uses.commercial.base_term_years"]
    assert "no grade 'III'" in problems["uses.commercial.factors[1].levels_by_grade.III"]
    assert "unknown land use" in problems["uses.villa"]
    assert "must be after" in problems["date_correction.index[1].date"]


def test_missing_grades_levels_and_tables() -> None:
    document = hand_document()
    document["uses"]["industrial"]["grades"] = {}
    del document["uses"]["residential"]["factors"][1]["levels"]["较劣"]
    document["uses"]["residential"]["factors"][0]["levels"]["较优"] = 5  # rises above 优 = 4
    del document["uses"]["commercial"]["far_table"]  # grade II then has no FAR table
    document["uses"]["commercial"]["far_tables_by_grade"]["IV"] = [
        {"far": 1.0, "coefficient": 1.0},
        {"far": 2.0, "coefficient": 1.1},
    ]
    problems = problems_of(document)
    assert "at least one grade" in problems["uses.industrial.grades"]
    assert "missing level(s) 较劣" in problems["uses.residential.factors[1].levels"]
    assert "must not rise" in problems["uses.residential.factors[0].levels.较优"]
    assert "grade(s) II have no table" in problems["uses.commercial.far_table"]
    assert "unknown grade" in problems["uses.commercial.far_tables_by_grade.IV"]


def test_index_rules() -> None:
    document = hand_document()
    document["date_correction"]["index"][2]["date"] = "2021-03-01"  # 243-day gap > semiannual
    document["source"]["base_date"] = "2019-06-01"  # before the series
    problems = problems_of(document)
    assert "exceeds 184 days" in problems["date_correction.index[2].date"]
    assert "outside the series" in problems["date_correction.index"]
    both = hand_document()
    both["date_correction"]["monthly_growth_rate"] = 0.01
    assert "exactly one" in problems_of(both)["date_correction"]
    fast = hand_document()
    fast["uses"]["commercial"]["date_correction"]["monthly_growth_rate"] = 0.2
    assert "uses.commercial.date_correction.monthly_growth_rate" in problems_of(fast)


def test_other_rules() -> None:
    document = hand_document()
    document["use_mapping"]["logistics"] = "warehouse"
    document["use_mapping"]["castle"] = "residential"
    document["development_bundles"]["basic"]["items"].append("fibre")
    document["uses"]["industrial"]["base_development"] = ["teleporter"]
    document["uses"]["industrial"]["factors"][0]["numeric"]["thresholds"] = [100, 100, 600, 1000]
    document["uses"]["industrial"]["factors"][0]["numeric"]["target"] = None
    document["uses"]["residential"]["base_far"] = 5.0  # outside its FAR table (1 to 4)
    document["uses"]["residential"]["factors"].append(document["uses"]["residential"]["factors"][1])
    problems = problems_of(document)
    assert "no use table 'warehouse'" in problems["use_mapping.logistics"]
    assert "unknown land use" in problems["use_mapping.castle"]
    assert "unknown development item 'fibre'" in problems["development_bundles.basic.items[4]"]
    assert "teleporter" in problems["uses.industrial.base_development"]
    assert "increase strictly" in problems["uses.industrial.factors[0].numeric.thresholds[1]"]
    assert "target layer" in problems["uses.industrial.factors[0].numeric.target"]
    assert "base FAR 5 is outside" in problems["uses.residential.far_table"]
    assert "duplicate factor key" in problems["uses.residential.factors[3].key"]


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "docs" / "landprice-tableset.schema.json").read_text("utf-8"))
    assert published == json_schema()
    assert published["title"] == "TableSet"


def test_docs_example_is_the_hand_document() -> None:
    assert load_table_set(ROOT / "docs" / "landprice-example.yaml") == hand_tables()


def test_every_table_set_field_is_documented() -> None:
    text = (ROOT / "docs" / "landprice.md").read_text(encoding="utf-8")
    schema = json_schema()
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names |= set(definition.get("properties", {}))
    missing = sorted(name for name in names if f"`{name}`" not in text and f".{name}`" not in text)
    assert not missing, f"not documented in docs/landprice.md: {missing}"


def test_a_table_set_round_trips_through_json() -> None:
    """What a store keeps (``model_dump(mode="json")``) parses back to the same tables."""
    from zoneatlas.landprice.demo import demo_table_set

    for tables in (hand_tables(), demo_table_set()):
        stored = json.loads(json.dumps(tables.model_dump(mode="json"), ensure_ascii=False))
        assert parse_table_set(stored) == tables
