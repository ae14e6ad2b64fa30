"""Parcel import/export through every file format, and through a real SQLite store."""

from __future__ import annotations

import datetime as dt
import json
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from pyogrio import raw
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from zoneatlas.errors import (
    ImportRejected,
    ParcelNotFound,
    UnsupportedFormat,
    ZoneAtlasError,
    ZoneNotFound,
)
from zoneatlas.io import (
    ExportFailed,
    ImportResult,
    export_parcels,
    import_parcels,
    read_parcels,
    write_parcels,
)
from zoneatlas.io.formats import EXPORT_FIELDS, FIELD_KINDS, SHAPEFILE_NAMES
from zoneatlas.parcels.model import PARCEL_FIELDS, Parcel
from zoneatlas.records import Zone, ZoneBundle
from zoneatlas.store.repository import Store

pytestmark = pytest.mark.integration

SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip", ".shp.zip", ".csv")
LONG_SOURCE = (
    "长春日报 2021-01-12《净月高新区2020年工作回顾》：重点招商引资地块三百二十八宗（合成几何）"
)


def _ccw(geometry: BaseGeometry) -> BaseGeometry:
    oriented: BaseGeometry = shapely.orient_polygons(geometry, exterior_cw=False)
    return oriented


def make_parcels() -> list[Parcel]:
    """Five parcels near 125.5°E 43.8°N, every optional field set on some and None on
    others, geometries in their stored form (exteriors counter-clockwise)."""
    x, y = 125.5012345678901, 43.8012345678901
    hole = Polygon([(x + 0.0004, y + 0.0004), (x + 0.0006, y + 0.0004), (x + 0.0005, y + 0.0006)])
    common = {"updated": dt.date(2021, 1, 12), "source": "长春日报 2021-01-12"}
    return [
        Parcel(
            code="JY-001",
            name_zh="影视基地东侧地块",
            name_en="East of the Film Base",
            land_use="commercial",
            status="available",
            geometry=_ccw(box(x, y, x + 0.0012345678, y + 0.0009876543)),
            area_m2=12345.67,
            functional_area="film_valley",
            far_min=1.2,
            far_max=2.5,
            density_max_pct=35.0,
            green_min_pct=0.0,
            height_max_m=60.0,
            lease_years=40,
            development_level="nine_one",
            industries=["film_tourism", "digital_economy"],
            start_price_yuan_m2=6830.0,
            synthetic=True,
            **common,
        ),
        Parcel(
            code="JY-002",
            name_zh="生态大街北地块",
            land_use="research",
            status="reserved",
            geometry=_ccw(Polygon(box(x, y, x + 0.001, y + 0.001).exterior, [hole.exterior])),
            area_m2=8765.4321,
            updated=dt.date(2020, 6, 24),
            source="",
        ),
        Parcel(
            code="JY-003",
            name_zh="聚业大街双地块",
            name_en='Juye Avenue, plots "A" and B',
            land_use="industrial_1",
            status="negotiating",
            geometry=_ccw(
                MultiPolygon(
                    [
                        box(x + 0.01, y, x + 0.011, y + 0.001),
                        box(x + 0.012, y, x + 0.013, y + 0.0015),
                    ]
                )
            ),
            area_m2=23456.789012345,
            far_min=0.8,
            lease_years=50,
            industries=["advanced_manufacturing"],
            start_price_yuan_m2=7214.0,
            **common,
        ),
        Parcel(
            code="JY-004",
            name_zh="生命健康产业园地块",
            land_use="business",
            status="signed",
            geometry=_ccw(Point(125.52, 43.79).buffer(0.002, quad_segs=8)),
            area_m2=31415.92,
            far_max=3.0,
            green_min_pct=30.0,
            development_level="seven_one",
            industries=["life_health", "modern_services", "education"],
            updated=dt.date(2020, 12, 31),
            source=LONG_SOURCE,
        ),
        Parcel(
            code="JY-005",
            name_zh="净月潭南地块",
            name_en="South of Jingyue Lake",
            land_use="residential",
            status="transferred",
            geometry=_ccw(box(125.53, 43.77, 125.5312, 43.7711)),
            area_m2=1000.0,
            far_min=1.0,
            far_max=1.5,
            height_max_m=24.0,
            lease_years=70,
            start_price_yuan_m2=1234.5,
            synthetic=True,
            **common,
        ),
    ]


