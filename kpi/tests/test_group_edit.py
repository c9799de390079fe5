"""The secretariat builds its key-figure groups on a staff page (issue 13, point 5; issue 15): figures picked
from Kolada's catalogue by search, ordered by buttons, linked to focus areas of the cooperation's programme.
Bad input is refused in Swedish with nothing changed; other roles get 404."""

import pytest
from django.apps import apps as django_apps

from conftest import db_state
from core.errors import DomainError
from core.services import SYSTEM
from kpi import selectors, services
from kpi.models import KeyFigure, KeyFigureGroup, KeyFigureGroupItem
from programme.models import FocusArea, Programme

pytestmark = pytest.mark.django_db
MODELS = (KeyFigure, KeyFigureGroup, KeyFigureGroupItem)


def _programme(coop, *names, year=2024):
    programme = Programme.objects.create(
        cooperation=coop, name=f"Program {year}", short_name=f"P {year}", slug=f"p-{year}", year=year
    )
    return [FocusArea.objects.create(programme=programme, name=name, order=i) for i, name in enumerate(names)]


@pytest.fixture
def world(coop, other_coop):
    group = services.key_figure_group_save(actor=SYSTEM, cooperation=coop, slug="grupp", name="Grupp")
    areas = _programme(coop, "Infrastruktur", "Utbildning")
    foreign = _programme(other_coop, "Infrastruktur")[0]
    return {
        "coop": coop,
        "group": group,
        "areas": areas,
        "foreign": foreign,
        "url": f"/{coop.slug}/nyckeltal/grupp/redigera/",
    }


def test_the_catalogue_search_finds_kolada_figures_by_words_and_by_id(world):
    hits = selectors.catalogue_search("invånare totalt")
    assert "N01951" in [h.kolada_id for h in hits]
    assert all("invånare" in h.title.casefold() for h in hits)
    by_id = selectors.catalogue_search("n0195")
    assert by_id[0].kolada_id.startswith("N0195")
    assert len(selectors.catalogue_search("e")) == selectors.SEARCH_LIMIT
    assert selectors.catalogue_search("   ") == []


def test_add_from_the_catalogue_creates_the_definition_and_appends(world, users):
    group, actor = world["group"], users["secretariat"]
    first = services.key_figure_group_add(actor=actor, group=group, kolada_id="n01951", focus_area=world["areas"][0])
    second = services.key_figure_group_add(actor=actor, group=group, kolada_id="N03703")
    figure = KeyFigure.objects.get(kolada_id="N03703")
    assert figure.title == "Bruttoregionprodukt, kommun (BRP), 1000 kr/sysselsatt" and figure.source == "Kolada"
    assert (first.order, second.order) == (0, 1)
    assert first.focus_area == world["areas"][0] and second.focus_area is None
    assert [h.in_group for h in selectors.catalogue_search("N01951", group=group)][0] is True


@pytest.mark.parametrize("case", ["unknown code", "duplicate", "foreign focus area", "empty"])
def test_bad_input_is_refused_in_swedish_and_changes_nothing(world, users, case):
    group, actor = world["group"], users["secretariat"]
    services.key_figure_group_add(actor=actor, group=group, kolada_id="N01951")
    before = db_state(*MODELS)
    calls = {
        "unknown code": (dict(kolada_id="X99999"), "Kolada har inget nyckeltal med id X99999."),
        "duplicate": (dict(kolada_id="N01951"), "Nyckeltalet N01951 finns redan i gruppen."),
        "foreign focus area": (
            dict(kolada_id="N03703", focus_area=world["foreign"]),
            "Fokusområdet Infrastruktur hör till ett annat samarbetes program.",
        ),
        "empty": (dict(kolada_id=" "), "Välj ett nyckeltal att lägga till."),
    }
    kwargs, message = calls[case]
    with pytest.raises(DomainError) as exc:
        services.key_figure_group_add(actor=actor, group=group, **kwargs)
    assert exc.value.messages == [message]
    assert db_state(*MODELS) == before


def test_focus_area_of_another_cooperation_is_refused_on_an_item_too(world, users):
    item = services.key_figure_group_add(actor=users["secretariat"], group=world["group"], kolada_id="N01951")
    before = db_state(*MODELS)
    with pytest.raises(DomainError):
        services.key_figure_group_item_focus(actor=users["secretariat"], item=item, focus_area=world["foreign"])
    assert db_state(*MODELS) == before


def test_reorder_refuses_a_list_that_is_not_the_groups_items(world, users):
    group, actor = world["group"], users["secretariat"]
    a = services.key_figure_group_add(actor=actor, group=group, kolada_id="N01951")
    b = services.key_figure_group_add(actor=actor, group=group, kolada_id="N03703")
    before = db_state(*MODELS)
    for ids in ([a.pk], [a.pk, a.pk], [a.pk, b.pk, 999999]):
        with pytest.raises(DomainError):
            services.key_figure_group_reorder(actor=actor, group=group, item_ids=ids)
    assert db_state(*MODELS) == before
    services.key_figure_group_reorder(actor=actor, group=group, item_ids=[b.pk, a.pk])
    assert [i.figure.kolada_id for i in selectors.group_items(group)] == ["N03703", "N01951"]


def test_group_name_and_kolada_group_are_checked(world, users):
    before = db_state(*MODELS)
    for fields, message in (
        ({"name": " "}, "Ge gruppen ett namn."),
        (
            {"name": "Ny", "kolada_group_id": "96274"},
            "Ett Kolada-grupp-id är ett G följt av siffror; 96274 är det inte.",
        ),
    ):
        with pytest.raises(DomainError) as exc:
            services.key_figure_group_create(actor=users["secretariat"], cooperation=world["coop"], **fields)
        assert exc.value.messages == [message]
    assert db_state(*MODELS) == before
    new = services.key_figure_group_create(actor=users["secretariat"], cooperation=world["coop"], name="Grupp")
    assert new.slug == "grupp-2"


