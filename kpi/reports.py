"""The key-figure report for a year (PDF and DOCX) and the XLSX export of the comparison table."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from core.documents import BulletList, Document, Paragraph, Row, Section, Table
from core.exports import Sheet, to_xlsx
from core.formatting import sv_date
from kpi import selectors
from kpi.formatting import fmt_change, fmt_value

TREND_YEARS = 5
METHOD_TEXT = {
    "sum": "summa för medlemmarna",
    "weighted": "medelvärde viktat med folkmängd",
    "unweighted": "ovägt medelvärde (folkmängd saknas)",
    None: "inga värden",
}


@dataclass
class FigureSection:
    figure: object
    rows: list  # (name, value, previous, change, rank)
    summary: list  # (name, value)
    method: str
    trend: list  # (year, cooperation value)
    observations: list[str]


@dataclass
class Report:
    group: object
    year: int
    areas: list[tuple[str, list[FigureSection]]] = field(default_factory=list)
    test_sources: list[str] = field(default_factory=list)
    #: The figures of the group without a single value (members or summary rows) in the year: left out.
    left_out: list = field(default_factory=list)

    @property
    def title(self):
        return f"{self.group.name} {self.year}"


def _observations(figure, rows, year) -> list[str]:
    notes = []
    changed = [r for r in rows if r[3] is not None]
    if changed:
        name, _v, _p, change, _r = max(changed, key=lambda r: abs(r[3]))
        text = f"{fmt_change(change, figure)} {figure.unit}".strip()
        notes.append(f"Störst förändring sedan {year - 1}: {name} ({text}).")
    ranked = sorted((r for r in rows if r[4] is not None), key=lambda r: r[4])
    if len(ranked) >= 2:
        best, worst = ranked[0], ranked[-1]
        if figure.higher_is_better is None:
            notes.append(
                f"Högst värde: {best[0]} ({fmt_value(best[1], figure)}); "
                f"lägst: {worst[0]} ({fmt_value(worst[1], figure)})."
            )
        else:
            notes.append(
                f"Bäst placerad: {best[0]} ({fmt_value(best[1], figure)}); "
                f"sämst placerad: {worst[0]} ({fmt_value(worst[1], figure)})."
            )
    if not rows or all(r[1] is None for r in rows):
        notes.append(f"Inga värden för {year}.")
    return notes


def build_report(group, year: int) -> Report:
    comparisons = {y: selectors.comparison(group, y) for y in range(year - TREND_YEARS + 1, year + 1)}
    table = comparisons[year]
    report = Report(group=group, year=year, test_sources=table.test_sources)
    by_area: dict[str, list[FigureSection]] = {}
    for index, item in enumerate(table.items):
        figure = item.figure
        rows = [
            (r.name, r.cells[index].value, r.cells[index].previous, r.cells[index].change, r.cells[index].rank)
            for r in table.members
        ]
        summary = [(r.name, r.cells[index].value) for r in table.summary]
        if all(row[1] is None for row in rows) and all(value is None for _name, value in summary):
            report.left_out.append(figure)  # a table of dashes tells the reader nothing: name it instead
            continue
        trend = [(y, comparisons[y].summary[0].cells[index].value) for y in sorted(comparisons)]
        observations = _observations(figure, rows, year)
        known = [(y, v) for y, v in trend if v is not None]
        if len(known) >= 2:
            (y0, v0), (y1, v1) = known[0], known[-1]
            word = "ökat" if v1 > v0 else "minskat" if v1 < v0 else "varit oförändrat"
            observations.append(
                f"Samarbetets värde har {word} från {fmt_value(v0, figure)} ({y0}) till {fmt_value(v1, figure)} ({y1})."
            )
        by_area.setdefault(item.focus_area or "Övrigt", []).append(
            FigureSection(
                figure=figure,
                rows=rows,
                summary=summary,
                method=METHOD_TEXT[table.weighting_note.get(figure.kolada_id)],
                trend=trend,
                observations=observations,
            )
        )
    report.areas = list(by_area.items())
    return report


def report_document(report: Report) -> Document:
    """The key-figure report of a year as one structure, rendered to PDF and DOCX by core.documents."""
    with override("sv"):
        cooperation = report.group.cooperation
        meta = [Paragraph.of(_("Key-figure report for %(name)s.") % {"name": cooperation.name} + " Källa: Kolada.")]
        if report.test_sources:
            sources = "; ".join(report.test_sources)
            meta.append(Paragraph.of(_("Test data, not Kolada's own:") + f" {sources}.", muted=True))
        if report.left_out:
            names = ", ".join(f"{figure.title} ({figure.kolada_id})" for figure in report.left_out)
            meta.append(
                Paragraph.of(
                    ngettext(
                        "Left out for lack of values in %(year)s: %(names)s.",
                        "Left out for lack of values in %(year)s (%(count)s key figures): %(names)s.",
                        len(report.left_out),
                    )
                    % {"year": report.year, "names": names, "count": len(report.left_out)}
                )
            )
        blocks = []
        for area, sections in report.areas:
            figures = []
            for section in sections:
                figure = section.figure
                table = Table(
                    header=[
                        _("Municipality"),
                        str(report.year),
                        str(report.year - 1),
                        _("Change from the previous year"),
                        _("Rank"),
                    ],
                    rows=[
                        Row(
                            [
                                name,
                                fmt_value(value, figure),
                                fmt_value(previous, figure),
                                fmt_change(change, figure),
                                str(rank or "–"),
                            ]
                        )
                        for name, value, previous, change, rank in section.rows
                    ],
                    totals=[Row([name, fmt_value(value, figure), "", "", ""]) for name, value in section.summary],
                    caption=f"{figure.title} {report.year}",
                    numeric=(1, 2, 3, 4),
                )
                trend = ", ".join(f"{y}: {fmt_value(v, figure)}" for y, v in section.trend)
                figures.append(
                    Section(
                        f"{figure.title} ({figure.kolada_id})",
                        [
                            table,
                            Paragraph.of(_("The cooperation's value:") + f" {section.method}.", muted=True),
                            Paragraph.of(_("Trend:") + f" {trend}."),
                            BulletList(section.observations),
                        ],
                    )
                )
            blocks.append(Section(area, figures))
        status = _("Compiled on %(date)s from the values imported from Kolada; a basis, not a decision") % {
            "date": sv_date(timezone.localdate())
        }
        return Document(title=report.title, author=cooperation.name, meta=meta, blocks=blocks, status=status)


def comparison_xlsx(table) -> bytes:
    """The comparison table: values, changes and ranks as number cells."""
    header = ["Kommun", "Kod"]
    for figure in table.figures:
        header += [f"{figure.kolada_id} {figure.title}", f"{figure.kolada_id} förändring", f"{figure.kolada_id} rang"]
    rows = []
    for row in table.members + table.summary:
        line = [row.name, row.code]
        for cell in row.cells:
            line += [cell.value, cell.change, cell.rank]
        rows.append(line)
    methods = ", ".join(f"{k}: {METHOD_TEXT[v]}" for k, v in table.weighting_note.items())
    formats = {}
    for index in range(len(table.figures)):
        formats[2 + 3 * index] = "#,##0.0##"
        formats[3 + 3 * index] = "#,##0.0##"
        formats[4 + 3 * index] = "0"
    return to_xlsx(
        [
            Sheet(
                name=f"Jämförelse {table.year}",
                header=header,
                rows=rows,
                formats=formats,
                title_lines=[f"{table.group.name} {table.year} (kön {table.gender}). Källa: Kolada."],
                notes=[f"Samarbetets värde: {methods}.", *(f"Testdata, inte Kolada: {s}" for s in table.test_sources)],
            )
        ]
    )
