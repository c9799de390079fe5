"""Reads of the organisation register, each with a fixed number of queries whatever the data size."""

import datetime as dt
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import pgettext

from organisations.models import (
    Body,
    CooperationMember,
    JointArrangement,
    Membership,
    Municipality,
    Organisation,
    Ownership,
    Participation,
    Population,
    current_on_q,
)


def member_rows(cooperation):
    return (
        CooperationMember.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("municipality__name", "joined")
    )


def bodies_with_counts(cooperation, kinds=None):
    qs = Body.objects.filter(cooperation=cooperation).select_related("cooperation", "host_municipality")
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.annotate(
        current_members=Count("memberships", filter=current_on_q(prefix="memberships__"), distinct=True)
    ).order_by("kind", "name")


#: Networks and working groups shown on one page of the body list and the network list.
NETWORKS_PER_PAGE = 50


def _field_name(field: str) -> str:
    return field or pgettext("networks without a field", "Other")


def networks_by_field(cooperation, page_number=None):
    """One page of the cooperation's networks and working groups, grouped by field: (the page, [(field, networks
    of the field on this page)], [(field, how many in all, the page it starts on)]). Three queries."""
    networks = bodies_with_counts(cooperation, [Body.Kind.NETWORK, Body.Kind.WORKING_GROUP]).order_by("field", "name")
    counts = list(
        Body.objects.filter(cooperation=cooperation, kind__in=[Body.Kind.NETWORK, Body.Kind.WORKING_GROUP])
        .values_list("field")
        .annotate(n=Count("id"))
        .order_by("field")
    )
    total = sum(n for _field, n in counts)
    paginator = Paginator(networks, NETWORKS_PER_PAGE)
    paginator.count = total  # known from the counts per field: no extra COUNT query
    page = paginator.get_page(page_number)
    fields, start = [], 0
    for field, n in counts:
        fields.append((_field_name(field), n, start // NETWORKS_PER_PAGE + 1))
        start += n
    groups = [(_field_name(field), list(items)) for field, items in groupby(page.object_list, key=lambda b: b.field)]
    return page, groups, fields


def body_memberships(body):
    rows = (
        Membership.objects.filter(body=body)
        .select_related("person", "municipality")
        .order_by("role", "municipality__name", "person__name")
    )
    today = timezone.localdate()
    current = [m for m in rows if m.is_current(today)]
    coming = sorted((m for m in rows if m.is_coming(today)), key=lambda m: m.start)
    past = [m for m in rows if not m.is_current(today) and not m.is_coming(today)]
    return current, coming, past


def organisations_with_owners(cooperation, jointly_owned: bool):
    kinds = Organisation.JOINTLY_OWNED_KINDS
    qs = Organisation.objects.filter(cooperation=cooperation)
    qs = qs.filter(kind__in=kinds) if jointly_owned else qs.filter(kind=Organisation.Kind.PARTNER)
    return (
        qs.select_related("cooperation", "host_municipality")
        .prefetch_related(
            Prefetch(
                "ownerships",
                queryset=Ownership.objects.select_related("owner_municipality", "owner_organisation"),
            )
        )
        .order_by("founded_year", "name")
    )


def joint_arrangements(cooperation):
    """EU projects and other joint arrangements, with their lead and participants (three queries)."""
    return (
        JointArrangement.objects.filter(cooperation=cooperation)
        .select_related("lead_municipality")
        .prefetch_related(Prefetch("participations", queryset=Participation.objects.select_related("municipality")))
        .order_by("kind", "name")
    )


def municipality_profile(cooperation, municipality):
    memberships = (
        Membership.objects.filter(body__cooperation=cooperation, municipality=municipality)
        .current_on()
        .select_related("body__cooperation", "person")
        .order_by("body__kind", "body__name", "person__name")
    )
    ownerships = (
        Ownership.objects.filter(organisation__cooperation=cooperation, owner_municipality=municipality)
        .select_related("organisation__cooperation")
        .order_by("organisation__name")
    )
    hosted = Body.objects.filter(cooperation=cooperation, host_municipality=municipality).select_related("cooperation")
    hosted_orgs = Organisation.objects.filter(cooperation=cooperation, host_municipality=municipality).select_related(
        "cooperation"
    )
    return {
        "memberships": memberships,
        "ownerships": ownerships,
        # Members of a joint committee take part in it; they do not own it.
        "owned_shares": [o for o in ownerships if o.organisation.kind != Organisation.Kind.JOINT_COMMITTEE],
        "joint_committees": [o for o in ownerships if o.organisation.kind == Organisation.Kind.JOINT_COMMITTEE],
        "hosted_bodies": hosted,
        "hosted_organisations": hosted_orgs,
    }


def population_on(municipalities, reference_date: dt.date) -> dict[int, "Population"]:
    """{municipality id: Population} on `reference_date` for these municipalities. One query."""
    ids = [getattr(m, "pk", m) for m in municipalities]
    return {
        p.municipality_id: p for p in Population.objects.filter(municipality_id__in=ids, reference_date=reference_date)
    }


def population_at_year_end(codes, years=None) -> list["Population"]:
    """The population on 31 December of `years` (all years when None) for these SCB codes, with
    the municipality loaded, ordered by code and year. One query."""
    qs = Population.objects.filter(municipality__code__in=list(codes), reference_date__month=12, reference_date__day=31)
    if years is not None:
        qs = qs.filter(year__in=list(years))
    return list(qs.select_related("municipality").order_by("municipality__code", "year"))


def registered_municipality_codes(codes) -> set[str]:
    """Which of these codes are municipalities of the register (and so keep their population here)."""
    return set(Municipality.objects.filter(code__in=list(codes)).values_list("code", flat=True))
