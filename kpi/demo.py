"""Södertörn demo data for the kpi app; called by `manage.py load_sodertorn`. Offline and idempotent.

Sources (see docs/kpi.md and kpi/data/SOURCES.md):
- Kolada v3 metadata and real value rows recorded by rKolada (kpi/data/rkolada_*).
- TEST DATA ONLY: the county's population 2000–2014 and employment rate 20–64 from
  open-numbers/ddf--sodertornsmodellen, stored under N01951 and N02267 but marked as test data (batch kind
  "test_data"), never as Kolada's own.
- The members' population is not loaded here: it lives once in organisations.Population
  (organisations.demo.load_population), and the pages show it as N01951.
"""

import csv
import json
from decimal import Decimal
from pathlib import Path

from core.services import SYSTEM
from kpi import services
from kpi.models import Area, ImportBatch, KeyFigure
from kpi.services import import_csv, upsert_areas, upsert_figure_from_kolada
from organisations import demo as organisation_demo

DATA = Path(__file__).resolve().parent / "data"
SODERTORN_GROUP = "G96274"
TEST_SOURCE = "Testdata: open-numbers/ddf--sodertornsmodellen (Södertörnsmodellen), inte Kolada"
REAL_SOURCE = "Kolada v3 (inspelad av rKolada, mars 2026)"

#: The group "Södertörns nyckeltal": (Kolada id, focus area of the programme).
SODERTORN_FIGURES = [
    ("N01951", "Befolkning"),
    ("N07418", "Infrastruktur"),
    ("N07916", "Infrastruktur"),
    ("N01982", "Utbildning"),
    ("N17473", "Utbildning"),
    ("U07453", "Näringsliv"),
    ("N00999", "Näringsliv"),
    ("N02267", "Näringsliv"),
    ("N03067", "Funktionell samordning"),
    ("N00901", "Funktionell samordning"),
]


def load_metadata():
    """Areas (all 312 Kolada 'municipalities' + the Kolada groups) and the 47 recorded figures."""
    upsert_areas(json.loads((DATA / "rkolada_v3_municipality.json").read_text()), actor=SYSTEM)
    upsert_areas(
        json.loads((DATA / "rkolada_v3_municipality_groups_selected.json").read_text()), actor=SYSTEM, area_type="G"
    )
    for name in ("rkolada_v3_kpi_selected.json", "rkolada_v3_kpi_catalog_subset.json"):
        for meta in json.loads((DATA / name).read_text()):
            upsert_figure_from_kolada(meta, actor=SYSTEM)


def _ddf_csv(filename: str, column: str, *, kpi: str, scale: Decimal = Decimal(1), area_map=None) -> str:
    lines = ["kpi,municipality_id,year,gender,value,status"]
    with open(DATA / filename, newline="") as fh:
        for row in csv.DictReader(fh):
            key = row.get("municipality") or row.get("county")
            code = area_map.get(key, key[:4]) if area_map else key[:4]
            value = (Decimal(row[column]) * scale).quantize(Decimal("0.000001"))
            lines.append(f"{kpi},{code},{row['year']},T,{value},")
    return "\n".join(lines) + "\n"


def load_values(log=print, cooperation=None):
    if cooperation is not None:
        organisation_demo.load_population(cooperation, log=log)
    if not ImportBatch.objects.filter(source=TEST_SOURCE).exists():
        county = _ddf_csv(
            "sodertornsmodellen_ddf--datapoints--population_20xx_12_31--by--county--year.csv",
            "population_20xx_12_31",
            kpi="N01951",
            area_map={"01_stockholms_lan": "0001"},
        )
        employment = _ddf_csv(
            "sodertornsmodellen_ddf--datapoints--employment_rate_20_64--by--municipality--year.csv",
            "employment_rate_20_64",
            kpi="N02267",
            scale=Decimal(100),
        )
        text = county + "\n".join(employment.splitlines()[1:]) + "\n"
        batch = import_csv(
            text,
            actor=SYSTEM,
            source=TEST_SOURCE,
            kind=ImportBatch.Kind.TEST_DATA,
            note="Befolkning 31/12 i Stockholms län och sysselsättningsgrad 20–64 år 2000–2014 för "
            "länets kommuner. Licens saknas; endast testdata, inte Kolada.",
        )
        log(f"  kpi: {batch.value_count} testvärden (Södertörnsmodellen)")
    if not ImportBatch.objects.filter(source=REAL_SOURCE).exists():
        text = ""
        for name in (
            "rkolada_v3_values_n00945.csv",
            "rkolada_v3_values_kld_data.csv",
            "rkolada_v3_values_grp_data.csv",
        ):
            body = (DATA / name).read_text()
            text += body if not text else body.split("\n", 1)[1]
        batch = import_csv(
            text,
            actor=SYSTEM,
            source=REAL_SOURCE,
            kind=ImportBatch.Kind.CSV,
            note="Riktiga Kolada-värden (N00945, N03702, N03703) ur rKolada:s sysdata.rda.",
        )
        log(f"  kpi: {batch.value_count} riktiga Kolada-värden")


def load(cooperation, *, log=print):
    """Build this app's part of the demo; must be idempotent."""
    load_metadata()
    group = services.key_figure_group_save(
        actor=SYSTEM,
        cooperation=cooperation,
        slug="sodertorns-nyckeltal",
        name="Södertörns nyckeltal",
        description="En återkommande uppföljning av nyckeltalsarbetet som presenteras vartannat år, "
        "ordnad efter programmets fokusområden.",
        kolada_group_id=SODERTORN_GROUP,
    )
    figures = {f.kolada_id: f for f in KeyFigure.objects.filter(kolada_id__in=[k for k, _a in SODERTORN_FIGURES])}
    for order, (kolada_id, focus_area) in enumerate(SODERTORN_FIGURES):
        services.key_figure_group_item_set(
            actor=SYSTEM, group=group, figure=figures[kolada_id], focus_area=focus_area, order=order
        )
    load_values(log=log, cooperation=cooperation)
    log(f"  kpi: {Area.objects.count()} områden, {KeyFigure.objects.count()} nyckeltal, gruppen {group.name}")
    return group
