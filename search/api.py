"""The search API: full-text search and the decision register of a cooperation (read, public; staff of the
cooperation also find its drafts, as on the pages)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api import MAX_PAGE, ErrorOut, Pagination
from organisations.access import get_cooperation_or_404
from search import selectors
from search.text import MAX_QUERY_LENGTH

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str = Field(description="An excerpt; the matched words are between <mark> and </mark>.")
    date: dt.date | None
    year: int | None
    body: str
    municipality: str
    published: bool


class FacetOut(Schema):
    value: str
    label: str
    count: int


class InForceOut(Schema):
    replaced: list[str] = Field(description="The replaced programmes the hits belong to, newest first.")
    programme: str = Field(description="The latest programme that replaced it (that the caller may see).")
    focus_area: str = Field(description="The focus area of the same name in that programme.")
    goal: str
    url: str = Field(description="The focus area in the programme's goal tree.")
    published: bool


class SearchOut(Schema):
    query: str
    total: int
    page: int
    pages: int
    hits: list[HitOut]
    facets: dict[str, list[FacetOut]]
    in_force: list[InForceOut] = Field(
        description="What is in force now: when hits are goals of a replaced programme, the goals of the same "
        "focus area in the programme that replaced it (one row per goal)."
    )


class DecisionOut(Schema):
    kind: str
    date: dt.date | None
    year: int | None
    body: str = Field(alias="body_name")
    municipality: str
    paragraph: str = Field(alias="reference")
    case_number: str
    title: str
    outcome: str
    url: str
    extract_url: str
    published: bool

    @staticmethod
    def resolve_url(obj, context):
        return context["request"].build_absolute_uri(obj.url) if obj.url else ""

    @staticmethod
    def resolve_extract_url(obj, context):
        return context["request"].build_absolute_uri(obj.extract_url) if obj.extract_url else ""


def _filters(kind, body, municipality, year) -> selectors.Filters:
    return selectors.Filters(kind=kind or "", body_name=body or "", municipality=municipality or "", year=year)


@router.get("/cooperations/{slug}/search", response={200: SearchOut, 404: ErrorOut}, summary="Sök")
def search(
    request,
    slug: str,
    q: str = Query("", max_length=MAX_QUERY_LENGTH),
    kind: str | None = None,
    body: str | None = None,
    municipality: str | None = None,
    year: int | None = Query(None, ge=1900, le=2200),
    page: int = Query(1, ge=1, le=MAX_PAGE),
):
    coop = get_cooperation_or_404(slug)
    result = selectors.search(coop, request.user, q, _filters(kind, body, municipality, year), page=page)
    return {
        "query": q,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "hits": [
            {
                "kind": h.entry.kind,
                "kind_label": str(h.kind_label),
                "title": h.entry.title,
                "url": request.build_absolute_uri(h.entry.url) if h.entry.url else "",
                "snippet": str(h.snippet),
                "date": h.entry.date,
                "year": h.entry.year,
                "body": h.entry.body_name,
                "municipality": h.entry.municipality,
                "published": h.entry.published,
            }
            for h in result.hits
        ],
        "facets": {
            name: [{"value": str(v.value), "label": str(v.label), "count": v.count} for v in values]
            for name, values in result.facets.items()
        },
        "in_force": [
            {
                "replaced": answer.replaced,
                "programme": answer.current,
                "focus_area": area.name,
                "goal": text,
                "url": request.build_absolute_uri(area.url),
                "published": answer.published,
            }
            for answer in result.in_force
            for area in answer.areas
            for text in area.texts or [""]
        ],
    }


@router.get("/cooperations/{slug}/decisions", response=list[DecisionOut], summary="Beslutsregister")
@paginate(Pagination)
def decisions(
    request,
    slug: str,
    kind: str | None = None,
    body: str | None = None,
    municipality: str | None = None,
    year: int | None = Query(None, ge=1900, le=2200),
):
    coop = get_cooperation_or_404(slug)
    return selectors.decisions(coop, request.user, _filters(kind, body, municipality, year))
