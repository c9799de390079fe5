"""Reads of the kpi app, each with a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import csv
import functools
import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db.models import Count, F
from django.utils.translation import gettext

from core.released import Release
from kpi.models import (
    Area,
    ImportBatch,
    KeyFigure,
    KeyFigureGroup,
    KeyFigureGroupItem,
    KeyFigureReport,
    KeyFigureValue,
)
from organisations import selectors as organisation_selectors
from organisations.models import Population
from programme.models import FocusArea

POPULATION_ID = "N01951"
COUNTRY_ID = "0000"
TWO_PLACES = Decimal("0.01")


def county_id_for(code: str) -> str:
    """Kolada's region id for a municipality code: 0127 → 0001 (Region Stockholm)."""
    return f"00{code[:2]}"


def comparison_area_codes(cooperation, group=None) -> list[str]:
    """The areas a cooperation's key figures concern: its current members, their county, the country and the
    group's own Kolada group (if it has one). What its imports fetch and its exports hold."""
    codes = list(cooperation.current_members().values_list("code", flat=True))
    ids = codes + ([county_id_for(codes[0])] if codes else []) + [COUNTRY_ID]
    if group is not None and group.kolada_group_id:
        ids.append(group.kolada_group_id)
    return ids


def values_for(figure_id: str, municipality_codes, years, gender: str = "T") -> dict[tuple[str, int], Decimal | None]:
    """{(municipality code, year): value} of one key figure; codes may include 0000/0001/G-groups.

    For the plans app's indicators (an indicator may reference a Kolada id). One query.
    """
    codes, years = list(municipality_codes), list(years)
    rows = KeyFigureValue.objects.filter(
        figure__kolada_id=figure_id,
        area__kolada_id__in=codes,
        year__in=years,
        gender=gender,
    ).values_list("area__kolada_id", "year", "value")
    result = {(code, year): value for code, year, value in rows}
    if figure_id == POPULATION_ID and gender == "T":  # the municipalities' population: one query more
        result.update(
            {
                (p.municipality.code, p.year): Decimal(p.inhabitants)
                for p in organisation_selectors.population_at_year_end(codes, years)
            }
        )
    return result


# -- Population ---------------------------------------------------------------------------------------
# Kolada's N01951 (inhabitants, total) of the register's municipalities lives in the one population
# store, organisations.Population (31 December of each year), not in KeyFigureValue; the imports route
# it there (kpi.services) and the reads below merge it back into the figure's values. Regions, the
# country, Kolada groups and the women/men split stay key-figure values.


def _is_test_data(population: Population) -> bool:
    return population.source_kind == Population.SourceKind.TEST_DATA


def _population_as_value(population: Population, figure: KeyFigure, area: Area | None) -> KeyFigureValue:
    """An unsaved KeyFigureValue of N01951 carrying a population figure and its source, for the API."""
    batch = ImportBatch(kind=population.source_kind, source=population.source)
    area = area or Area(kolada_id=population.municipality.code, title=population.municipality.name, type="K")
    return KeyFigureValue(
        figure=figure,
        area=area,
        year=population.year,
        gender="T",
        value=Decimal(population.inhabitants),
        status="",
        imported_at=population.recorded_at,
        batch=batch,
        source_url="",
    )


class ValuesWithPopulation(Sequence):
    """Key-figure values (a queryset, sliced lazily) followed by population figures as N01951 values."""

    def __init__(self, values, population: list[KeyFigureValue]):
        self.values, self.population = values, population
        self._count = None

    def _values_count(self) -> int:
        if self._count is None:
            self._count = self.values.count()
        return self._count

    def __len__(self) -> int:
        return self._values_count() + len(self.population)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            index = index + len(self) if index < 0 else index
            items = self[index : index + 1]
            if not items:
                raise IndexError(index)
            return items[0]
        start, stop, _step = index.indices(len(self))
        head = self._values_count()
        items = list(self.values[start : min(stop, head)]) if start < head else []
        return items + self.population[max(start - head, 0) : max(stop - head, 0)]


# -- Kolada's catalogue of key figures ----------------------------------------------------------------
CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "rkolada_v3_kpi_catalog_no_descriptions.csv"
SEARCH_LIMIT = 25


