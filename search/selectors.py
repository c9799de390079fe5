"""Reads of the search and the decision register, each with a fixed number of queries.

Anonymous users and outsiders find only published entries; the staff of the cooperation (and superusers)
find its drafts too (core.publication.staff_cooperation_ids, the same rule as every page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from core.publication import ALL, staff_cooperation_ids
from search import registry
from search.backends import backend
from search.models import SearchEntry
from search.text import Query, highlight, parse

PER_PAGE = 20
DECISIONS_PER_PAGE = 50
FACETS = ("kind", "body_name", "municipality", "year")


def visible_entries(cooperation, user):
    queryset = SearchEntry.objects.filter(cooperation=cooperation)
    ids = staff_cooperation_ids(user)
    if ids == ALL or cooperation.pk in ids:
        return queryset
    return queryset.filter(published=True)


@dataclass
class Filters:
    kind: str = ""
    body_name: str = ""
    municipality: str = ""
    year: int | None = None

    def q(self, without: str = "") -> Q:
        condition = Q()
        for name in FACETS:
            value = getattr(self, name)
            if name != without and value not in ("", None):
                condition &= Q(**{name: value})
        return condition

    @property
    def active(self) -> bool:
        return any(getattr(self, name) not in ("", None) for name in FACETS)


@dataclass
class FacetValue:
    value: Any
    label: Any
    count: int
    selected: bool


@dataclass
class Hit:
    entry: SearchEntry
    snippet: str
    kind_label: Any
    #: The title with the matched words in <mark> (escaped HTML).
    title_html: str = ""


@dataclass
class SearchResult:
    query: Query
    filters: Filters
    total: int = 0
    page: int = 1
    pages: int = 0
    per_page: int = PER_PAGE
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    #: What is in force now, when hits belong to something a later version replaced (search.registry).
    in_force: list[registry.InForce] = field(default_factory=list)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1


def _facet(queryset, name: str, selected, labels: dict | None = None) -> list[FacetValue]:
    rows = queryset.exclude(**{name: ""} if name != "year" else {"year__isnull": True})
    rows = rows.values(name).annotate(n=Count("pk")).order_by(name)
    values = [
        FacetValue(row[name], (labels or {}).get(row[name], row[name]), row["n"], row[name] == selected) for row in rows
    ]
    if name == "year":
        values.sort(key=lambda v: -v.value)
    elif name == "kind":
        order = list(labels or {})
        values.sort(key=lambda v: order.index(v.value) if v.value in order else len(order))
    return values


def in_force(cooperation, user, hits) -> list[registry.InForce]:
    """Ask each registered `Successors` provider about the matched objects of its models: one query for the
    matched ids (the whole match, not only the page), then the providers' own fixed number of queries."""
    providers = registry.successor_providers()
    models: dict[str, Any] = {}
    for provider in providers:
        models.update(provider.model_keys)
    if not models:
        return []
    matched: dict[str, set[int]] = {}
    for key, object_id in hits.filter(model__in=list(models)).order_by().values_list("model", "object_id"):
        matched.setdefault(key, set()).add(object_id)
    answers: list[registry.InForce] = []
    for provider in providers:
        ids = {model: matched[key] for key, model in provider.model_keys.items() if key in matched}
        if ids:
            answers.extend(provider.find(cooperation, user, ids))
    return answers


def search(
    cooperation, user, raw_query: str | None, filters: Filters | None = None, *, page: int = 1, per_page: int = PER_PAGE
) -> SearchResult:
    """One page of hits for the query within `cooperation`, best first, with facets (each counted with the
    other filters applied) and highlighted snippets."""
    query = parse(raw_query)
    filters = filters or Filters()
    result = SearchResult(query=query, filters=filters, page=max(1, page), per_page=per_page)
    if not query:
        return result
    db = backend()
    matched = db.match(visible_entries(cooperation, user), query)
    labels = registry.kind_labels()
    for name in FACETS:
        result.facets[name] = _facet(
            matched.filter(filters.q(without=name)), name, getattr(filters, name), labels if name == "kind" else None
        )
    hits = matched.filter(filters.q())
    result.total = hits.count()
    result.pages = (result.total + per_page - 1) // per_page
    result.page = min(result.page, max(result.pages, 1))
    start = (result.page - 1) * per_page
    rows = db.page(hits, query, start, per_page)
    result.hits = [
        Hit(entry, db.snippet(entry, query), labels.get(entry.kind, entry.kind), highlight(entry.title, query))
        for entry in rows
    ]
    if result.total:
        result.in_force = in_force(cooperation, user, hits)
    return result


# --- The decision register ------------------------------------------------------------------------


@dataclass
class DecisionPage:
    filters: Filters
    rows: list[SearchEntry]
    total: int
    page: int
    pages: int
    options: dict[str, list[FacetValue]]

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def decisions(cooperation, user, filters: Filters | None = None):
    """Every decision the platform knows in `cooperation` (its bodies' paragraphs, the members' adoption
    decisions …), newest first, as a queryset of SearchEntry (what the user may see)."""
    filters = filters or Filters()
    return (
        visible_entries(cooperation, user)
        .filter(is_decision=True)
        .filter(filters.q())
        .order_by("-date", "body_name", "reference", "pk")
    )


def decision_page(
    cooperation, user, filters: Filters | None = None, *, page: int = 1, per_page: int = DECISIONS_PER_PAGE
) -> DecisionPage:
    filters = filters or Filters()
    base = visible_entries(cooperation, user).filter(is_decision=True)
    labels = registry.kind_labels()
    options = {
        name: _facet(
            base.filter(filters.q(without=name)), name, getattr(filters, name), labels if name == "kind" else None
        )
        for name in FACETS
    }
    rows = decisions(cooperation, user, filters)
    total = rows.count()
    pages = (total + per_page - 1) // per_page
    page = min(max(1, page), max(pages, 1))
    start = (page - 1) * per_page
    return DecisionPage(filters, list(rows[start : start + per_page]), total, page, pages, options)
