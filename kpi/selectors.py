"""Reads of the kpi app, each with a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F

from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureGroup, KeyFigureGroupItem, KeyFigureValue
from organisations import selectors as organisation_selectors
from organisations.models import Population

POPULATION_ID = "N01951"
COUNTRY_ID = "0000"
TWO_PLACES = Decimal("0.01")


def county_id_for(code: str) -> str:
    """Kolada's region id for a municipality code: 0127 → 0001 (Region Stockholm)."""
    return f"00{code[:2]}"


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


def _is_other_source(population: Population) -> bool:
    """Uploaded or entered by hand: the page names the source instead of calling it Kolada's."""
    return population.source_kind in (Population.SourceKind.CSV, Population.SourceKind.MANUAL)


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


def groups_for(cooperation):
    return list(
        KeyFigureGroup.objects.filter(cooperation=cooperation).annotate(figure_count=Count("items")).order_by("name")
    )


def group_items(group) -> list[KeyFigureGroupItem]:
    return list(group.items.select_related("figure").order_by("order", "figure__kolada_id"))


def latest_year(group) -> int | None:
    """The latest year with the most figures filled for municipalities (one query)."""
    best = (
        KeyFigureValue.objects.filter(figure__group_items__group=group, value__isnull=False, area__type="K")
        .values("year")
        .annotate(figures=Count("figure", distinct=True))
        .order_by("-figures", "-year")
        .first()
    )
    return best["year"] if best else None


