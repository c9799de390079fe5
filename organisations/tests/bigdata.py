"""Ten times the Södertörn demo, built with bulk inserts: 80 municipalities, 700 bodies, thousands of
memberships, 140 organisations with owners. Used by the query-bound tests of pages and API."""

import datetime as dt
from decimal import Decimal

from organisations.models import (
    Body,
    Cooperation,
    CooperationMember,
    Membership,
    Municipality,
    Organisation,
    Ownership,
    OwnerSteeringRecord,
    Person,
)


def build_big_cooperation(slug: str = "stor", *, municipalities=80, bodies=700, people=1400, organisations=140):
    munis = Municipality.objects.bulk_create(
        Municipality(code=f"{5000 + i:04d}", name=f"Storkommun {i:02d}", county="Testlän")
        for i in range(municipalities)
    )
    coop = Cooperation.objects.create(name="Stora samverkan", slug=slug, host_municipality=munis[0])
    CooperationMember.objects.bulk_create(
        CooperationMember(cooperation=coop, municipality=m, joined=dt.date(2010, 1, 1)) for m in munis
    )
    kinds = [Body.Kind.COMMITTEE, Body.Kind.MANAGEMENT_GROUP, Body.Kind.SECRETARIAT] + [Body.Kind.NETWORK] * 7
    body_objs = Body.objects.bulk_create(
        Body(
            cooperation=coop,
            kind=kinds[i % len(kinds)],
            name=f"Organ {i:03d}",
            slug=f"organ-{i:03d}",
            field=f"Område {i % 12}",
            min_meetings_per_year=4,
            host_municipality=munis[i % municipalities],
        )
        for i in range(bodies)
    )
    person_objs = Person.objects.bulk_create(
        Person(
            cooperation=coop,
            name=f"Demo Person {i}",
            title="Chef",
            email=f"p{i}@example.org",
            phone="08-123",
            employer_municipality=munis[i % municipalities],
            is_demo=True,
        )
        for i in range(people)
    )
    roles = list(Membership.Role.values)
    Membership.objects.bulk_create(
        Membership(
            person=person_objs[i % people],
            body=body_objs[i % bodies],
            role=roles[i % len(roles)],
            municipality=munis[i % municipalities],
            start=dt.date(2019, 1, 1),
            end=dt.date(2020, 12, 31) if i % 5 == 0 else None,
        )
        for i in range(bodies * 5)
    )
    org_kinds = [Organisation.Kind.COMPANY, Organisation.Kind.MUNICIPAL_FEDERATION, Organisation.Kind.PARTNER]
    orgs = Organisation.objects.bulk_create(
        Organisation(
            cooperation=coop,
            kind=org_kinds[i % 3],
            name=f"Organisation {i:03d}",
            slug=f"org-{i:03d}",
            founded_year=1950 + i % 70,
        )
        for i in range(organisations)
    )
    Ownership.objects.bulk_create(
        Ownership(organisation=org, owner_municipality=munis[(i + k) % municipalities], share_percent=Decimal("12.5"))
        for i, org in enumerate(orgs)
        for k in range(8)
    )
    Ownership.objects.bulk_create(
        Ownership(organisation=orgs[i], owner_organisation=orgs[i + 1]) for i in range(0, organisations - 1, 7)
    )
    OwnerSteeringRecord.objects.bulk_create(
        OwnerSteeringRecord(organisation=org, kind="directive", date=dt.date(2020, 1, 1), title=f"Ägardirektiv {i}")
        for i, org in enumerate(orgs)
    )
    return coop
