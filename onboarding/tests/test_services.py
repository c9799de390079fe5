"""The onboarding's writes: who may, what bad input is refused (in Swedish, nothing changed), what is made."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from conftest import assert_refused, db_state
from kpi.models import KeyFigureGroup
from meetings.models import CalendarRule
from onboarding import services
from organisations.models import Body, Cooperation, CooperationMember, Municipality, StaffRole
from organisations.testing import build_body, build_municipality, build_user

pytestmark = pytest.mark.django_db
User = get_user_model()
BASE = "http://testserver/"


def test_a_system_administrator_creates_a_cooperation_and_invites_a_new_secretariat(actors, client):
    coop, user, invited = services.cooperation_start(
        actor=actors["superuser"],
        name="Skåne Nordost",
        slug="",
        secretariat_email="kansli@nordost.example",
        base_url=BASE,
    )
    assert invited and coop.slug == "skane-nordost" and not coop.is_default
    assert (user.username, user.email, user.is_active, user.has_usable_password()) == (
        "kansli@nordost.example",
        "kansli@nordost.example",
        False,
        False,
    )
    assert StaffRole.objects.filter(user=user, cooperation=coop, role=StaffRole.Role.SECRETARIAT).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kansli@nordost.example"]
    assert mail.outbox[0].subject == "Lägg upp Skåne Nordost i Samverkan"
    link = re.search(r"http://testserver(/system/valkommen/\S+)", mail.outbox[0].body).group(1)
    # The link: set a password, which activates the account and signs it in.
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Ett-langt-losen-42", "new_password2": "Ett-langt-losen-42"})
    assert response.status_code == 302 and response["Location"] == "/skane-nordost/kom-igang/medlemmar/"
    user.refresh_from_db()
    assert user.is_active and user.check_password("Ett-langt-losen-42")
    assert client.get("/mina-uppgifter/start/")["Location"] == "/skane-nordost/mina-uppgifter/"
    assert "Lägg upp Skåne Nordost" in client.get("/skane-nordost/mina-uppgifter/").content.decode()
    # used once: the link is dead now
    assert "gäller inte längre" in client.get(link, follow=True).content.decode()


def test_an_existing_account_gets_the_role_without_an_e_mail(actors):
    existing = build_user(username="anna", email="Anna@Kommun.example")
    coop, user, invited = services.cooperation_start(
        actor=actors["superuser"],
        name="Ny samverkan",
        slug="ny",
        secretariat_email="anna@kommun.example",
        base_url=BASE,
    )
    assert (user, invited) == (existing, False) and not mail.outbox
    assert StaffRole.objects.filter(user=existing, cooperation=coop, role=StaffRole.Role.SECRETARIAT).exists()


def test_only_a_system_administrator_creates_a_cooperation(actors):
    assert_refused(
        lambda actor: services.cooperation_start(
            actor=actor, name="Ny", slug="ny-x", secretariat_email="x@example.org", base_url=BASE
        ),
        actors,
        {"superuser"},
        Cooperation,
        StaffRole,
        User,
    )
    assert not mail.outbox


@pytest.mark.parametrize(
    "name, slug, email, message",
    [
        ("Ny", "ny", "inte-en-adress", "Ange en giltig e-postadress."),
        ("", "tom", "a@example.org", "Samverkan behöver ett namn."),
        ("Ny", "admin", "a@example.org", "Den kortadressen används av webbplatsen själv; välj en annan."),
        ("Ny", "sodertorn", "a@example.org", "Det finns redan en samverkan med den kortadressen."),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_changes(actors, sodertorn, name, slug, email, message):
    before = db_state(Cooperation, StaffRole, User)
    with pytest.raises(ValidationError) as exc:
        services.cooperation_start(
            actor=actors["superuser"], name=name, slug=slug, secretariat_email=email, base_url=BASE
        )
    assert message in exc.value.messages
    assert db_state(Cooperation, StaffRole, User) == before and not mail.outbox


def test_parse_codes_takes_pasted_lists_and_refuses_anything_else():
    assert services.parse_codes("1280, 1283;1284\n1285 Helsingborg\n0127_botkyrka\n1280") == [
        "1280",
        "1283",
        "1284",
        "1285",
        "0127",
    ]
    assert services.parse_codes("1280 1281 1282") == ["1280", "1281", "1282"]
    with pytest.raises(ValidationError) as exc:
        services.parse_codes("1280\nMalmö\n12")
    assert exc.value.messages == ["Ingen SCB-kod (fyra siffror, t.ex. 0127): Malmö, 12."]


def test_members_from_codes(coop, users):
    a, b = build_municipality("Aby", "9901"), build_municipality("Bby", "9902")
    added = services.members_add(
        actor=users["secretariat"], cooperation=coop, codes=["9901", "9902"], joined=dt.date(2020, 1, 1)
    )
    assert [m.municipality for m in added] == [a, b]
    again = services.members_add(actor=users["secretariat"], cooperation=coop, codes=["9901"])
    assert again == [] and CooperationMember.objects.filter(cooperation=coop, municipality=a).count() == 1


def test_unknown_codes_refuse_the_whole_list(coop, users):
    build_municipality("Aby", "9901")
    before = db_state(CooperationMember)
    with pytest.raises(ValidationError) as exc:
        services.members_add(actor=users["secretariat"], cooperation=coop, codes=["9901", "9998", "9999"])
    assert "9998, 9999" in exc.value.messages[0] and exc.value.messages[0].startswith("Ingen kommun eller region")
    assert db_state(CooperationMember) == before


def test_members_only_by_the_own_secretariat(coop, actors):
    build_municipality("Aby", "9901")
    assert_refused(
        lambda actor: services.members_add(actor=actor, cooperation=coop, codes=["9901"]),
        actors,
        {"secretariat", "superuser"},
        CooperationMember,
    )


def test_bodies_are_created_in_one_go(coop, users):
    bodies = services.bodies_create(
        actor=users["secretariat"],
        cooperation=coop,
        rows=[
            {"name": "Förbundsstyrelsen", "kind": "committee", "min_meetings_per_year": 4},
            {"name": "", "kind": ""},
            {"name": "Direktörsgruppen", "kind": "management_group", "min_meetings_per_year": None},
        ],
    )
    assert [(b.name, b.kind, b.slug, b.min_meetings_per_year) for b in bodies] == [
        ("Förbundsstyrelsen", "committee", "forbundsstyrelsen", 4),
        ("Direktörsgruppen", "management_group", "direktorsgruppen", None),
    ]


def test_bad_body_rows_are_all_named_and_nothing_is_saved(coop, users):
    build_body(coop, name="Styrelsen", slug="styrelsen")
    before = db_state(Body)
    with pytest.raises(ValidationError) as exc:
        services.bodies_create(
            actor=users["secretariat"],
            cooperation=coop,
            rows=[
                {"name": "Nytt organ", "kind": "network"},
                {"name": "Styrelsen", "kind": "committee"},
                {"name": "Utan sort", "kind": ""},
                {"name": "Nytt organ", "kind": "network"},
                {"name": "!!!", "kind": "network"},
            ],
        )
    assert exc.value.messages == [
        "Rad 2: samverkan har redan ett organ som heter Styrelsen.",
        "Rad 3: välj vilken sorts organ Utan sort är.",
        "Rad 4: samverkan har redan ett organ som heter Nytt organ.",
        "Rad 5: namnet behöver minst en bokstav eller siffra.",
    ]
    assert db_state(Body) == before
    with pytest.raises(ValidationError) as exc:
        services.bodies_create(actor=users["secretariat"], cooperation=coop, rows=[{"name": ""}])
    assert exc.value.messages == ["Namnge minst ett organ."]


def test_bodies_only_by_the_own_secretariat(coop, actors):
    assert_refused(
        lambda actor: services.bodies_create(actor=actor, cooperation=coop, rows=[{"name": "X", "kind": "network"}]),
        actors,
        {"secretariat", "superuser"},
        Body,
    )


def test_meeting_rules(coop, users):
    board = build_body(coop, Body.Kind.COMMITTEE, name="Styrelsen")
    group = build_body(coop, Body.Kind.MANAGEMENT_GROUP, name="Gruppen")
    quiet = build_body(coop, Body.Kind.NETWORK, name="Nätverket")
    services.meeting_rules_set(
        actor=users["secretariat"],
        cooperation=coop,
        rules={
            board: {"weekday": 3, "min_meetings": 4, "must_precede": None, "rotate_hosts": True},
            group: {"weekday": 1, "must_precede": board, "start_time": dt.time(9), "end_time": dt.time(11)},
            quiet: {"weekday": None, "must_precede": None, "rotate_hosts": False},
        },
    )
    assert CalendarRule.objects.get(body=group).must_precede == board
    assert CalendarRule.objects.get(body=board).rotate_hosts and CalendarRule.objects.get(body=board).weekday == 3
    assert not CalendarRule.objects.filter(body=quiet).exists()


def test_bad_meeting_rules_are_refused_and_nothing_is_saved(coop, other_coop, users):
    board = build_body(coop, Body.Kind.COMMITTEE, name="Styrelsen")
    group = build_body(coop, Body.Kind.MANAGEMENT_GROUP, name="Gruppen")
    before = db_state(CalendarRule)
    with pytest.raises(ValidationError) as exc:
        services.meeting_rules_set(
            actor=users["secretariat"],
            cooperation=coop,
            rules={
                board: {"weekday": 3, "start_time": dt.time(12), "end_time": dt.time(10)},
                group: {"must_precede": group},
            },
        )
    assert exc.value.messages == [
        "Styrelsen: Sluttiden måste vara efter starttiden.",
        "Gruppen: ett organ kan inte sammanträda före sina egna möten.",
    ]
    foreign = build_body(other_coop, name="Främmande")
    with pytest.raises(ValidationError):
        services.meeting_rules_set(actor=users["secretariat"], cooperation=coop, rules={foreign: {"weekday": 1}})
    with pytest.raises(PermissionDenied):
        services.meeting_rules_set(actor=users["outsider"], cooperation=coop, rules={board: {"weekday": 1}})
    assert db_state(CalendarRule) == before


def test_kolada_group(coop, users):
    assert services.kolada_group_set(actor=users["secretariat"], cooperation=coop, kolada_group_id="") is None
    assert not KeyFigureGroup.objects.filter(cooperation=coop).exists()
    group = services.kolada_group_set(actor=users["secretariat"], cooperation=coop, kolada_group_id=" g12345 ")
    assert (group.kolada_group_id, group.name, group.slug) == ("G12345", "Nyckeltal för Samverkan test", "nyckeltal")
    services.kolada_group_set(actor=users["secretariat"], cooperation=coop, kolada_group_id="")
    group.refresh_from_db()
    assert group.kolada_group_id == ""
    before = db_state(KeyFigureGroup)
    with pytest.raises(ValidationError) as exc:
        services.kolada_group_set(actor=users["secretariat"], cooperation=coop, kolada_group_id="96274")
    assert exc.value.messages[0].startswith("En Kolada-grupps id är ett G")
    with pytest.raises(PermissionDenied):
        services.kolada_group_set(actor=users["outsider"], cooperation=coop, kolada_group_id="G1")
    assert db_state(KeyFigureGroup) == before


def test_setup_pages_are_the_secretariats(coop, actors, client_for):
    for name in ("anonymous", "outsider", "committee", "network_lead"):
        c = client_for(actors[name] if name != "anonymous" else None)
        for step in ("", "medlemmar/", "organ/", "motesregler/", "nyckeltal/"):
            response = c.get(f"/test/kom-igang/{step}")
            assert response.status_code == (302 if name == "anonymous" else 404), (name, step)
    for name in ("secretariat", "committee", "outsider"):
        assert client_for(actors[name]).get("/system/samverkan/ny/").status_code == 404


def test_setup_pages_by_http(coop, users, client_for):
    c = client_for(users["secretariat"])
    Municipality.objects.get_or_create(code="1280", defaults={"name": "Malmö"})
    assert "Malmö" in c.get("/test/kom-igang/medlemmar/", {"q": "malm"}).content.decode()
    response = c.post("/test/kom-igang/medlemmar/", {"codes": "1280 9999"})
    assert response.status_code == 200 and "9999" in response.content.decode()
    assert not coop.is_member(Municipality.objects.get(code="1280"))
    response = c.post("/test/kom-igang/medlemmar/", {"codes": "", "chosen": ["1280"]})
    assert response["Location"] == "/test/kom-igang/organ/"
    assert coop.is_member(Municipality.objects.get(code="1280"))
    rows = {
        "organ-TOTAL_FORMS": "6",
        "organ-INITIAL_FORMS": "0",
        "organ-0-name": "Styrelsen",
        "organ-0-kind": "committee",
        "organ-1-name": "Gruppen",
        "organ-1-kind": "",
    }
    response = c.post("/test/kom-igang/organ/", rows)
    assert response.status_code == 200 and "Rad 2: välj vilken sorts organ Gruppen är." in response.content.decode()
    rows["organ-1-kind"] = "management_group"
    assert c.post("/test/kom-igang/organ/", rows)["Location"] == "/test/kom-igang/motesregler/"
    board = Body.objects.get(cooperation=coop, slug="styrelsen")
    group = Body.objects.get(cooperation=coop, slug="gruppen")
    response = c.post(
        "/test/kom-igang/motesregler/",
        {
            f"regel-{board.pk}-weekday": "3",
            f"regel-{board.pk}-min_meetings": "6",
            f"regel-{group.pk}-weekday": "1",
            f"regel-{group.pk}-must_precede": str(board.pk),
        },
    )
    assert response["Location"] == "/test/kom-igang/nyckeltal/"
    assert CalendarRule.objects.get(body=group).must_precede == board
    assert c.post("/test/kom-igang/nyckeltal/", {"kolada_group_id": "x"}).status_code == 200
    assert c.post("/test/kom-igang/nyckeltal/", {"kolada_group_id": "G777"})["Location"] == "/test/kom-igang/"
    html = c.get("/test/kom-igang/").content.decode()
    assert "G777" in html and "2 organ" in html


codes_strategy = st.lists(st.integers(0, 9999).map(lambda n: f"{n:04d}"), min_size=1, max_size=20)
separators = st.sampled_from([" ", ",", ";", "\n", ", ", " ;\n"])


@given(codes=codes_strategy, separator=separators)
def test_pasted_codes_come_back_in_order_without_repeats(codes, separator):
    assert services.parse_codes(separator.join(codes)) == list(dict.fromkeys(codes))


@given(codes=codes_strategy, junk=st.from_regex(r"\A[A-Za-zåäö]{1,8}\Z"))
def test_any_word_that_is_no_code_refuses_the_list(codes, junk):
    with pytest.raises(ValidationError):
        services.parse_codes("\n".join([*codes, junk]))