def years_with_data(group) -> list[int]:
    return list(
        KeyFigureValue.objects.filter(figure__group_items__group=group, value__isnull=False)
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
class Comparison:
    group: KeyFigureGroup
    year: int
    gender: str
    items: list[KeyFigureGroupItem]
    members: list[Row]
    summary: list[Row]
    test_sources: list[str]
    weighting_note: dict
    other_sources: list[str] = field(default_factory=list)

    @property
    def figures(self):
        return [item.figure for item in self.items]

    @property
    def by_figure(self) -> list[tuple]:
        """The table turned: one row per figure that has a member value this year, as
        (figure, [the members' cells], [the summary rows' cells]) – the readable first view."""
        rows = []
        for index, figure in enumerate(self.figures):
            cells = [row.cells[index] for row in self.members]
            if any(cell.value is not None for cell in cells):
                rows.append((figure, cells, [row.cells[index] for row in self.summary]))
        return rows

    @property
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
    present = sorted((v for v in values if v is not None), reverse=higher_is_better is not False)
    ranks = []
    for v in values:
        ranks.append(None if v is None else present.index(v) + 1)
    return ranks


def cooperation_value(figure: KeyFigure, values: dict[str, Decimal | None], population: dict[str, Decimal]):
    """(value, method) for the members: counts summed, rates weighted by population.

    method: 'sum', 'weighted', 'unweighted' (population missing) or None (no values).
    """
    present = {code: v for code, v in values.items() if v is not None}
    if not present:
        return None, None
    if figure.is_count:
        return sum(present.values()), "sum"
    if all(population.get(code) for code in present):
        total = sum(population[code] for code in present)
        weighted = sum(v * population[code] for code, v in present.items()) / total
        return weighted.quantize(Decimal("0.000001")), "weighted"
    return (sum(present.values()) / len(present)).quantize(Decimal("0.000001")), "unweighted"


def comparison(
    group: KeyFigureGroup, year: int, gender: str = "T", *, sort: str | None = None, descending: bool = False
) -> Comparison:
    """The members × figures table for a year with the cooperation's value, Kolada's group, county,
    country, rank and change since the previous year; rates weighted by the members' population
    (organisations.Population). Five queries."""
    items = group_items(group)  # 1
    members = _members(group.cooperation, year)  # 2
    member_codes = [m.code for m in members]
    county = county_id_for(member_codes[0]) if member_codes else None
    extra_codes = [c for c in (group.kolada_group_id, county, COUNTRY_ID) if c]
    areas = {a.kolada_id: a for a in Area.objects.filter(kolada_id__in=member_codes + extra_codes)}  # 3
    figure_ids = [item.figure_id for item in items]
    data: dict[tuple, tuple] = {}
    population: dict[tuple, Decimal] = {}
    rows = (
        KeyFigureValue.objects.filter(
            area__kolada_id__in=member_codes + extra_codes,
            year__in=[year, year - 1],
        )
        .filter(figure_id__in=figure_ids + [0])
        .filter(gender__in={gender, "T"})
        .values_list(
            "figure_id",
            "figure__kolada_id",
            "area__kolada_id",
            "year",
            "gender",
            "value",
            "batch__kind",
            "batch__source",
        )
    )
    test_sources: dict[str, set] = defaultdict(set)
    other_sources: set[str] = set()
    for fig_id, kolada_id, code, y, g, value, kind, source in rows:  # 4
        if g == gender:
            data[(fig_id, code, y)] = (value, kind == ImportBatch.Kind.TEST_DATA)
            if kind == ImportBatch.Kind.TEST_DATA:
                test_sources[source].add(kolada_id)
    population_figure = next((item.figure for item in items if item.figure.kolada_id == POPULATION_ID), None)
    for p in organisation_selectors.population_at_year_end(member_codes, [year, year - 1]):  # 5
        population[(p.municipality.code, p.year)] = Decimal(p.inhabitants)
        if population_figure is not None and gender == "T":
            data[(population_figure.pk, p.municipality.code, p.year)] = (Decimal(p.inhabitants), _is_test_data(p))
            if _is_test_data(p):
                test_sources[p.source].add(POPULATION_ID)
            elif _is_other_source(p):
                other_sources.add(p.source)

    member_rows = [Row(code=m.code, name=m.name, kind="member") for m in members]
    summary = [Row(code="", name=group.cooperation.short_name or group.cooperation.name, kind="average")]
    for code, kind in ((group.kolada_group_id, "kolada_group"), (county, "county"), (COUNTRY_ID, "country")):
        if code and code in areas:
            summary.append(Row(code=code, name=areas[code].title, kind=kind))
    methods = {}
    for item in items:
        figure = item.figure
        for row in member_rows:
            value, test = data.get((figure.pk, row.code, year), (None, False))
            previous = data.get((figure.pk, row.code, year - 1), (None, False))[0]
            row.cells.append(Cell(value=value, previous=previous, test_data=test))
        for cell, rank in zip(
            [r.cells[-1] for r in member_rows],
            _rank([r.cells[-1].value for r in member_rows], figure.higher_is_better),
            strict=True,
        ):
            cell.rank = rank
        now_values = {r.code: r.cells[-1].value for r in member_rows}
        prev_values = {r.code: r.cells[-1].previous for r in member_rows}
        pop_now = {c: population.get((c, year)) for c in member_codes}
        pop_prev = {c: population.get((c, year - 1)) for c in member_codes}
        avg, method = cooperation_value(figure, now_values, pop_now)
        avg_prev, _m = cooperation_value(figure, prev_values, pop_prev)
        methods[figure.kolada_id] = method
        summary[0].cells.append(Cell(value=avg, previous=avg_prev, method=method))
        for row in summary[1:]:
            value, test = data.get((figure.pk, row.code, year), (None, False))
            previous = data.get((figure.pk, row.code, year - 1), (None, False))[0]
            row.cells.append(Cell(value=value, previous=previous, test_data=test))
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
    return Comparison(
        group=group,
        year=year,
        gender=gender,
        items=items,
        members=member_rows,
        summary=summary,
        test_sources=sorted(f"{s} ({', '.join(sorted(k))})" for s, k in test_sources.items()),
        weighting_note=methods,
        other_sources=[f"{s} ({POPULATION_ID})" for s in sorted(other_sources)],
    )


@dataclass
class Trend:
    figure: KeyFigure
    gender: str
    years: list[int]
    series: list[tuple[str, str, dict[int, Decimal | None]]]  # (code, name, {year: value})
    test_sources: list[str]
    other_sources: list[str] = field(default_factory=list)


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
    tests = set()
    others: set[str] = set()
    for code, title, year, value, kind, source in KeyFigureValue.objects.filter(
        figure=figure,
        gender=gender,
        area__kolada_id__in=codes + extra,
    ).values_list("area__kolada_id", "area__title", "year", "value", "batch__kind", "batch__source"):
        series_values[code][year] = value
        names.setdefault(code, title)
        years.add(year)
        if kind == ImportBatch.Kind.TEST_DATA:
            tests.add(source)
    if figure.kolada_id == POPULATION_ID and gender == "T":  # the members' population: one query more
        for p in organisation_selectors.population_at_year_end(codes):
            series_values[p.municipality.code][p.year] = Decimal(p.inhabitants)
            years.add(p.year)
            if _is_test_data(p):
                tests.add(p.source)
            elif _is_other_source(p):
                others.add(p.source)
    series = [(c, names[c], series_values.get(c, {})) for c in codes]
    series += [(c, names[c], series_values[c]) for c in extra if c in series_values]
    return Trend(
        figure=figure,
        gender=gender,
        years=sorted(years),
        series=series,
        test_sources=sorted(tests),
        other_sources=sorted(others),
    )


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
