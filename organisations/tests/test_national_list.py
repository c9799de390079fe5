"""The shipped national list (290 municipalities and 21 regions with SCB codes, from Kolada): imported by a
system administrator (service, command, page); importing again updates names and never duplicates."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from conftest import db_state
from core.services import SYSTEM
from organisations import services
from organisations.models import Cooperation, Municipality

pytestmark = pytest.mark.django_db


def test_the_shipped_list_has_290_municipalities_and_21_regions():
    rows = services.national_list_rows()
    kinds = [r["kind"] for r in rows]
    assert kinds.count(Municipality.Kind.MUNICIPALITY) == 290
    assert kinds.count(Municipality.Kind.REGION) == 21
    assert len({r["code"] for r in rows}) == len(rows) and "0000" not in {r["code"] for r in rows}
    malmo = next(r for r in rows if r["code"] == "1280")
    assert malmo == {"code": "1280", "name": "Malmö", "county": "Skåne län", "kind": "municipality"}
    assert next(r for r in rows if r["code"] == "0012")["county"] == "Skåne län"  # Region Skåne


def test_import_twice_updates_names_and_never_duplicates(sodertorn):
    Municipality.objects.filter(code="0127").update(name="Botkyrka (gammalt namn)")
    before = Municipality.objects.count()
    first = services.national_list_import(actor=SYSTEM)
    assert Municipality.objects.count() == before + first.created
    assert Municipality.objects.filter(kind="municipality").exclude(code__startswith="9").count() >= 290
    assert Municipality.objects.get(code="0127").name == "Botkyrka"
    assert first.updated >= 1
    second = services.national_list_import(actor=SYSTEM)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 311)
    assert Municipality.objects.count() == before + first.created
    history = Municipality.history.filter(code="1280").values_list("history_change_reason", flat=True)
    assert list(history) == ["samverkan.organisations.municipality.created"]


def test_import_refuses_bad_rows_and_changes_nothing(sodertorn):
    before = db_state(Municipality)
    with pytest.raises(ValidationError) as exc:
        services.municipalities_import(
            actor=SYSTEM,
            rows=[
                {"code": "1280", "name": "Malmö"},
                {"code": "12", "name": "Kort"},
                {"code": "1281", "name": ""},
                {"code": "1280", "name": "Malmö igen"},
            ],
        )
    assert exc.value.messages == [
        "Rad 2: SCB-koden måste vara exakt fyra siffror, t.ex. 0127.",
        "Rad 3: namnet saknas.",
        "Rad 4: koden 1280 finns två gånger.",
    ]
    assert db_state(Municipality) == before


def test_only_a_system_administrator_imports(actors):
    before = db_state(Municipality)
    for name, actor in actors.items():
        if name == "superuser":
            continue
        with pytest.raises(PermissionDenied):
            services.national_list_import(actor=actor)
    assert db_state(Municipality) == before
    assert services.national_list_import(actor=actors["superuser"]).total == 311


def test_the_command_imports_and_reports(sodertorn):
    out = io.StringIO()
    call_command("import_municipalities", stdout=out)
    call_command("import_municipalities", stdout=out)
    assert "311 kommuner och regioner: 0 nya, 0 ändrade, 311 oförändrade." in out.getvalue()


def test_the_page_is_a_system_administrators(sodertorn, actors, client_for):
    for name in ("secretariat", "outsider", "committee"):
        assert client_for(actors[name]).get("/system/kommuner/").status_code == 404
        assert client_for(actors[name]).post("/system/kommuner/").status_code == 404
    assert client_for(None).get("/system/kommuner/").status_code == 302
    c = client_for(actors["superuser"])
    assert "311 poster" in c.get("/system/kommuner/").content.decode()
    response = c.post("/system/kommuner/", follow=True)
    assert "311 kommuner och regioner" in response.content.decode()
    assert Municipality.objects.filter(code="2584", name="Kiruna").exists()


def test_only_one_cooperation_can_be_the_default(sodertorn, coop):
    assert sodertorn.is_default
    with pytest.raises(ValidationError) as exc:
        services.cooperation_update(actor=SYSTEM, cooperation=coop, is_default=True)
    assert exc.value.messages == ["En annan samverkan är redan förvald."]
    coop.refresh_from_db()
    assert not coop.is_default
    with pytest.raises(IntegrityError), transaction.atomic():
        Cooperation.objects.filter(pk=coop.pk).update(is_default=True)
    services.cooperation_update(actor=SYSTEM, cooperation=sodertorn, is_default=False)
    services.cooperation_update(actor=SYSTEM, cooperation=coop, is_default=True)
    assert list(Cooperation.objects.filter(is_default=True)) == [coop]


def test_a_cooperation_cannot_take_an_address_of_the_site(db):
    from django.urls import get_resolver

    fixed = {str(p.pattern).split("/")[0] for p in get_resolver().url_patterns} - {"", "<slug:slug>"}
    assert fixed <= services.RESERVED_SLUGS, fixed - services.RESERVED_SLUGS
    for slug in ("admin", "system", "mina-uppgifter"):
        with pytest.raises(ValidationError):
            services.cooperation_create(actor=SYSTEM, name="Något", slug=slug)
    assert not Cooperation.objects.filter(name="Något").exists()
