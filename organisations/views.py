from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import uploads
from core.access import get_in_cooperation_or_404
from organisations import hooks, selectors, services
from organisations.access import may_act_for
from organisations.decorators import with_cooperation
from organisations.models import Body, Cooperation, Municipality, Organisation, OwnerSteeringRecord


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
            # The latest news come from the news app when it is installed (news/apps.py provides the hook).
            "latest_news": hooks.latest_news(cooperation),
            "edits_vocabulary": may_act_for(request.user, cooperation, "secretariat"),
        },
    )


@with_cooperation
def municipality_list(request, cooperation):
    return render(request, "organisations/municipality_list.html", {"members": selectors.member_rows(cooperation)})


@with_cooperation
def municipality_detail(request, cooperation, code):
    municipality = get_object_or_404(Municipality, code=code, memberships_in_cooperations__cooperation=cooperation)
    context = {
        "municipality": municipality,
        **selectors.municipality_profile(cooperation, municipality),
        "arrangement_rows": hooks.municipality_arrangements(cooperation, municipality),
    }
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
            **_network_page(request, cooperation),
        },
    )


def _network_page(request, cooperation) -> dict:
    page, groups, fields = selectors.networks_by_field(cooperation, request.GET.get("sida"))
    return {"page": page, "groups": groups, "fields": fields}


@with_cooperation
def body_detail(request, cooperation, body_slug):
    body = get_in_cooperation_or_404(
        Body.objects.select_related("cooperation", "host_municipality", "parent"), cooperation, slug=body_slug
    )
    current, coming, past = selectors.body_memberships(body)
    return render(
        request,
        "organisations/body_detail.html",
        {
            "body": body,
            "current": current,
            "coming": coming,
            "past": past,
        },
    )


@with_cooperation
def network_list(request, cooperation):
    return render(request, "organisations/network_list.html", _network_page(request, cooperation))


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


@login_required
@with_cooperation
def vocabulary_edit(request, cooperation):
    """The secretariat's page of the cooperation's own words (issue 15): what it calls its kinds of bodies and
    its groups of focus areas. Others get 404."""
    if not may_act_for(request.user, cooperation, "secretariat"):
        raise Http404
    form_class = modelform_factory(Cooperation, fields=Cooperation.VOCABULARY_FIELDS)
    form = form_class(request.POST or None, instance=Cooperation.objects.get(pk=cooperation.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.cooperation_vocabulary_update(
                actor=request.user,
                cooperation=cooperation,
                **{name: form.cleaned_data[name] for name in Cooperation.VOCABULARY_FIELDS},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The vocabulary was saved."))
            return redirect("organisations:vocabulary", cooperation.slug)
    for kind in Body.Kind.values:
        form.fields[f"kind_name_{kind}"].widget.attrs["placeholder"] = Body.Kind(kind).label
    return render(request, "organisations/vocabulary.html", {"form": form}, status=400 if form.errors else 200)