@pytest.mark.parametrize(
    "role,status",
    [
        ("secretariat", 200),
        ("outsider", 404),
        ("management", 404),
        ("network_lead", 404),
        ("committee", 404),
        ("anonymous", 302),
    ],
)
def test_only_the_cooperations_secretariat_reaches_the_pages(world, users, client_for, role, status):
    client = client_for(users[role])
    assert client.get(world["url"]).status_code == status
    assert client.get(f"/{world['coop'].slug}/nyckeltal/grupper/ny/").status_code == status
    before = db_state(*MODELS)
    response = client.post(world["url"], {"op": "add", "kolada_id": "N01951"})
    if role == "secretariat":
        assert response.status_code == 302
        assert world["group"].items.get().figure.kolada_id == "N01951"
    else:
        assert response.status_code == status
        assert db_state(*MODELS) == before


def test_the_secretariat_builds_a_group_on_the_page(world, users, client_for):
    client = client_for(users["secretariat"])
    response = client.post(
        f"/{world['coop'].slug}/nyckeltal/grupper/ny/",
        {"name": "Våra nyckeltal", "description": "Uppföljning", "kolada_group_id": ""},
    )
    assert response.status_code == 302 and response["Location"].endswith("/nyckeltal/vara-nyckeltal/redigera/")
    url = response["Location"]
    page = client.get(url + "?sok=bruttoregionprodukt").content.decode()
    assert "N03703" in page and 'name="kolada_id" value="N03703"' in page
    assert (
        client.post(
            url, {"op": "add", "kolada_id": "N03703", "focus_area": world["areas"][1].pk, "sok": "bruttoregionprodukt"}
        ).status_code
        == 302
    )
    assert client.post(url, {"op": "add", "kolada_id": "N01951"}).status_code == 302
    group = KeyFigureGroup.objects.get(slug="vara-nyckeltal")
    items = selectors.group_items_for_editing(group)
    assert [(i.figure.kolada_id, i.heading) for i in items] == [("N03703", "Utbildning"), ("N01951", "")]
    assert client.post(url, {"op": "up", "item": items[1].pk}).status_code == 302
    assert client.post(url, {"op": "focus", "item": items[0].pk, "focus_area": world["areas"][0].pk}).status_code == 302
    items = selectors.group_items_for_editing(group)
    assert [(i.figure.kolada_id, i.heading) for i in items] == [("N01951", ""), ("N03703", "Infrastruktur")]
    # Bad input on the page: a Swedish message, 400, nothing changed.
    before = db_state(*MODELS)
    for data, message in (
        ({"op": "add", "kolada_id": "N01951"}, "finns redan i gruppen"),
        ({"op": "add", "kolada_id": "Q0"}, "Kolada har inget nyckeltal"),
        ({"op": "focus", "item": items[0].pk, "focus_area": world["foreign"].pk}, "annat samarbetes"),
        ({"op": "focus", "item": items[0].pk, "focus_area": "abc"}, "Välj ett fokusområde"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode()
    assert db_state(*MODELS) == before
    assert client.post(url, {"op": "remove", "item": items[1].pk}).status_code == 302
    assert group.items.count() == 1
    assert client.post(url, {"op": "nonsense"}).status_code == 404


def test_the_admins_figure_autocomplete_answers_the_secretariat(world, users, client_for):
    url = "/admin/autocomplete/?app_label=kpi&model_name=keyfiguregroupitem&field_name=figure&term=N0"
    services.catalogue_figure("N01951")
    response = client_for(users["secretariat"]).get(url)
    assert response.status_code == 200 and "N01951" in response.content.decode()
    refused = client_for(users["network_lead"]).get(url)
    assert refused.status_code in (403, 404) and "N01951" not in refused.content.decode()


def test_the_migration_links_old_texts_to_focus_areas_and_keeps_the_rest(world, other_coop):
    from kpi.migrations import _focus_area_links as migration

    group, areas = world["group"], world["areas"]
    figures = [services.catalogue_figure(code) for code in ("N01951", "N03703", "N07418")]
    KeyFigureGroupItem.objects.create(group=group, figure=figures[0], focus_area_text="Befolkning", order=0)
    KeyFigureGroupItem.objects.create(group=group, figure=figures[1], focus_area_text=" utbildning ", order=1)
    KeyFigureGroupItem.objects.create(group=group, figure=figures[2], focus_area_text="Infrastruktur", order=2)
    newer = _programme(world["coop"], "Infrastruktur", year=2030)[0]
    migration.link_focus_areas(django_apps, None)
    rows = {i.figure.kolada_id: (i.focus_area, i.focus_area_text) for i in group.items.all()}
    assert rows == {"N01951": (None, "Befolkning"), "N03703": (areas[1], ""), "N07418": (newer, "")}
    migration.unlink_focus_areas(django_apps, None)
    rows = {i.figure.kolada_id: (i.focus_area, i.focus_area_text) for i in group.items.all()}
    assert rows == {"N01951": (None, "Befolkning"), "N03703": (None, "Utbildning"), "N07418": (None, "Infrastruktur")}


def test_the_model_refuses_a_focus_area_of_another_cooperation_also_from_the_admin(world):
    from django.core.exceptions import ValidationError

    item = KeyFigureGroupItem(
        group=world["group"], figure=services.catalogue_figure("N01951"), focus_area=world["foreign"]
    )
    with pytest.raises(ValidationError) as exc:
        item.full_clean()
    assert exc.value.message_dict["focus_area"] == ["Fokusområdet hör till ett annat samarbetes program."]
    item.focus_area = world["areas"][0]
    item.full_clean()
