"""Key figures scoped to the cooperation (issue 15, point 4), shown with a cooperation that is not the demo:
the group-mean text names the cooperation's own Kolada group or says there is none; the exports hold the
members and the comparison areas only; a single member's value is not the cooperation's mean; the sources are
named as they are."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from core.services import SYSTEM
from kpi import selectors, services
from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureGroupItem, KeyFigureValue

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def world(coop):
    """`coop` (three members with codes 9xxx) with the areas Kolada has for them, a county, the country, a
    municipality that is not a member (Stockholm, 0180) and a Kolada group that is not the demo's."""
    codes = [m.code for m in coop.current_members().order_by("code")]
    for code in codes:
        Area.objects.get_or_create(kolada_id=code, defaults={"title": f"Kommun {code}", "type": "K"})
    county = selectors.county_id_for(codes[0])
    for kolada_id, title, kind in (
        (county, "Testlänet", "L"),
        ("0000", "Riket", "L"),
        ("0180", "Stockholm", "K"),
        ("G33612", "Stockholms läns kommuner (ovägt medel)", "G"),
    ):
        Area.objects.update_or_create(kolada_id=kolada_id, defaults={"title": title, "type": kind})
    rate = KeyFigure.objects.update_or_create(
        kolada_id="TEST01", defaults={"title": "Testandel, andel (%)", "unit": "%"}
    )[0]
    count = KeyFigure.objects.update_or_create(
        kolada_id="TEST02", defaults={"title": "Testantal, antal", "unit": "antal", "is_count": True}
    )[0]
    group = services.key_figure_group_save(actor=SYSTEM, cooperation=coop, slug="grupp", name="Grupp")
    for order, figure in enumerate((rate, count)):
        KeyFigureGroupItem.objects.create(group=group, figure=figure, order=order)
    return {
        "coop": coop,
        "group": group,
        "codes": codes,
        "county": county,
        "rate": rate,
        "count": count,
        "url": f"/{coop.slug}/nyckeltal/grupp/",
    }


def put(figure, code, value, *, year=2020, kind=ImportBatch.Kind.KOLADA, source="https://api.kolada.se/v3"):
    batch = ImportBatch.objects.get_or_create(kind=kind, source=source)[0]
    KeyFigureValue.objects.create(
        figure=figure,
        area=Area.objects.get(kolada_id=code),
        year=year,
        gender="T",
        value=Decimal(value),
        imported_at=timezone.now(),
        batch=batch,
    )


def test_without_a_kolada_group_the_page_says_so_and_names_no_demo_group(world, client):
    for code in world["codes"]:
        put(world["rate"], code, 50)
    put(world["rate"], "G96274" if Area.objects.filter(kolada_id="G96274").exists() else "0000", 1)
    text = text_of(client.get(world["url"] + "?ar=2020"))
    assert "Samarbetet har ingen egen grupp i Kolada: inget gruppmedel från Kolada visas." in text
    assert "G96274" not in text and "Södertörn" not in text


def test_the_cooperations_own_kolada_group_is_named_and_shown(world, client):
    services.key_figure_group_save(actor=SYSTEM, cooperation=world["coop"], slug="grupp", kolada_group_id="G33612")
    for code in world["codes"]:
        put(world["rate"], code, 50)
    put(world["rate"], "G33612", 61)
    text = text_of(client.get(world["url"] + "?ar=2020"))
    assert "Koladas eget gruppmedel för medlemmarna (G33612, Stockholms läns kommuner (ovägt medel)) är ovägt" in text
    assert "61,0" in text and "G96274" not in text
    services.key_figure_group_save(actor=SYSTEM, cooperation=world["coop"], slug="grupp", kolada_group_id="G12345")
    text = text_of(client.get(world["url"] + "?ar=2020"))
    assert "Koladas egen grupp för medlemmarna (G12345) har inga importerade värden än." in text


def test_the_exports_hold_the_members_and_the_comparison_areas_only(world, client):
    for code in [*world["codes"], world["county"], "0000", "0180", "G33612"]:
        put(world["rate"], code, 40)
    response = client.get(world["url"] + "varden.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    exported = {row[1] for row in rows[1:]}
    assert exported == {*world["codes"], world["county"], "0000"}  # not Stockholm, not a group the coop lacks
    services.key_figure_group_save(actor=SYSTEM, cooperation=world["coop"], slug="grupp", kolada_group_id="G33612")
    from openpyxl import load_workbook

    response = client.get(world["url"] + "varden.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = {row[1] for row in sheet.iter_rows(values_only=True) if row and row[0] == "TEST01"}
    assert codes == {*world["codes"], world["county"], "0000", "G33612"}


def test_a_single_members_value_is_not_the_cooperations_mean(world, client):
    first, *_rest = world["codes"]
    put(world["rate"], first, "73.5")
    put(world["count"], first, 1000)
    table = selectors.comparison(world["group"], 2020)
    average = table.summary[0]
    assert (average.cells[0].value, average.cells[0].method) == (None, "single")
    assert (average.cells[1].value, average.cells[1].method) == (None, "incomplete")
    text = text_of(client.get(world["url"] + "?ar=2020&visa=alla"))
    assert "bara en medlem har värde" in text and "alla medlemmar har inte värden" in text
    assert text.count("73,5") == 1 and text.count("1 000") == 1  # the member's own cell, not the mean's
    put(world["rate"], world["codes"][1], "80.5")
    average = selectors.comparison(world["group"], 2020).summary[0]
    assert average.cells[0].method == "unweighted" and average.cells[0].value == Decimal("77")
    assert average.cells[0].present == 2
    assert "2 av 3 medlemmar" in text_of(client.get(world["url"] + "?ar=2020&visa=alla"))


def test_sources_are_shown_as_they_are(world, client):
    for code in world["codes"]:
        put(world["rate"], code, 50, kind=ImportBatch.Kind.CSV, source="CSV: egna-tal.csv")
    for path in ("?ar=2020", "?ar=2020&visa=alla"):
        text = text_of(client.get(world["url"] + path))
        assert "Källa: Kolada" not in text
        assert "Källa (importerad fil eller inmatad för hand): CSV: egna-tal.csv (TEST01)." in text
    figure_text = text_of(client.get(f"/{world['coop'].slug}/nyckeltal/tal/TEST01/"))
    assert "Källa: Kolada" not in figure_text and "CSV: egna-tal.csv (TEST01)" in figure_text
    put(world["count"], world["codes"][0], 5)  # one value from Kolada's API
    text = text_of(client.get(world["url"] + "?ar=2020"))
    assert "Källa: Kolada" in text and "CSV: egna-tal.csv (TEST01)" in text