def bad_parcels() -> list[Parcel]:
    """Nine rows: 1 and 9 are good, rows 2-8 each carry one problem (see BAD_ROWS)."""
    good = make_parcels()[0]
    bowtie = Polygon([(125.5, 43.8), (125.501, 43.801), (125.501, 43.8), (125.5, 43.801)])

    def variant(code: str, **changes: object) -> Parcel:
        parcel = Parcel(**{**vars(good), "code": code})
        for name, value in changes.items():
            setattr(parcel, name, value)
        return parcel

    return [
        variant("NEW-1"),
        variant("BAD-2", geometry=Polygon()),
        variant("BAD-3", geometry=bowtie),
        variant(""),
        variant("NEW-1"),
        variant("BAD-6", far_min=None, far_max=0.0),
        variant("BAD-7", area_m2=-5.0),
        variant("BAD-8", land_use="swamp"),
        variant("NEW-9"),
    ]


BAD_ROWS = {
    2: "geometry is missing or empty",
    3: "geometry is invalid (Self-intersection",
    4: "required field code is missing",
    5: "duplicate code 'NEW-1' (first on row 1)",
    6: "far_max must be > 0",
    7: "area_m2 must be > 0",
    8: "land_use 'swamp' is not one of",
}


def assert_same_parcels(
    actual: Sequence[Parcel], expected: Sequence[Parcel], *, tolerance: float = 1e-9
) -> None:
    """Field by field equal (types included); geometries equal vertex by vertex within
    ``tolerance`` degrees and of the same type."""
    actual = sorted(actual, key=lambda p: p.code)
    expected = sorted(expected, key=lambda p: p.code)
    assert [p.code for p in actual] == [p.code for p in expected]
    for got, want in zip(actual, expected, strict=True):
        for name in PARCEL_FIELDS:
            got_value, want_value = getattr(got, name), getattr(want, name)
            assert got_value == want_value, (want.code, name, got_value, want_value)
            assert type(got_value) is type(want_value), (want.code, name)
        assert got.geometry.geom_type == want.geometry.geom_type, want.code
        assert shapely.equals_exact(got.geometry, want.geometry, tolerance=tolerance), want.code


def with_source(parcels: list[Parcel], source: str) -> list[Parcel]:
    """Blank sources become the file name on import."""
    for parcel in parcels:
        parcel.source = parcel.source or source
    return parcels


@pytest.fixture
def store(empty_store: Store) -> Store:
    """Two empty zones, ``t`` and ``u``, on each backend."""
    for slug in ("t", "u"):
        empty_store.replace_zone(
            ZoneBundle(
                zone=Zone(
                    slug=slug,
                    name_zh="测试区",
                    name_en="Test",
                    boundary=box(125.45, 43.75, 125.6, 43.85),
                    metric_epsg=4551,
                )
            )
        )
    return empty_store


# -- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_write_then_read_gives_equal_parcels(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"地块{suffix}"
    originals = make_parcels()
    write_parcels(path, originals)
    assert_same_parcels(read_parcels(path), with_source(make_parcels(), path.name))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_export_then_import_through_the_store(store: Store, tmp_path: Path, suffix: str) -> None:
    originals = with_source(make_parcels(), "survey")
    store.upsert_parcels("t", originals)
    path = tmp_path / "export" / f"parcels{suffix}"

    assert export_parcels(store, "t", path) == len(originals)
    assert import_parcels(store, "u", path) == ImportResult(inserted=5, updated=0)
    assert_same_parcels(store.parcels("u"), originals)
    assert import_parcels(store, "u", path) == ImportResult(inserted=0, updated=5)
    assert store.count_parcels("u") == 5


def test_empty_zone_exports_a_file_that_imports_as_no_parcels(store: Store, tmp_path: Path) -> None:
    for suffix in SUFFIXES:
        path = tmp_path / f"empty{suffix}"
        assert export_parcels(store, "t", path) == 0
        with pytest.raises(ImportRejected, match="holds no parcels"):
            read_parcels(path)


# -- coordinate reference systems ---------------------------------------------------------