@functools.cache
def _catalogue() -> dict[str, dict]:
    """Kolada's /v3/kpi catalogue shipped with the platform (6 099 key figures, kpi/data/SOURCES.md), by id."""
    with CATALOGUE_FILE.open(newline="", encoding="utf-8") as fh:
        return {
            row["id"]: {
                "id": row["id"],
                "title": row["title"],
                "operating_area": row["operating_area"],
                "is_divided_by_gender": row["is_divided_by_gender"] == "True",
                "municipality_type": row["municipality_type"],
            }
            for row in csv.DictReader(fh)
        }


def catalogue_entry(kolada_id: str) -> dict | None:
    return _catalogue().get(kolada_id)


@dataclass
class CatalogueHit:
    kolada_id: str
    title: str
    operating_area: str
    in_group: bool = False


def catalogue_search(query: str, *, group=None, limit: int = SEARCH_LIMIT) -> list[CatalogueHit]:
    """Key figures of Kolada's catalogue (and the stored ones) whose id starts with `query` or whose title
    and operating area hold every word of it; those already in `group` are marked. One query (two with a group)."""
    words = (query or "").casefold().split()
    if not words:
        return []
    entries = dict(_catalogue())
    for kolada_id, title, area in KeyFigure.objects.values_list("kolada_id", "title", "operating_area"):
        entries[kolada_id] = {"id": kolada_id, "title": title, "operating_area": area}
    in_group = set(group.items.values_list("figure__kolada_id", flat=True)) if group is not None else set()
    first = words[0].upper()
    by_id = [e for kid, e in entries.items() if len(words) == 1 and kid.startswith(first)]
    by_text = [
        e
        for e in entries.values()
        if e not in by_id and all(w in f"{e['title']} {e['operating_area']}".casefold() for w in words)
    ]
    hits = sorted(by_id, key=lambda e: e["id"]) + sorted(by_text, key=lambda e: (e["title"], e["id"]))
    return [CatalogueHit(e["id"], e["title"], e["operating_area"], e["id"] in in_group) for e in hits[:limit]]


def group_items_for_editing(group) -> list[KeyFigureGroupItem]:
    """The group's items with their figure and focus area (and its programme), in order. One query."""
    return list(group.items.select_related("figure", "focus_area__programme").order_by("order", "figure__kolada_id"))


def focus_area_choices(cooperation) -> list[tuple[str, list]]:
    """The focus areas of the cooperation's programmes, newest programme first: [(programme name, [areas])].
    One query."""
    grouped: dict[int, tuple[str, list]] = {}
    for area in (
        FocusArea.objects.filter(programme__cooperation=cooperation)
        .select_related("programme")
        .order_by("-programme__year", "-programme_id", "order", "id")
    ):
        grouped.setdefault(area.programme_id, (str(area.programme), []))[1].append(area)
    return list(grouped.values())


def groups_for(cooperation):
    return list(
        KeyFigureGroup.objects.filter(cooperation=cooperation).annotate(figure_count=Count("items")).order_by("name")
    )


def group_items(group) -> list[KeyFigureGroupItem]:
    return list(group.items.select_related("figure", "focus_area").order_by("order", "figure__kolada_id"))


def _member_area_ids(group) -> list[int]:
    return list(
        Area.objects.filter(kolada_id__in=group.cooperation.current_members().values("code")).values_list(
            "pk", flat=True
        )
    )


def latest_year(group) -> int | None:
    """The latest year with the most figures filled for the cooperation's members (two queries)."""
    best = (
        KeyFigureValue.objects.filter(
            figure_id__in=group.items.values("figure_id"), value__isnull=False, area_id__in=_member_area_ids(group)
        )
        .values("year")
        .annotate(figures=Count("figure_id", distinct=True))
        .order_by("-figures", "-year")
        .first()
    )
    return best["year"] if best else None


