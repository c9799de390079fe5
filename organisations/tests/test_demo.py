"""The Södertörn demo data: what the seeds say, and idempotent."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from organisations import models as m

pytestmark = pytest.mark.django_db

SODERTORN = {
    "0127": "Botkyrka",
    "0136": "Haninge",
    "0126": "Huddinge",
    "0140": "Nykvarn",
    "0192": "Nynäshamn",
    "0128": "Salem",
    "0181": "Södertälje",
    "0138": "Tyresö",
}
SEED_003_FIELDS = {
    "Chefsnätverk",
    "Sociala frågor",
    "Miljö, stadsbyggnad och fysisk planering",
    "Skola",
    "IT",
    "Kultur",
    "Äldrefrågor",
    "Övrigt",
}
REGISTER_MODELS = [
    m.Municipality,
    m.Cooperation,
    m.CooperationMember,
    m.Body,
    m.Person,
    m.Membership,
    m.Organisation,
    m.Ownership,
    m.OwnerSteeringRecord,
    m.StaffRole,
]


def counts():
    return {model.__name__: model.objects.count() for model in REGISTER_MODELS}


def test_load_sodertorn_is_idempotent(sodertorn):
    first = counts()
    history_first = m.Body.history.count()
    call_command("load_sodertorn", "--force", stdout=io.StringIO())
    assert counts() == first
    assert first["Municipality"] == 8 and first["Body"] > 60
    assert m.Body.history.count() >= history_first


def test_a_database_with_data_is_not_loaded_into_without_force(sodertorn):
    before = counts()
    history_before = m.Body.history.count()
    with pytest.raises(CommandError) as exc:
        call_command("load_sodertorn", stdout=io.StringIO())
    assert str(exc.value) == (
        "Databasen har redan data; inget laddades. Ange --force för att ladda demodatat ändå "
        "(ändringar av demodatat kan då skrivas över), eller --if-empty för att hoppa över."
    )
    assert counts() == before
    assert m.Body.history.count() == history_before


def test_if_empty_leaves_existing_data_alone(sodertorn):
    out = io.StringIO()
    before = counts()
    call_command("load_sodertorn", "--if-empty", stdout=out)
    assert "inget laddades" in out.getvalue()
    assert counts() == before


def test_the_eight_municipalities_with_their_scb_codes(sodertorn):
    assert dict(m.Municipality.objects.values_list("code", "name")) == SODERTORN
    assert {mu.code for mu in sodertorn.current_members()} == set(SODERTORN)
    assert sodertorn.slug == "sodertorn"


def test_committee_management_group_and_secretariat(sodertorn):
    committee = sodertorn.bodies.get(slug="samarbetskommitten")
    management = sodertorn.bodies.get(slug="ledningsgruppen")
    secretariat = sodertorn.bodies.get(slug="kansliet")
    assert committee.kind == m.Body.Kind.COMMITTEE and committee.min_meetings_per_year >= 6
    assert management.kind == m.Body.Kind.MANAGEMENT_GROUP and management.min_meetings_per_year >= 6
    assert secretariat.kind == m.Body.Kind.SECRETARIAT
    assert secretariat.host_municipality.name == "Huddinge"
    assert sodertorn.host_municipality.name == "Huddinge"
    roles = set(secretariat.memberships.values_list("role", flat=True))
    assert {m.Membership.Role.DEVELOPMENT_LEAD, m.Membership.Role.ADMINISTRATOR} <= roles
    # The committee: one board chair per municipality (the seed names some of them).
    represented = set(committee.memberships.values_list("municipality__code", flat=True))
    assert set(SODERTORN) <= represented


def test_every_network_field_of_seed_003(sodertorn):
    fields = set(sodertorn.bodies.filter(kind=m.Body.Kind.NETWORK).values_list("field", flat=True))
    assert SEED_003_FIELDS <= fields
    names = set(sodertorn.bodies.values_list("name", flat=True))
    for name in [
        "IT-chefer",
        "Rektorsnätverk",
        "Nestor",
        "Tåget går",
        "Arkivarier",
        "Ungdomskriminalitet",
        "Näringslivschefer",
        "Ekonomidirektörer",
        "Planeringschefer",
        "Kommunikationschefer",
    ]:
        assert name in names, name


def test_syvab_1964_with_its_five_owners(sodertorn):
    syvab = sodertorn.organisations.get(slug="syvab")
    assert syvab.founded_year == 1964 and syvab.kind == m.Organisation.Kind.COMPANY
    owners = {str(o.owner) for o in syvab.ownerships.all()}
    assert owners == {"Botkyrka", "Nykvarn", "Salem", "Stockholm Vatten AB", "Telge i Södertälje AB"}


def test_overformyndarnamnd_2011_hosted_by_haninge_with_five_members(sodertorn):
    org = sodertorn.organisations.get(name="Södertörns överförmyndarnämnd")
    assert org.kind == m.Organisation.Kind.JOINT_COMMITTEE and org.founded_year == 2011
    assert org.host_municipality.name == "Haninge"
    owners = {o.owner_municipality.name for o in org.ownerships.all()}
    assert owners == {"Botkyrka", "Haninge", "Huddinge", "Nynäshamn", "Tyresö"}


def test_the_jointly_owned_organisations_and_partners_of_the_seeds(sodertorn):
    years = dict(
        sodertorn.organisations.exclude(kind=m.Organisation.Kind.PARTNER)
        .filter(founded_year__isnull=False)
        .values_list("founded_year", "kind")
    )
    assert {1964, 1969, 1972, 1982, 1993, 2008, 2011} <= set(years)
    partners = set(sodertorn.organisations.filter(kind=m.Organisation.Kind.PARTNER).values_list("name", flat=True))
    assert {"Södertörns högskola", "Karolinska Institutet", "Stockholms Handelskammare"} <= partners


def test_placeholders_are_marked_as_demo(sodertorn):
    assert m.Person.objects.filter(is_demo=True).exists()
    assert all(p.is_demo or p.name for p in m.Person.objects.all())
    # No contact data is invented for anyone.
    assert not m.Person.objects.exclude(email="").exists()