def write_projected(path: Path, parcels: Sequence[Parcel], epsg: int, *, prj: bool = True) -> None:
    """Write the parcels' required fields in ``epsg`` with pyogrio, as a GIS would."""
    to_projected = Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
    geometries = np.array([p.geometry for p in parcels], dtype=object)
    projected = shapely.transform(
        geometries, lambda xy: np.column_stack(to_projected.transform(xy[:, 0], xy[:, 1]))
    )
    if epsg == 4530:  # zone 42 with the zone number in the easting
        assert int(shapely.total_bounds(projected)[0] // 1_000_000) == 42
    names = ["code", "name_zh", "land_use", "status", "area_m2"]
    columns = [np.array([getattr(p, n) for p in parcels], dtype=object) for n in names[:-1]]
    columns.append(np.array([p.area_m2 for p in parcels]))
    with warnings.catch_warnings():  # a file without CRS is the point when prj=False
        warnings.filterwarnings("ignore", message="'crs' was not provided")
        raw.write(
            str(path),
            shapely.to_wkb(projected),
            columns,
            names,
            geometry_type="MultiPolygon",
            promote_to_multi=True,
            crs=f"EPSG:{epsg}" if prj else None,
            encoding="UTF-8" if path.suffix == ".shp" else None,
        )


def assert_same_places(actual: Sequence[Parcel], expected: Sequence[Parcel]) -> None:
    assert [(p.code, p.name_zh, p.land_use, p.area_m2) for p in actual] == [
        (p.code, p.name_zh, p.land_use, p.area_m2) for p in expected
    ]
    for got, want in zip(actual, expected, strict=True):
        assert got.geometry.geom_type == want.geometry.geom_type
        assert shapely.equals_exact(got.geometry, want.geometry, tolerance=1e-7), want.code


@pytest.mark.parametrize("epsg", [4530, 4551])
@pytest.mark.parametrize("suffix", [".gpkg", ".shp"])
def test_file_in_gauss_kruger_is_reprojected_from_its_own_crs(
    tmp_path: Path, epsg: int, suffix: str
) -> None:
    path = tmp_path / f"gk{epsg}{suffix}"
    originals = make_parcels()
    write_projected(path, originals, epsg)
    assert_same_places(read_parcels(path), originals)


def test_zone_number_in_the_eastings_names_the_crs_of_a_file_without_prj(
    tmp_path: Path,
) -> None:
    path = tmp_path / "noprj.shp"
    originals = make_parcels()
    write_projected(path, originals, 4530, prj=False)
    assert not path.with_suffix(".prj").exists()
    assert_same_places(read_parcels(path), originals)  # eastings 42xxxxxx: zone 42
    assert_same_places(read_parcels(path, crs="4530"), originals)


def test_eastings_without_zone_number_are_inferred_near_the_zone_or_asked(
    tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "cm126.shp"
    originals = make_parcels()
    write_projected(path, originals, 4551, prj=False)
    with pytest.raises(ImportRejected) as rejected:  # no zone to be near: a question
        read_parcels(path)
    message = str(rejected.value)
    assert "not longitude/latitude" in message and "which one is it?" in message
    assert "EPSG:4551" in message
    assert len(rejected.value.problems) == 1  # one message for the file, not one per row
    # importing into a zone near Changchun leaves one candidate: CM 126°E
    result = import_parcels(store, "t", path)
    assert result.assumed_crs == "EPSG:4551"
    assert_same_places(store.parcels("t"), originals)


def test_ambiguous_central_meridian_is_a_question() -> None:
    from zoneatlas.geo.crs import guess_gauss_kruger

    guess = guess_gauss_kruger((390_000, 4_850_000, 391_000, 4_851_000), near=None)
    assert guess.epsg is None
    assert "which one is it?" in guess.reason and "EPSG:4551" in guess.reason
    # 3-degree central meridians lie about 240 km apart here, so near the zone only one fits
    near = guess_gauss_kruger((390_000, 4_850_000, 391_000, 4_851_000), near=(124.6, 43.8))
    assert near.epsg == 4551


def test_csv_with_wkt_in_gauss_kruger_is_read_with_crs(tmp_path: Path) -> None:
    originals = make_parcels()
    to_gk = Transformer.from_crs("EPSG:4326", "EPSG:4551", always_xy=True)
    path = tmp_path / "gk.csv"
    lines = ["code,name_zh,land_use,status,area_m2,wkt"]
    for p in originals:
        projected = shapely.transform(
            p.geometry, lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1]))
        )
        lines.append(
            f'{p.code},{p.name_zh},{p.land_use},{p.status},{p.area_m2!r},"{projected.wkt}"'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    assert_same_places(read_parcels(path, crs="EPSG:4551"), originals)
    with pytest.raises(ImportRejected, match=r"which one is it\? Give --crs.*EPSG:4551"):
        read_parcels(path)


def test_unknown_crs_argument_is_a_parameter_error(tmp_path: Path) -> None:
    path = tmp_path / "p.geojson"
    write_parcels(path, make_parcels())
    with pytest.raises(ZoneAtlasError, match="crs: unknown coordinate reference system"):
        read_parcels(path, crs="EPSG:99999999")


# -- rejection: every problem listed, nothing stored --------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_bad_rows_are_all_reported_and_nothing_is_stored(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    store.upsert_parcels("t", make_parcels())
    path = tmp_path / f"bad{suffix}"
    write_parcels(path, bad_parcels())

    with pytest.raises(ImportRejected) as rejected:
        import_parcels(store, "t", path)

    message = str(rejected.value)
    assert "\n" not in message and message.startswith(f"{path.name}: ")
    assert {row for row, _ in rejected.value.problems} == set(BAD_ROWS)
    for row, expected in BAD_ROWS.items():
        assert f"row {row}: {expected}" in message
    assert store.count_parcels("t") == 5
    for code in ("NEW-1", "NEW-9"):
        with pytest.raises(ParcelNotFound):
            store.parcel("t", code)


def test_one_bad_row_stores_none_of_the_good_ones(store: Store, tmp_path: Path) -> None:
    parcels = make_parcels()
    parcels[2].far_max = 0.5  # below far_min 0.8
    path = tmp_path / "one-bad.gpkg"
    write_parcels(path, parcels)
    with pytest.raises(ImportRejected, match=r"row 3: far_min 0.8 is greater than far_max 0.5"):
        import_parcels(store, "u", path)
    assert store.count_parcels("u") == 0


def test_unknown_zone_is_reported_before_the_file_is_read(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ZoneNotFound):
        import_parcels(store, "nowhere", tmp_path / "missing.gpkg")


@pytest.mark.parametrize("name", ["parcels.xlsx", "parcels.kml", "parcels"])
def test_unknown_extension_is_unsupported(store: Store, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    supported = r"use one of \.csv, \.geojson, \.gpkg, \.json, \.shp, \.shp\.zip, \.zip$"
    with pytest.raises(UnsupportedFormat, match=supported):
        read_parcels(path)
    with pytest.raises(UnsupportedFormat, match=supported):
        write_parcels(path, make_parcels())
    with pytest.raises(UnsupportedFormat, match=supported):
        import_parcels(store, "t", path)
    assert path.read_bytes() == b"whatever"


@pytest.mark.parametrize("suffix", [".gpkg", ".shp", ".geojson", ".zip", ".csv"])
def test_corrupt_file_is_one_clear_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"corrupt{suffix}"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ZoneAtlasError) as error:
        read_parcels(path)
    message = str(error.value)
    assert message.startswith(f"{path.name}: ") and "\n" not in message
    assert "Traceback" not in message and "It might help" not in message


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="no such file"):
        read_parcels(tmp_path / "missing.shp")


