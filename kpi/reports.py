"""The key-figure report for a year (PDF and DOCX) and the XLSX export of the comparison table."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import override

from core.documents import docx_bytes, new_docx, render_pdf
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
            notes.append(f"Högst värde: {best[0]} ({fmt_value(best[1], figure)}); "
                         f"lägst: {worst[0]} ({fmt_value(worst[1], figure)}).")
        else:
            notes.append(f"Bäst placerad: {best[0]} ({fmt_value(best[1], figure)}); "
                         f"sämst placerad: {worst[0]} ({fmt_value(worst[1], figure)}).")
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
        rows = [(r.name, r.cells[index].value, r.cells[index].previous, r.cells[index].change, r.cells[index].rank)
                for r in table.members]
        summary = [(r.name, r.cells[index].value) for r in table.summary]
        trend = [(y, comparisons[y].summary[0].cells[index].value) for y in sorted(comparisons)]
        observations = _observations(figure, rows, year)
        known = [(y, v) for y, v in trend if v is not None]
        if len(known) >= 2:
            (y0, v0), (y1, v1) = known[0], known[-1]
            word = "ökat" if v1 > v0 else "minskat" if v1 < v0 else "varit oförändrat"
            observations.append(f"Samarbetets värde har {word} från {fmt_value(v0, figure)} ({y0}) "
                                f"till {fmt_value(v1, figure)} ({y1}).")
        by_area.setdefault(item.focus_area or "Övrigt", []).append(FigureSection(
            figure=figure, rows=rows, summary=summary, method=METHOD_TEXT[table.weighting_note.get(figure.kolada_id)],
            trend=trend, observations=observations,
        ))
    report.areas = list(by_area.items())
    return report


def render_report_pdf(report: Report) -> bytes:
    return render_pdf("kpi/report_pdf.html", {
        "report": report, "title": report.title, "cooperation": report.group.cooperation,
    })


def render_report_docx(report: Report) -> bytes:
    with override("sv"):
        document = new_docx(report.title)
        document.add_heading(report.title, level=0)
        document.add_paragraph(f"Nyckeltalsrapport för {report.group.cooperation.name}. Källa: Kolada.")
        if report.test_sources:
            document.add_paragraph("Observera: " + "; ".join(report.test_sources) + " är testdata, inte Kolada.")
        for area, sections in report.areas:
            document.add_heading(area, level=1)
            for section in sections:
                figure = section.figure
                document.add_heading(f"{figure.title} ({figure.kolada_id})", level=2)
                table = document.add_table(rows=1, cols=5)
                table.style = "Table Grid"
                header = [_("Municipality"), str(report.year), str(report.year - 1),
                          _("Change from the previous year"), _("Rank")]
                for cell, text in zip(table.rows[0].cells, header, strict=True):
                    cell.text = text
                for name, value, previous, change, rank in section.rows:
                    cells = table.add_row().cells
                    for cell, text in zip(cells, [name, fmt_value(value, figure), fmt_value(previous, figure),
                                                  fmt_change(change, figure), str(rank or "–")], strict=True):
                        cell.text = text
                for name, value in section.summary:
                    cells = table.add_row().cells
                    cells[0].text, cells[1].text = name, fmt_value(value, figure)
                document.add_paragraph(f"Samarbetets värde: {section.method}.")
                trend = ", ".join(f"{y}: {fmt_value(v, figure)}" for y, v in section.trend)
                document.add_paragraph(f"Utveckling: {trend}.")
                for note in section.observations:
                    document.add_paragraph(note, style="List Bullet")
        return docx_bytes(document)


def comparison_xlsx(table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Jämförelse {table.year}"
    sheet.append([f"{table.group.name} {table.year} (kön {table.gender}). Källa: Kolada."])
    sheet["A1"].font = Font(bold=True)
    header = ["Kommun", "Kod"]
    for figure in table.figures:
        header += [f"{figure.kolada_id} {figure.title}", f"{figure.kolada_id} förändring", f"{figure.kolada_id} rang"]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.members + table.summary:
        line = [row.name, row.code]
        for cell in row.cells:
            line += [cell.value, cell.change, cell.rank]
        sheet.append(line)
    methods = ", ".join(f"{k}: {METHOD_TEXT[v]}" for k, v in table.weighting_note.items())
    sheet.append([])
    sheet.append([f"Samarbetets värde: {methods}."])
    for source in table.test_sources:
        sheet.append([f"Testdata, inte Kolada: {source}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
