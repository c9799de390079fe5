from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from core import uploads
from core.access import get_in_cooperation_or_404
from organisations import hooks, selectors
from organisations.decorators import with_cooperation
from organisations.models import Body, Cooperation, Municipality, Organisation, OwnerSteeringRecord


def home(request):
    """`/` goes to the default cooperation (or the only one)."""
    coop = Cooperation.objects.filter(is_default=True).first() or Cooperation.objects.order_by("pk").first()
    if coop is None:
        return render(request, "core/empty.html")
    return redirect(coop.get_absolute_url())


@with_cooperation
def overview(request, cooperation):
    bodies = selectors.bodies_with_counts(
        cooperation, [Body.Kind.COMMITTEE, Body.Kind.MANAGEMENT_GROUP, Body.Kind.SECRETARIAT]
    )
    network_count = Body.objects.filter(
        cooperation=cooperation, kind__in=[Body.Kind.NETWORK, Body.Kind.WORKING_GROUP]
    ).count()
    return render(
        request,
        "organisations/overview.html",
        {
            "members": selectors.member_rows(cooperation),
            "bodies": bodies,
            "network_count": network_count,
            # The principles come from the programme app when it is installed (programme/apps.py provides the hook).
            "principles": hooks.principles(cooperation),
        },
    )


@with_cooperation
def municipality_list(request, cooperation):
    return render(request, "organisations/municipality_list.html", {"members": selectors.member_rows(cooperation)})


@with_cooperation
def municipality_detail(request, cooperation, code):
    municipality = get_object_or_404(Municipality, code=code, memberships_in_cooperations__cooperation=cooperation)
    context = {"municipality": municipality, **selectors.municipality_profile(cooperation, municipality)}
    return render(request, "organisations/municipality_detail.html", context)


@with_cooperation
def body_list(request, cooperation):
    return render(
        request,
        "organisations/body_list.html",
        {
            "bodies": selectors.bodies_with_counts(
                cooperation, [Body.Kind.COMMITTEE, Body.Kind.MANAGEMENT_GROUP, Body.Kind.SECRETARIAT]
            ),
            "groups": selectors.networks_by_field(cooperation),
        },
    )


@with_cooperation
def body_detail(request, cooperation, body_slug):
    body = get_in_cooperation_or_404(
        Body.objects.select_related("host_municipality", "parent"), cooperation, slug=body_slug
    )
    current, past = selectors.body_memberships(body)
    return render(
        request,
        "organisations/body_detail.html",
        {
            "body": body,
            "current": current,
            "past": past,
        },
    )


@with_cooperation
def network_list(request, cooperation):
    return render(request, "organisations/network_list.html", {"groups": selectors.networks_by_field(cooperation)})


@with_cooperation
def organisation_list(request, cooperation):
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "jointly_owned": selectors.organisations_with_owners(cooperation, jointly_owned=True),
            "partners": selectors.organisations_with_owners(cooperation, jointly_owned=False),
            "arrangements": selectors.joint_arrangements(cooperation),
        },
    )


@with_cooperation
def steering_file(request, cooperation, org_slug, pk):
    record = get_in_cooperation_or_404(
        OwnerSteeringRecord.objects.select_related("organisation"),
        cooperation,
        pk=pk,
        organisation__slug=org_slug,
    )
    name = slugify(record.title) or "agarstyrning"
    return uploads.file_response(record.file, uploads.download_name(name, record.file))


@with_cooperation
def organisation_detail(request, cooperation, org_slug):
    org = get_in_cooperation_or_404(
        Organisation.objects.select_related("host_municipality"), cooperation, slug=org_slug
    )
    ownerships = org.ownerships.select_related("owner_municipality", "owner_organisation")
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "org": org,
            "ownerships": ownerships,
            "steering": org.steering_records.all(),
            "owned": org.owned_shares.select_related("organisation__cooperation"),
        },
    )
