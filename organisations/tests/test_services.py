"""Writes through organisations/services.py: bad input gets a clear Swedish message and saves nothing;
good input is saved with its audit row; roles put users in their groups."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from core.services import SYSTEM
from core.tests.rows import new
from organisations import services
from organisations.models import Membership, Municipality, Organisation, Ownership, Person, StaffRole
from organisations.testing import build_body, build_municipality, build_user

pytestmark = pytest.mark.django_db


def swedish_errors(call, **kwargs) -> str:
    with translation.override("sv"), pytest.raises(ValidationError) as exc:
        call(**kwargs)
        pytest.fail("no ValidationError")  # pragma: no cover
    return " ".join(str(m) for m in exc.value.messages)


@pytest.fixture
def org(coop):
    return services.organisation_create(
        actor=SYSTEM, cooperation=coop, kind=Organisation.Kind.COMPANY, name="Testbolaget AB", founded_year=1990
    )


@pytest.mark.parametrize(
    "code,expected",
    [
        ("12", "SCB-koden ska vara exakt fyra siffror"),
        ("12345", "SCB-koden"),
        ("01a7", "SCB-koden"),
        ("abcd", "SCB-koden"),
        ("", "Detta fält får inte vara tomt."),
    ],
)
def test_invalid_scb_code_is_refused(db, code, expected):
    message = swedish_errors(services.municipality_create, actor=SYSTEM, code=code, name="Kommunen")
    assert expected in message
    assert not Municipality.objects.filter(name="Kommunen").exists()


def test_duplicate_municipality_is_refused(db):
    # Stockholm (0180) is a real code outside the demo's eight municipalities.
    services.municipality_create(actor=SYSTEM, code="0180", name="Stockholm", county="Stockholms län")
    message = swedish_errors(services.municipality_create, actor=SYSTEM, code="0180", name="Stockholm igen")
    assert "Det finns redan en kommun med den SCB-koden." in message
    assert Municipality.objects.filter(code="0180").count() == 1


def test_municipality_is_created_with_an_audit_row(db):
    admin = build_user(is_superuser=True, username="root")
    muni = services.municipality_create(actor=admin, code="0180", name="Stockholm")
    record = muni.history.get()
    assert record.history_type == "+" and record.history_user == admin


def test_membership_ending_before_it_starts_is_refused(coop):
    body = build_body(coop)
    person = services.person_create(actor=SYSTEM, cooperation=coop, name="Demo Person")
    message = swedish_errors(
        services.membership_create,
        actor=SYSTEM,
        person=person,
        body=body,
        start=dt.date(2020, 1, 1),
        end=dt.date(2019, 12, 31),
    )
    assert "Ett uppdrag kan inte sluta innan det börjar." in message
    assert not new(Membership).exists()


def test_changing_a_membership_to_end_before_it_starts_changes_nothing(coop):
    body = build_body(coop)
    person = services.person_create(actor=SYSTEM, cooperation=coop, name="Demo Person")
    membership = services.membership_create(actor=SYSTEM, person=person, body=body, start=dt.date(2020, 1, 1))
    message = swedish_errors(services.membership_end, actor=SYSTEM, membership=membership, end=dt.date(2019, 1, 1))
    assert "kan inte sluta innan det börjar" in message
    membership.refresh_from_db()
    assert membership.end is None
    assert membership.history.count() == 1


def test_cooperation_member_leaving_before_joining_is_refused(coop):
    muni = build_municipality()
    message = swedish_errors(
        services.cooperation_member_add,
        actor=SYSTEM,
        cooperation=coop,
        municipality=muni,
        joined=dt.date(2020, 1, 1),
        left=dt.date(2019, 1, 1),
    )
    assert "kan inte sluta innan det börjar" in message
    assert not coop.members.filter(municipality=muni).exists()


@pytest.mark.parametrize("share", ["-1", "100.01", "250", "abc"])
def test_share_outside_0_to_100_is_refused(coop, org, share):
    muni = coop.members.first().municipality
    message = swedish_errors(
        services.ownership_set, actor=SYSTEM, organisation=org, owner_municipality=muni, share_percent=share
    )
    assert "mellan 0 och 100 %" in message
    assert not new(Ownership).exists()


def test_owner_shares_summing_over_100_are_refused(coop, org):
    a, b, c = (row.municipality for row in coop.members.all())
    services.ownership_set(actor=SYSTEM, organisation=org, owner_municipality=a, share_percent=Decimal("60"))
    services.ownership_set(actor=SYSTEM, organisation=org, owner_municipality=b, share_percent=Decimal("40"))
    message = swedish_errors(
        services.ownership_set, actor=SYSTEM, organisation=org, owner_municipality=c, share_percent="0.5"
    )
    assert "Ägarnas andelar skulle bli mer än 100 % sammanlagt." in message
    assert org.ownerships.count() == 2
    # Raising an existing share above the total is refused too, and the old share stays.
    message = swedish_errors(
        services.ownership_set, actor=SYSTEM, organisation=org, owner_municipality=a, share_percent="61"
    )
    assert "mer än 100 %" in message
    assert org.ownerships.get(owner_municipality=a).share_percent == Decimal("60")
    # Lowering one makes room for another.
    services.ownership_set(actor=SYSTEM, organisation=org, owner_municipality=a, share_percent="50")
    services.ownership_set(actor=SYSTEM, organisation=org, owner_municipality=c, share_percent="10")
    assert sum(o.share_percent for o in org.ownerships.all()) == Decimal("100")


def test_an_owner_must_be_exactly_one_of_municipality_or_organisation(coop, org):
    message = swedish_errors(services.ownership_set, actor=SYSTEM, organisation=org, share_percent="10")
    assert "Ange exakt en ägare" in message
    message = swedish_errors(services.ownership_set, actor=SYSTEM, organisation=org, owner_organisation=org)
    assert "kan inte äga sig själv" in message
    assert not new(Ownership).exists()


def test_only_a_joint_committee_has_a_host(coop):
    host = coop.members.first().municipality
    message = swedish_errors(
        services.organisation_create,
        actor=SYSTEM,
        cooperation=coop,
        kind=Organisation.Kind.COMPANY,
        name="Bolaget",
        host_municipality=host,
    )
    assert "Bara en gemensam nämnd har en värdkommun." in message
    assert not Organisation.objects.filter(name="Bolaget").exists()


def test_duplicate_body_slug_is_refused(coop):
    services.body_create(actor=SYSTEM, cooperation=coop, kind="network", name="IT-chefer")
    message = swedish_errors(services.body_create, actor=SYSTEM, cooperation=coop, kind="network", name="IT chefer")
    assert "kortadress" in message
    assert coop.bodies.count() == 1


def test_services_check_the_actor_permission(coop, other_coop, users):
    body = build_body(coop)
    for role in ("outsider", "committee", "management", "registrar", "network_lead"):
        with pytest.raises(PermissionDenied):
            services.body_update(actor=users[role], body=body, name="Ändrat")
    body.refresh_from_db()
    assert body.name != "Ändrat"
    services.body_update(actor=users["secretariat"], body=body, name="Ändrat")
    body.refresh_from_db()
    assert body.name == "Ändrat"
    assert body.history.first().history_user == users["secretariat"]
    with pytest.raises(PermissionDenied):
        services.municipality_create(actor=users["secretariat"], code="0999", name="Nej")
    assert not Municipality.objects.filter(code="0999").exists()


def test_membership_across_cooperations_is_refused(coop, other_coop):
    person = Person.objects.create(cooperation=other_coop, name="Annan")
    message = swedish_errors(services.membership_create, actor=SYSTEM, person=person, body=build_body(coop))
    assert "olika samverkansorganisationer" in message
    assert not new(Membership).exists()


def test_granting_a_role_adds_the_user_to_its_group_and_revoking_removes_it(coop, users):
    user = build_user(username="ny")
    assert not user.is_staff
    role = services.staff_role_grant(
        actor=users["secretariat"], user=user, cooperation=coop, role=StaffRole.Role.MANAGEMENT
    )
    user.refresh_from_db()
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Ledningsgrupp"]
    assert user.has_perm("organisations.view_body")
    assert role.history.get().history_user == users["secretariat"]
    message = swedish_errors(
        services.staff_role_grant, actor=SYSTEM, user=user, cooperation=coop, role=StaffRole.Role.MANAGEMENT
    )
    assert "redan" in message
    services.staff_role_revoke(actor=users["secretariat"], staff_role=role)
    assert not user.groups.exists()


def test_registrar_role_needs_a_municipality(coop):
    user = build_user(username="reg")
    message = swedish_errors(
        services.staff_role_grant, actor=SYSTEM, user=user, cooperation=coop, role=StaffRole.Role.REGISTRAR
    )
    assert "En registrator måste vara knuten till en kommun." in message
    assert not StaffRole.objects.filter(user=user).exists()
    assert not user.groups.exists()


def test_the_role_groups_exist_with_permissions(db):
    from django.contrib.auth.models import Group

    groups = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert set(services.ROLE_GROUPS.values()) <= set(groups)
    assert {"add_body", "change_body", "delete_body", "change_ownership"} <= groups["Sekretariat"]
    assert "change_municipality" not in groups["Sekretariat"]
    assert not any(c.startswith(("add_", "change_", "delete_")) for c in groups["Samarbetskommitté"])


def test_fixture_users_are_in_their_groups(users):
    assert users["secretariat"].groups.filter(name="Sekretariat").exists()
    assert users["registrar"].groups.filter(name="Registrator").exists()
    assert users["network_lead"].groups.filter(name="Nätverksledare").exists()


def test_deleting_a_user_with_roles_works(users):
    users["secretariat"].delete()
    assert not StaffRole.objects.filter(user__username="kansli").exists()
