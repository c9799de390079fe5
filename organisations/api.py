"""Read endpoints of the organisation register (public fields only: no contact data)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from core.api import ErrorOut, Pagination
from organisations.models import Body, Cooperation, Membership, Municipality, Organisation

router = Router(tags=["organisations"])


class MunicipalityOut(Schema):
    code: str
    name: str
    county: str


class MemberOut(Schema):
    municipality: MunicipalityOut
    joined: dt.date | None
    left: dt.date | None


class CooperationOut(Schema):
    slug: str
    name: str
    short_name: str
    agreement_date: dt.date | None
    host_municipality_code: str | None
    purpose: str

    @staticmethod
    def resolve_host_municipality_code(obj):
        return obj.host_municipality.code if obj.host_municipality_id else None


class CooperationDetailOut(CooperationOut):
    members: list[MemberOut]
    kind_names: dict[str, str]
    focus_area_groups: dict[str, str]

    @staticmethod
    def resolve_kind_names(obj):
        """What the cooperation calls each kind of body (its own vocabulary)."""
        return dict(obj.kind_names())

    @staticmethod
    def resolve_focus_area_groups(obj):
        """The cooperation's names of its groups of focus areas ("" where it names none)."""
        return {group: obj.focus_group_name(group) for group in ("regional", "internal")}

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.select_related("municipality"))


class BodyOut(Schema):
    id: int
    cooperation: str
    slug: str
    kind: str
    kind_name: str
    name: str
    field: str
    purpose: str
    min_meetings_per_year: int | None
    host_municipality_code: str | None
    is_demo: bool
    source_ref: str

    @staticmethod
    def resolve_cooperation(obj):
        return obj.cooperation.slug

    @staticmethod
    def resolve_kind_name(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_host_municipality_code(obj):
        return obj.host_municipality.code if obj.host_municipality_id else None


class MembershipOut(Schema):
    id: int
    person_name: str
    person_title: str
    body_id: int
    body_name: str
    role: str
    municipality_code: str | None
    start: dt.date | None
    end: dt.date | None
    status: str
    is_demo: bool
    source_ref: str

    @staticmethod
    def resolve_status(obj):
        """ "current", "coming" (starts after today) or "past"."""
        return obj.status

    @staticmethod
    def resolve_is_demo(obj):
        return obj.person.is_demo

    @staticmethod
    def resolve_source_ref(obj):
        return obj.person.source_ref

    @staticmethod
    def resolve_person_name(obj):
        return obj.person.name

    @staticmethod
    def resolve_person_title(obj):
        return obj.person.title

    @staticmethod
    def resolve_body_name(obj):
        return obj.body.name

    @staticmethod
    def resolve_municipality_code(obj):
        return obj.municipality.code if obj.municipality_id else None


class OwnerOut(Schema):
    municipality_code: str | None
    organisation_slug: str | None
    name: str
    share_percent: float | None


class OrganisationOut(Schema):
    id: int
    cooperation: str
    slug: str
    kind: str
    name: str
    short_name: str
    founded_year: int | None
    purpose: str
    host_municipality_code: str | None
    owners: list[OwnerOut]
    source_ref: str

    @staticmethod
    def resolve_cooperation(obj):
        return obj.cooperation.slug

    @staticmethod
    def resolve_host_municipality_code(obj):
        return obj.host_municipality.code if obj.host_municipality_id else None

    @staticmethod
    def resolve_owners(obj):
        return [
            {
                "municipality_code": o.owner_municipality.code if o.owner_municipality_id else None,
                "organisation_slug": o.owner_organisation.slug if o.owner_organisation_id else None,
                "name": str(o.owner),
                "share_percent": float(o.share_percent) if o.share_percent is not None else None,
            }
            for o in obj.ownerships.all()
        ]


@router.get("/municipalities", response=list[MunicipalityOut], summary="Kommuner")
@paginate(Pagination)
def list_municipalities(request):
    return Municipality.objects.order_by("code")


@router.get("/municipalities/{code}", response={200: MunicipalityOut, 404: ErrorOut}, summary="En kommun")
def get_municipality(request, code: str):
    return get_object_or_404(Municipality, code=code)


@router.get("/cooperations", response=list[CooperationOut], summary="Samverkansorganisationer")
@paginate(Pagination)
def list_cooperations(request):
    return Cooperation.objects.select_related("host_municipality").order_by("name")


@router.get("/cooperations/{slug}", response={200: CooperationDetailOut, 404: ErrorOut}, summary="En samverkan")
def get_cooperation(request, slug: str):
    return get_object_or_404(Cooperation.objects.select_related("host_municipality"), slug=slug)


@router.get("/cooperations/{slug}/bodies", response=list[BodyOut], summary="Organ och nätverk")
@paginate(Pagination)
def list_bodies(request, slug: str, kind: str | None = None):
    coop = get_object_or_404(Cooperation, slug=slug)
    qs = Body.objects.filter(cooperation=coop).select_related("cooperation", "host_municipality")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "name")


@router.get("/bodies/{body_id}", response={200: BodyOut, 404: ErrorOut}, summary="Ett organ")
def get_body(request, body_id: int):
    return get_object_or_404(Body.objects.select_related("cooperation", "host_municipality"), pk=body_id)


@router.get("/cooperations/{slug}/memberships", response=list[MembershipOut], summary="Uppdrag i organen")
@paginate(Pagination)
def list_memberships(request, slug: str, body_id: int | None = None, current: bool | None = None):
    coop = get_object_or_404(Cooperation, slug=slug)
    qs = Membership.objects.filter(body__cooperation=coop).select_related("person", "body", "municipality")
    if body_id:
        qs = qs.filter(body_id=body_id)
    if current is not None:
        qs = qs.current_on() if current else qs.past_or_future_on()
    return qs.order_by("body__name", "role", "person__name", "pk")


@router.get("/cooperations/{slug}/organisations", response=list[OrganisationOut], summary="Organisationer")
@paginate(Pagination)
def list_organisations(request, slug: str, kind: str | None = None):
    coop = get_object_or_404(Cooperation, slug=slug)
    qs = (
        Organisation.objects.filter(cooperation=coop)
        .select_related("cooperation", "host_municipality")
        .prefetch_related("ownerships__owner_municipality", "ownerships__owner_organisation")
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")