def test_geopackage_layer_is_chosen_by_name(tmp_path: Path) -> None:
    path = tmp_path / "two.gpkg"
    wkb = shapely.to_wkb(np.array([box(125.5, 43.8, 125.501, 43.801)], dtype=object))
    for layer in ("roads", "plots"):
        raw.write(str(path), wkb, [], [], layer=layer, geometry_type="Polygon", crs="EPSG:4326")
    with pytest.raises(ImportRejected, match="holds layers roads, plots: name the parcel layer"):
        read_parcels(path)
    write_parcels(tmp_path / "p.gpkg", make_parcels())
    assert len(read_parcels(tmp_path / "p.gpkg")) == 5


# -- format details -----------------------------------------------------------------------


def test_export_columns_cover_every_parcel_field() -> None:
    assert set(PARCEL_FIELDS) < set(EXPORT_FIELDS) == set(FIELD_KINDS) == set(SHAPEFILE_NAMES)
    short = list(SHAPEFILE_NAMES.values())
    assert len(set(short)) == len(short)
    assert all(len(name) <= 10 and name.isascii() for name in short)


def test_shapefile_uses_short_names_and_utf8(tmp_path: Path) -> None:
    path = tmp_path / "p.shp"
    write_parcels(path, make_parcels())
    info = pyogrio.read_info(str(path))
    assert list(info["fields"]) == [SHAPEFILE_NAMES[name] for name in EXPORT_FIELDS]
    assert path.with_suffix(".cpg").read_text().strip().upper() in ("UTF-8", "UTF8")