def years_with_data(group) -> list[int]:
    """The years with a value of the group's figures for the cooperation's members, county, country or group."""
    areas = Area.objects.filter(kolada_id__in=comparison_area_codes(group.cooperation, group)).values("pk")
    return list(
        KeyFigureValue.objects.filter(
            figure_id__in=group.items.values("figure_id"), value__isnull=False, area_id__in=areas
        )
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


@dataclass
class Cell:
    value: Decimal | None = None
    previous: Decimal | None = None
    rank: int | None = None
    test_data: bool = False
    method: str | None = None
    figure: KeyFigure | None = None
    #: The cooperation's value: how many of the members have a value (shown when not all of them).
    present: int | None = None

    @property
    def change(self):
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class Row:
    code: str
    name: str
    kind: str  # member / average / kolada_group / county / country
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Sources:
    """Where the values on a page came from, as they are: Kolada's API, a file (named), test data (named)."""

    kolada: bool = False
    test: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.kolada or bool(self.test) or bool(self.other)


class _SourceCollector:
    def __init__(self):
        self.kolada = False
        self.test: dict[str, set] = defaultdict(set)
        self.other: dict[str, set] = defaultdict(set)

    def add(self, kind: str, source: str, kolada_id: str):
        if kind == ImportBatch.Kind.KOLADA:
            self.kolada = True
        elif kind == ImportBatch.Kind.TEST_DATA:
            self.test[source].add(kolada_id)
        else:  # a CSV file or a figure entered by hand: named as it is, never as Kolada's
            self.other[source].add(kolada_id)

    def sources(self) -> Sources:
        def named(groups):
            return sorted(f"{s} ({', '.join(sorted(k))})" for s, k in groups.items())

        return Sources(kolada=self.kolada, test=named(self.test), other=named(self.other))


@dataclass
class Comparison:
    group: KeyFigureGroup
    year: int
    gender: str
    items: list[KeyFigureGroupItem]
    members: list[Row]
    summary: list[Row]
    weighting_note: dict
    sources: Sources = field(default_factory=Sources)
    #: Kolada's own group of the members as (label, imported), or None: the cooperation has chosen none.
    kolada_group: tuple[str, bool] | None = None

    def __post_init__(self):
        self.figures = [item.figure for item in self.items]  # once: the template reads it per cell

    @property
    def test_sources(self) -> list[str]:
        return self.sources.test

    @property
    def other_sources(self) -> list[str]:
        return self.sources.other

    @functools.cached_property
    def by_figure(self) -> list[tuple]:
        """The table turned: one row per figure that has a member value this year, as
        (figure, [the members' cells], [the summary rows' cells]) – the readable first view."""
        rows = []
        for index, figure in enumerate(self.figures):
            cells = [row.cells[index] for row in self.members]
            if any(cell.value is not None for cell in cells):
                rows.append((figure, cells, [row.cells[index] for row in self.summary]))
        return rows

    @functools.cached_property
    def empty_figures(self) -> list:
        """The figures without a single member value this year (left out of the first view)."""
        return [
            figure
            for index, figure in enumerate(self.figures)
            if all(row.cells[index].value is None for row in self.members)
        ]


def _members(cooperation, year):
    # Today's members, also for earlier years: the comparison follows the cooperation as it is now.
    return list(cooperation.current_members().only("code", "name"))


def _rank(values: list[Decimal | None], higher_is_better: bool | None) -> list[int | None]:
    """Rank 1 = best (highest unless lower is better); equal values share a rank. O(n log n)."""
    present = sorted((v for v in values if v is not None), reverse=higher_is_better is not False)
    first: dict[Decimal, int] = {}
    for position, v in enumerate(present, start=1):
        first.setdefault(v, position)
    return [None if v is None else first[v] for v in values]


def cooperation_value(figure: KeyFigure, values: dict[str, Decimal | None], population: dict[str, Decimal]):
    """(value, method) for the members (`values` has every member, None where it has no value): counts summed,
    rates weighted by population.

    method: 'sum', 'weighted', 'unweighted' (population missing), None (no values), 'incomplete' (a count that
    some members lack: a part is not the cooperation's sum) or 'single' (a rate known for one member only: its
    value is not the cooperation's mean). The value is None for the last three.
    """
    present = {code: v for code, v in values.items() if v is not None}
    if not present:
        return None, None
    if figure.is_count:
        if len(present) < len(values):
            return None, "incomplete"
        return sum(present.values()), "sum"
    if len(present) == 1 and len(values) > 1:
        return None, "single"
    if all(population.get(code) for code in present):
        total = sum(population[code] for code in present)
        weighted = sum(v * population[code] for code, v in present.items()) / total
        return weighted.quantize(Decimal("0.000001")), "weighted"
    return (sum(present.values()) / len(present)).quantize(Decimal("0.000001")), "unweighted"


def comparison(
    group: KeyFigureGroup, year: int, gender: str = "T", *, sort: str | None = None, descending: bool = False
) -> Comparison:
    """The members × figures table for a year with the cooperation's value, Kolada's group (the cooperation's
    own, if it has one), county, country, rank and change since the previous year; rates weighted by the
    members' population (organisations.Population). Five queries; figures and members are looked up once."""
    return comparisons(group, [year], gender, sort=sort, descending=descending)[year]


def comparisons(
    group: KeyFigureGroup, years: list[int], gender: str = "T", *, sort: str | None = None, descending: bool = False
) -> dict[int, Comparison]:
    """`comparison` for several years (the report's trend) with the same five queries."""
    items = group_items(group)  # 1
    members = _members(group.cooperation, None)  # 2
    member_codes = [m.code for m in members]
    county = county_id_for(member_codes[0]) if member_codes else None
    extra_codes = [c for c in (group.kolada_group_id, county, COUNTRY_ID) if c]
    areas = {a.kolada_id: a for a in Area.objects.filter(kolada_id__in=member_codes + extra_codes)}  # 3
    figure_ids = [item.figure_id for item in items]
    all_years = sorted({y for year in years for y in (year, year - 1)})
    data: dict[tuple, tuple] = {}
    population: dict[tuple, Decimal] = {}
    # By the ids of the figures and areas already read (no joins but the small batch table): the unique index
    # (figure, area, year, gender) answers it.
    codes_by_area = {a.pk: code for code, a in areas.items()}
    kolada_ids = {item.figure_id: item.figure.kolada_id for item in items}
    rows = (
        KeyFigureValue.objects.filter(
            figure_id__in=figure_ids + [0],
            area_id__in=list(codes_by_area) + [0],
            year__in=all_years,
            gender=gender,
        )
        .order_by()
        .values_list("figure_id", "area_id", "year", "value", "batch__kind", "batch__source")
    )
    sources = {year: _SourceCollector() for year in years}
    for fig_id, area_id, y, value, kind, source in rows:  # 4
        data[(fig_id, codes_by_area[area_id], y)] = (value, kind == ImportBatch.Kind.TEST_DATA)
        if y in sources and value is not None:
            sources[y].add(kind, source, kolada_ids[fig_id])
    population_figure = next((item.figure for item in items if item.figure.kolada_id == POPULATION_ID), None)
    for p in organisation_selectors.population_at_year_end(member_codes, all_years):  # 5
        population[(p.municipality.code, p.year)] = Decimal(p.inhabitants)
        if population_figure is not None and gender == "T":
            data[(population_figure.pk, p.municipality.code, p.year)] = (Decimal(p.inhabitants), _is_test_data(p))
            if p.year in sources:
                sources[p.year].add(p.source_kind, p.source, POPULATION_ID)
    kolada_group = None
    if group.kolada_group_id:
        area = areas.get(group.kolada_group_id)
        kolada_group = (f"{group.kolada_group_id}, {area.title}" if area else group.kolada_group_id, area is not None)
    result = {}
    for year in years:
        table = _comparison_of_year(group, items, members, areas, county, data, population, year, sort, descending)
        result[year] = Comparison(
            group=group,
            year=year,
            gender=gender,
            items=items,
            members=table[0],
            summary=table[1],
            weighting_note=table[2],
            sources=sources[year].sources(),
            kolada_group=kolada_group,
        )
    return result


def _comparison_of_year(group, items, members, areas, county, data, population, year, sort, descending):
    """(member rows, summary rows, methods) of one year from the values read once."""
    member_codes = [m.code for m in members]
    member_rows = [Row(code=m.code, name=m.name, kind="member") for m in members]
    summary = [Row(code="", name=group.cooperation.short_name or group.cooperation.name, kind="average")]
    for code, kind in ((group.kolada_group_id, "kolada_group"), (county, "county"), (COUNTRY_ID, "country")):
        if code and code in areas:
            summary.append(Row(code=code, name=areas[code].title, kind=kind))
    pop_now = {c: population.get((c, year)) for c in member_codes}
    pop_prev = {c: population.get((c, year - 1)) for c in member_codes}
    methods = {}
    none = (None, False)
    for item in items:
        figure = item.figure
        pk = figure.pk
        cells = []
        for row in member_rows:
            value, test = data.get((pk, row.code, year), none)
            cell = Cell(
                value=value, previous=data.get((pk, row.code, year - 1), none)[0], test_data=test, figure=figure
            )
            row.cells.append(cell)
            cells.append(cell)
        for cell, rank in zip(cells, _rank([c.value for c in cells], figure.higher_is_better), strict=True):
            cell.rank = rank
        now_values = {row.code: cell.value for row, cell in zip(member_rows, cells, strict=True)}
        prev_values = {row.code: cell.previous for row, cell in zip(member_rows, cells, strict=True)}
        avg, method = cooperation_value(figure, now_values, pop_now)
        avg_prev, _m = cooperation_value(figure, prev_values, pop_prev)
        methods[figure.kolada_id] = method
        present = sum(1 for v in now_values.values() if v is not None)
        summary[0].cells.append(Cell(value=avg, previous=avg_prev, method=method, figure=figure, present=present))
        for row in summary[1:]:
            value, test = data.get((pk, row.code, year), none)
            row.cells.append(
                Cell(value=value, previous=data.get((pk, row.code, year - 1), none)[0], test_data=test, figure=figure)
            )
    if sort:
        if sort == "name":
            member_rows.sort(key=lambda r: r.name, reverse=descending)
        else:
            index = next((i for i, item in enumerate(items) if item.figure.kolada_id == sort), None)
            if index is not None:
                with_value = [r for r in member_rows if r.cells[index].value is not None]
                without = [r for r in member_rows if r.cells[index].value is None]
                with_value.sort(key=lambda r: r.cells[index].value, reverse=descending)
                member_rows = with_value + without
    return member_rows, summary, methods


@dataclass
class Trend:
    figure: KeyFigure
    gender: str
    years: list[int]
    series: list[tuple[str, str, dict[int, Decimal | None]]]  # (code, name, {year: value})
    sources: Sources = field(default_factory=Sources)

    @property
    def test_sources(self) -> list[str]:
        return self.sources.test

    @property
    def other_sources(self) -> list[str]:
        return self.sources.other


def figure_trend(figure: KeyFigure, cooperation, gender: str = "T", *, group=None) -> Trend:
    """Every member's values over the years plus county and country (and Kolada's group). Three queries
    (four for the population, N01951)."""
    members = list(cooperation.current_members().only("code", "name"))
    codes = [m.code for m in members]
    extra = [
        c for c in ((group.kolada_group_id if group else ""), county_id_for(codes[0]) if codes else "", COUNTRY_ID) if c
    ]
    names = {m.code: m.name for m in members}
    series_values: dict[str, dict[int, Decimal | None]] = defaultdict(dict)
    years = set()
    sources = _SourceCollector()
    for code, title, year, value, kind, source in KeyFigureValue.objects.filter(
        figure=figure,
        gender=gender,
        area__kolada_id__in=codes + extra,
    ).values_list("area__kolada_id", "area__title", "year", "value", "batch__kind", "batch__source"):
        series_values[code][year] = value
        names.setdefault(code, title)
        years.add(year)
        if value is not None:
            sources.add(kind, source, figure.kolada_id)
    if figure.kolada_id == POPULATION_ID and gender == "T":  # the members' population: one query more
        for p in organisation_selectors.population_at_year_end(codes):
            series_values[p.municipality.code][p.year] = Decimal(p.inhabitants)
            years.add(p.year)
            sources.add(p.source_kind, p.source, POPULATION_ID)
    series = [(c, names[c], series_values.get(c, {})) for c in codes]
    series += [(c, names[c], series_values[c]) for c in extra if c in series_values]
    return Trend(figure=figure, gender=gender, years=sorted(years), series=series, sources=sources.sources())


def values_with_population(*, figure=None, municipality=None, year_from=None, year_to=None, gender=None):
    """The values the API lists: key-figure values, then the municipalities' population as N01951 values
    (when the filters allow N01951, total). Bounded: three queries plus one per page."""
    qs = values_queryset(figure=figure, municipality=municipality, year_from=year_from, year_to=year_to, gender=gender)
    population_figure = KeyFigure.objects.filter(kolada_id=POPULATION_ID).first()
    if population_figure is None or figure not in (None, POPULATION_ID) or gender not in (None, "T"):
        return qs
    rows = Population.objects.filter(reference_date__month=12, reference_date__day=31).select_related("municipality")
    if municipality:
        rows = rows.filter(municipality__code=municipality)
    if year_from:
        rows = rows.filter(year__gte=year_from)
    if year_to:
        rows = rows.filter(year__lte=year_to)
    rows = list(rows.order_by("municipality__code", "year"))
    areas = {a.kolada_id: a for a in Area.objects.filter(kolada_id__in={p.municipality.code for p in rows})}
    return ValuesWithPopulation(
        qs, [_population_as_value(p, population_figure, areas.get(p.municipality.code)) for p in rows]
    )


def values_queryset(*, figure=None, municipality=None, year_from=None, year_to=None, gender=None):
    qs = KeyFigureValue.objects.select_related("figure", "area", "batch").order_by(
        "figure__kolada_id", "area__kolada_id", "year", "gender"
    )
    if figure:
        qs = qs.filter(figure__kolada_id=figure)
    if municipality:
        qs = qs.filter(area__kolada_id=municipality)
    if year_from:
        qs = qs.filter(year__gte=year_from)
    if year_to:
        qs = qs.filter(year__lte=year_to)
    if gender:
        qs = qs.filter(gender=gender)
    return qs


def export_rows(figure_ids: list[int], area_codes: list[str] | None = None):
    qs = KeyFigureValue.objects.filter(figure_id__in=figure_ids)
    if area_codes is not None:
        qs = qs.filter(area__kolada_id__in=area_codes)
    rows = qs.order_by("figure__kolada_id", "area__kolada_id", "year", "gender").values(
        "value",
        "status",
        "year",
        "gender",
        kpi=F("figure__kolada_id"),
        municipality_id=F("area__kolada_id"),
        municipality=F("area__title"),
    )
    if not KeyFigure.objects.filter(pk__in=figure_ids, kolada_id=POPULATION_ID).exists():
        return rows
    population = Population.objects.filter(reference_date__month=12, reference_date__day=31)
    if area_codes is not None:
        population = population.filter(municipality__code__in=area_codes)
    population = [
        {
            "value": Decimal(p.inhabitants),
            "status": "",
            "year": p.year,
            "gender": "T",
            "kpi": POPULATION_ID,
            "municipality_id": p.municipality.code,
            "municipality": p.municipality.name,
        }
        for p in population.select_related("municipality").order_by("municipality__code", "year")
    ]
    return heapq.merge(rows, population, key=lambda r: (r["kpi"], r["municipality_id"], r["year"], r["gender"]))


# -- The published key-figure reports --------------------------------------------------------------------------
def published_report(group, year) -> KeyFigureReport | None:
    """The group's approved key-figure report for `year`, if any (one query)."""
    if year is None:
        return None
    return KeyFigureReport.objects.filter(group=group, year=year).first()


def released_reports(cooperation) -> list[Release]:
    """The approved key-figure reports, for the publications page and the feeds (core/released.py); one query."""
    reports = (
        KeyFigureReport.objects.filter(group__cooperation=cooperation)
        .select_related("group__cooperation")
        .order_by("-approved_on", "-pk")
    )
    return [
        Release(
            title=gettext("Key-figure report %(group)s %(year)s") % {"group": report.group.name, "year": report.year},
            url=report.get_absolute_url(),
            date=report.approved_on,
            kind="report",
            key=f"kpi.report:{report.pk}",
            summary=report.note,
        )
        for report in reports
    ]
