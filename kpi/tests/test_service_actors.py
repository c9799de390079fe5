"""Role × action over the kpi services. Key-figure groups belong to a cooperation: its secretariat
(and superusers) may change them. Values and Kolada metadata are national data that every cooperation
shows: only a system administrator (or the command line, as SYSTEM) imports them, not the secretariat of
any cooperation (issue 11). Everyone else is refused with PermissionDenied, nothing changed."""

import itertools

import pytest

from conftest import assert_refused, db_state
from core.services import SYSTEM
from kpi import audit, services
from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureGroup, KeyFigureGroupItem, KeyFigureValue

pytestmark = pytest.mark.django_db
MODELS = (Area, KeyFigure, KeyFigureGroup, KeyFigureGroupItem, KeyFigureValue, ImportBatch)
COOP_ONLY = {"secretariat", "superuser"}
SUPERUSER_ONLY = {"superuser"}
META = {"id": "N99999", "title": "Testtal, antal"}
_ids = itertools.count()


@pytest.fixture
def world(coop):
    for m in coop.current_members():
        Area.objects.create(kolada_id=m.code, title=m.name, type="K")
    figure = services.upsert_figure_from_kolada({"id": "N01951", "title": "Invånare totalt, antal"}, actor=SYSTEM)
    group = services.key_figure_group_save(actor=SYSTEM, cooperation=coop, slug="grupp", name="Grupp")
    return {"coop": coop, "figure": figure, "group": group, "code": coop.current_members().first().code}


def _csv(world):
    return f"kpi,municipality_id,year,gender,value\nN01951,{world['code']},2014,T,5\n"


ACTIONS = {
    "key_figure_group_save (new)": (
        COOP_ONLY,
        lambda a, w: services.key_figure_group_save(actor=a, cooperation=w["coop"], slug="ny", name="Ny grupp"),
    ),
    "key_figure_group_save (change)": (
        COOP_ONLY,
        lambda a, w: services.key_figure_group_save(actor=a, cooperation=w["coop"], slug="grupp", name="Omdöpt"),
    ),
    "key_figure_group_item_set": (
        COOP_ONLY,
        lambda a, w: services.key_figure_group_item_set(actor=a, group=w["group"], figure=w["figure"], order=1),
    ),
    "import_csv (for the cooperation)": (
        SUPERUSER_ONLY,
        lambda a, w: services.import_csv(_csv(w), actor=a, cooperation=w["coop"]),
    ),
    "import_csv (no cooperation)": (SUPERUSER_ONLY, lambda a, w: services.import_csv(_csv(w), actor=a)),
    "upsert_figure_from_kolada": (SUPERUSER_ONLY, lambda a, w: services.upsert_figure_from_kolada(META, actor=a)),
    "upsert_areas": (
        SUPERUSER_ONLY,
        lambda a, w: services.upsert_areas([{"id": f"99{next(_ids):02d}", "title": "Ny kommun", "type": "K"}], actor=a),
    ),
    "import_batch_start": (
        SUPERUSER_ONLY,
        lambda a, w: services.import_batch_start(actor=a, kind=ImportBatch.Kind.KOLADA, source="test"),
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_kpi_service_checks_its_actor(world, actors, action):
    allowed, call = ACTIONS[action]
    assert_refused(lambda actor: call(actor, world), actors, allowed, *MODELS)
    for name in sorted(allowed):
        before = db_state(*MODELS)
        call(actors[name], world)
        assert db_state(*MODELS) != before, name


def test_group_changes_are_audited_with_codes(world, users):
    services.key_figure_group_save(actor=users["secretariat"], cooperation=world["coop"], slug="grupp", name="Ny")
    rows = list(world["group"].history.order_by("history_id").values_list("history_change_reason", "history_user"))
    assert rows == [(audit.GROUP_CREATED, None), (audit.GROUP_CHANGED, users["secretariat"].pk)]


@pytest.mark.parametrize(
    "role,status",
    [("secretariat", 400), ("outsider", 404), ("network_lead", 404), ("management", 404), ("anonymous", 302)],
)
def test_refused_import_page_changes_nothing(world, users, client_for, role, status):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = db_state(*MODELS)
    upload = SimpleUploadedFile("v.csv", _csv(world).encode())
    response = client_for(users[role]).post(f"/{world['coop'].slug}/nyckeltal/importera/", {"file": upload})
    assert response.status_code == status
    assert db_state(*MODELS) == before