def test_zipped_shapefile_holds_the_parts_at_its_root(tmp_path: Path) -> None:
    path = tmp_path / "地块.shp.zip"
    write_parcels(path, make_parcels())
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted(
            f"地块{s}" for s in (".cpg", ".dbf", ".prj", ".shp", ".shx")
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["地块.shp.zip"]


def test_text_too_long_for_a_shapefile_fails_and_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "p.shp"
    write_parcels(path, make_parcels())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    parcels = make_parcels()
    parcels[1].source = "来源" * 50  # 300 bytes in UTF-8
    with pytest.raises(ExportFailed, match="source of parcel 'JY-002' is 300 bytes"):
        write_parcels(path, parcels)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.gpkg"
    path.write_bytes(b"previous export")

    def half_write(target: str, *args: object, **kwargs: object) -> None:
        Path(target).write_bytes(b"half")
        raise pyogrio.errors.DataSourceError("disk full")

    monkeypatch.setattr(raw, "write", half_write)
    with pytest.raises(ExportFailed, match=r"cannot write p\.gpkg: disk full"):
        write_parcels(path, make_parcels())
    assert [p.name for p in tmp_path.iterdir()] == ["p.gpkg"]
    assert path.read_bytes() == b"previous export"


def test_geojson_follows_rfc_7946(tmp_path: Path) -> None:
    path = tmp_path / "p.geojson"
    clockwise = make_parcels()
    for parcel in clockwise:
        parcel.geometry = shapely.orient_polygons(parcel.geometry, exterior_cw=True)
    write_parcels(path, clockwise)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in collection
    first = collection["features"][0]
    assert first["properties"]["industries"] == ["film_tourism", "digital_economy"]
    assert first["properties"]["name_zh"] == "影视基地东侧地块"
    ring = first["geometry"]["coordinates"][0]
    assert ring[1][0] == 125.5012345678901 + 0.0012345678  # every digit kept
    for feature in collection["features"]:
        for polygon in shapely.get_parts(shapely.geometry.shape(feature["geometry"])):
            assert shapely.is_ccw(polygon.exterior)
            assert not any(shapely.is_ccw(hole) for hole in polygon.interiors)
    assert_same_parcels(read_parcels(path), with_source(make_parcels(), path.name))


def test_csv_is_written_for_excel_and_read_leniently(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    write_parcels(path, make_parcels())
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-3:] == ["lon", "lat", "wkt"]

    # Excel on Chinese Windows saves GB18030 without a BOM; QGIS names the column WKT.
    text = data.decode("utf-8-sig").replace(",wkt\r\n", ",WKT\r\n", 1)
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(text.encode("gb18030"))
    assert_same_parcels(read_parcels(legacy), with_source(make_parcels(), legacy.name))


def test_csv_with_only_lon_lat_is_rejected_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_text("code,name_zh,land_use,status,lon,lat\nA,甲,commercial,available,125.5,43.8\n")
    with pytest.raises(ImportRejected) as rejected:
        read_parcels(path)
    assert rejected.value.problems == [
        (None, "CSV has lon/lat columns but parcels need polygon geometry: add a wkt column")
    ]


def test_csv_bad_wkt_is_reported_on_its_row(tmp_path: Path) -> None:
    path = tmp_path / "wkt.csv"
    good = "POLYGON ((125.5 43.8, 125.501 43.8, 125.501 43.801, 125.5 43.8))"
    path.write_text(
        "code,name_zh,land_use,status,wkt\n"
        f'A,甲,commercial,available,"{good}"\n'
        "B,乙,commercial,available,POLYGON ((125.5 43.8\n"
        "C,丙,commercial,available,POINT (125.5 43.8)\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as rejected:
        read_parcels(path)
    assert rejected.value.problems == [
        (2, "wkt is not valid WKT: 'POLYGON ((125.5 43.8'"),
        (3, "geometry is a Point, expected Polygon or MultiPolygon"),
    ]


def test_blank_source_and_date_get_the_file_name_and_today(tmp_path: Path) -> None:
    path = tmp_path / "survey-2024.csv"
    path.write_text(
        "code,name_zh,land_use,status,source,updated,wkt\n"
        'A,甲,商业用地,可出让,,,"POLYGON ((125.5 43.8, 125.501 43.8, 125.501 43.801, '
        '125.5 43.8))"\n',
        encoding="utf-8",
    )
    (parcel,) = read_parcels(path)
    assert (parcel.source, parcel.updated) == ("survey-2024.csv", dt.date.today())
    assert (parcel.land_use, parcel.status) == ("commercial", "available")
    assert parcel.area_m2 > 0


def test_projected_geojson_without_crs_member_asks_for_the_crs(tmp_path: Path) -> None:
    to_gk = Transformer.from_crs("EPSG:4326", "EPSG:4530", always_xy=True)
    originals = make_parcels()
    features = []
    for p in originals:
        projected = shapely.transform(
            p.geometry, lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1]))
        )
        properties = {"code": p.code, "name_zh": p.name_zh, "land_use": p.land_use}
        features.append(
            {
                "type": "Feature",
                "properties": {**properties, "status": p.status, "area_m2": p.area_m2},
                "geometry": shapely.geometry.mapping(projected),
            }
        )
    path = tmp_path / "gk.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    # GDAL reads a GeoJSON without "crs" as lon/lat; the zone number 42 in the eastings
    # shows it is CGCS2000 3-degree Gauss-Kruger zone 42
    assert_same_places(read_parcels(path), originals)
    assert_same_places(read_parcels(path, crs="EPSG:4530"), originals)

    # A legacy (GeoJSON 2008) "crs" member is honoured.
    legacy = tmp_path / "legacy.geojson"
    crs_member = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4530"}}
    legacy.write_text(
        json.dumps({"type": "FeatureCollection", "crs": crs_member, "features": features})
    )
    assert_same_places(read_parcels(legacy), originals)


