"""The search page (/<slug>/sok/) and the decision register (/<slug>/beslut/): thin, reads through
search.selectors."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode

from core.documents import file_response
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.params import int_or_none
from organisations.decorators import with_cooperation
from search import exports, selectors
from search.text import MAX_QUERY_LENGTH


def filters_from(params) -> selectors.Filters:
    return selectors.Filters(
        kind=(params.get("typ") or "")[:40],
        body_name=(params.get("organ") or "")[:200],
        municipality=(params.get("kommun") or "")[:200],
        year=int_or_none(params.get("ar"), lowest=1900, highest=2200),
    )


def _filter_params(filters: selectors.Filters) -> dict:
    params = {"typ": filters.kind, "organ": filters.body_name, "kommun": filters.municipality, "ar": filters.year}
    return {k: v for k, v in params.items() if v not in ("", None)}


@with_cooperation
def search_page(request, cooperation):
    q = (request.GET.get("q") or "")[:MAX_QUERY_LENGTH]
    filters = filters_from(request.GET)
    page = int_or_none(request.GET.get("sida"), lowest=1, highest=100_000) or 1
    result = selectors.search(cooperation, request.user, q, filters, page=page)
    base = {"q": q, **_filter_params(filters)}
    return render(
        request,
        "search/search.html",
        {
            "q": q,
            "result": result,
            "base_query": urlencode(base),
            "previous_query": urlencode({**base, "sida": result.page - 1}),
            "next_query": urlencode({**base, "sida": result.page + 1}),
        },
    )


@with_cooperation
def decisions(request, cooperation):
    filters = filters_from(request.GET)
    page = int_or_none(request.GET.get("sida"), lowest=1, highest=100_000) or 1
    result = selectors.decision_page(cooperation, request.user, filters, page=page)
    base = _filter_params(filters)
    return render(
        request,
        "search/decisions.html",
        {
            "result": result,
            "export_query": urlencode(base),
            "previous_query": urlencode({**base, "sida": result.page - 1}),
            "next_query": urlencode({**base, "sida": result.page + 1}),
        },
    )


@with_cooperation
def decisions_export(request, cooperation, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    entries = selectors.decisions(cooperation, request.user, filters_from(request.GET))
    name = f"beslut-{cooperation.slug}.{fmt}"
    if fmt == "csv":
        return file_response(exports.decisions_csv(entries, request), name, CSV_CONTENT_TYPE)
    return file_response(exports.decisions_xlsx(entries, cooperation, request), name, XLSX_CONTENT_TYPE)
