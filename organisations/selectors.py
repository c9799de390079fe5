"""Reads of the organisation register, each with a fixed number of queries whatever the data size."""

from itertools import groupby

from django.db.models import Count, Prefetch
from django.utils import timezone

from organisations.models import Body, CooperationMember, Membership, Organisation, Ownership, current_on_q


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


def networks_by_field(cooperation):
    networks = bodies_with_counts(cooperation, [Body.Kind.NETWORK, Body.Kind.WORKING_GROUP]).order_by("field", "name")
    return [(field or "Övrigt", list(items)) for field, items in groupby(networks, key=lambda b: b.field)]


def body_memberships(body):
    rows = (
        Membership.objects.filter(body=body)
        .select_related("person", "municipality")
        .order_by("role", "municipality__name", "person__name")
    )
    today = timezone.localdate()
    current = [m for m in rows if m.is_current(today)]
    past = [m for m in rows if not m.is_current(today)]
    return current, past


def organisations_with_owners(cooperation, jointly_owned: bool):
    kinds = Organisation.JOINTLY_OWNED_KINDS
    qs = Organisation.objects.filter(cooperation=cooperation)
    qs = qs.filter(kind__in=kinds) if jointly_owned else qs.filter(kind=Organisation.Kind.PARTNER)
    return qs.select_related("cooperation", "host_municipality").prefetch_related(
        Prefetch(
            "ownerships",
            queryset=Ownership.objects.select_related("owner_municipality", "owner_organisation"),
        )
    ).order_by("founded_year", "name")


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
        "hosted_bodies": hosted,
        "hosted_organisations": hosted_orgs,
    }
