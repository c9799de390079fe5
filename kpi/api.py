"""Read endpoints for key figures, groups and values (Källa: Kolada). Paginated with ?page=&page_size=."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from core.api import ErrorOut, Pagination
from kpi import selectors
from kpi.models import KeyFigure, KeyFigureGroup, KeyFigureGroupItem

router = Router(tags=["kpi"])


class KeyFigureOut(Schema):
    kolada_id: str
    title: str
    description: str
    unit: str
    operating_area: str
    higher_is_better: bool | None
    is_divided_by_gender: bool
    source: str


class GroupFigureOut(Schema):
    kolada_id: str
    focus_area: str

    @staticmethod
    def resolve_kolada_id(obj):
        return obj.figure.kolada_id


class GroupOut(Schema):
    cooperation: str
    slug: str
    name: str
    description: str
    kolada_group_id: str
    figures: list[GroupFigureOut]

    @staticmethod
    def resolve_cooperation(obj):
        return obj.cooperation.slug

    @staticmethod
    def resolve_figures(obj):
        return list(obj.items.all())


class ValueOut(Schema):
    figure: str
    municipality: str
    municipality_name: str
    year: int
    gender: str
    value: Decimal | None
    status: str
    imported_at: dt.datetime
    import_kind: str
    source: str

    @staticmethod
    def resolve_figure(obj):
        return obj.figure.kolada_id

    @staticmethod
    def resolve_municipality(obj):
        return obj.area.kolada_id

    @staticmethod
    def resolve_municipality_name(obj):
        return obj.area.title

    @staticmethod
    def resolve_import_kind(obj):
        return obj.batch.kind

    @staticmethod
    def resolve_source(obj):
        return obj.source_url or obj.batch.source


class ValueFilters(Schema):
    figure: str | None = None
    municipality: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    gender: str | None = None


@router.get("/kpi/figures", response=list[KeyFigureOut], summary="Key figures (Kolada definitions)")
@paginate(Pagination)
def list_figures(request, q: str | None = None):
    qs = KeyFigure.objects.order_by("kolada_id")
    if q:
        qs = qs.filter(title__icontains=q) | qs.filter(kolada_id__iexact=q)
    return qs


@router.get("/kpi/figures/{kolada_id}", response={200: KeyFigureOut, 404: ErrorOut}, summary="One key figure")
def get_figure(request, kolada_id: str):
    return get_object_or_404(KeyFigure, kolada_id=kolada_id)


@router.get("/kpi/groups", response=list[GroupOut], summary="Key-figure groups per cooperation")
@paginate(Pagination)
def list_groups(request, cooperation: str | None = None):
    qs = (
        KeyFigureGroup.objects.select_related("cooperation")
        .prefetch_related(
            Prefetch("items", queryset=KeyFigureGroupItem.objects.select_related("figure").order_by("order"))
        )
        .order_by("cooperation__slug", "name")
    )
    if cooperation:
        qs = qs.filter(cooperation__slug=cooperation)
    return qs


@router.get(
    "/kpi/values",
    response={200: list[ValueOut], 400: ErrorOut},
    summary="Values with filters: figure, municipality (Kolada id), year range, gender",
)
@paginate(Pagination)
def list_values(request, filters: Query[ValueFilters]):
    errors = {}
    if filters.figure and not KeyFigure.objects.filter(kolada_id=filters.figure).exists():
        errors["figure"] = [_("Unknown key figure %(id)s.") % {"id": filters.figure}]
    if filters.gender and filters.gender not in ("T", "K", "M"):
        errors["gender"] = [_("Gender must be T, K or M.")]
    if filters.year_from and filters.year_to and filters.year_to < filters.year_from:
        errors["year_to"] = [
            _("The year range is backwards: %(to)s is before %(from)s.")
            % {"to": filters.year_to, "from": filters.year_from}
        ]
    if errors:
        raise ValidationError({k: v for k, v in errors.items()})
    return selectors.values_with_population(**filters.dict())
