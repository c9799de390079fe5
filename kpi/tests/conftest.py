import datetime as dt

import pytest

SODERTORN = [("0127", "Botkyrka"), ("0136", "Haninge"), ("0126", "Huddinge"), ("0140", "Nykvarn"),
             ("0192", "Nynäshamn"), ("0128", "Salem"), ("0181", "Södertälje"), ("0138", "Tyresö")]


@pytest.fixture
def kpi_coop(db):
    """A cooperation of the eight Södertörn municipalities with Kolada metadata and the group (no values)."""
    from kpi import demo
    from organisations.models import Cooperation, CooperationMember, Municipality

    coop = Cooperation.objects.create(name="Södertörnssamarbetet", short_name="Södertörnssamarbetet",
                                      slug="sodertorn", is_default=True)
    for code, name in SODERTORN:
        muni = Municipality.objects.create(code=code, name=name, county="Stockholms län")
        CooperationMember.objects.create(cooperation=coop, municipality=muni, joined=dt.date(2010, 1, 1))
    demo.load_metadata()
    from kpi.models import KeyFigureGroup, KeyFigureGroupItem

    group = KeyFigureGroup.objects.create(cooperation=coop, name="Södertörns nyckeltal", slug="sodertorns-nyckeltal",
                                          kolada_group_id="G96274")
    from kpi.models import KeyFigure

    for order, (kid, area) in enumerate(demo.SODERTORN_FIGURES):
        KeyFigureGroupItem.objects.create(group=group, figure=KeyFigure.objects.get(kolada_id=kid), focus_area=area,
                                          order=order)
    coop.kpi_group = group
    return coop


@pytest.fixture
def kpi_demo(kpi_coop):
    """kpi_coop plus the recorded demo values (test data and real Kolada rows)."""
    from kpi import demo

    demo.load_values(log=lambda m: None, cooperation=kpi_coop)
    return kpi_coop