def test_zip_without_a_shapefile_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "docs.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no shapefile here")
    with pytest.raises(ImportRejected, match=r"the archive holds no \.shp file"):
        read_parcels(path)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_parcels_without_industries_round_trip(tmp_path: Path, suffix: str) -> None:
    # GDAL cannot type a GeoJSON list property when every list is empty and reads "[ ]".
    parcels = make_parcels()
    for parcel in parcels:
        parcel.industries = []
    path = tmp_path / f"no-industries{suffix}"
    write_parcels(path, parcels)
    assert all(p.industries == [] for p in read_parcels(path))


def test_list_fields_kept_as_json_text_are_read(tmp_path: Path) -> None:
    """GDAL stores a GeoJSON list field in a GeoPackage as JSON text."""
    path = tmp_path / "json-list.gpkg"
    wkb = shapely.to_wkb(np.array([box(125.5, 43.8, 125.501, 43.801)], dtype=object))
    values = ["A", "甲", "commercial", "available", '["film_tourism","生命健康"]']
    names = ["code", "name_zh", "land_use", "status", "industries"]
    columns = [np.array([value], dtype=object) for value in values]
    raw.write(str(path), wkb, columns, names, geometry_type="Polygon", crs="EPSG:4326")
    (parcel,) = read_parcels(path)
    assert parcel.industries == ["film_tourism", "life_health"]


def test_layer_without_attributes_reports_every_row(tmp_path: Path) -> None:
    path = tmp_path / "bare.gpkg"
    wkb = shapely.to_wkb(np.array([box(125.5, 43.8, 125.501, 43.801)] * 2, dtype=object))
    raw.write(str(path), wkb, [], [], geometry_type="Polygon", crs="EPSG:4326")
    with pytest.raises(ImportRejected) as rejected:
        read_parcels(path)
    assert {row for row, _ in rejected.value.problems} == {1, 2}
    assert "row 2: required field code is missing" in str(rejected.value)
