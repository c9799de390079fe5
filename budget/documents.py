"""The budget as documents: the section the operating plan includes (HTML for WeasyPrint, DOCX),
a stand-alone PDF/DOCX, and the XLSX/CSV exports of the budget and the fee table."""

from __future__ import annotations

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _

from budget import selectors
from core.documents import new_docx, render_pdf
from core.formatting import kronor, sv_number

#: The budget section template: {% include SECTION_TEMPLATE with budget=b heading="8. Budget 2011" %}.
SECTION_TEMPLATE = "budget/_budget_section.html"


def _amount(value) -> str:
    return _("not given") if value is None else kronor(value)


def add_budget_section(document, budget, heading=None):
    """Append the budget (Intäkter, Kostnader, Summa) as a table to a python-docx Document."""
    with translation.override("sv"):
        summary = selectors.budget_summary(budget)
        if heading:
            document.add_heading(heading, level=1)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"

        def row(label, value, bold=False):
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = value
            if bold:
                for cell in cells:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            cells[1].paragraphs[0].alignment = 2  # right

        row(_("Revenue"), "", bold=True)
        for label, amount in summary["revenue"]:
            row(label, _amount(amount))
        row(_("Total"), _amount(summary["revenue_total"]), bold=True)
        row(_("Costs"), "", bold=True)
        for label, amount in summary["costs"]:
            row(label, _amount(amount))
        row(_("Total"), _amount(summary["cost_total"]), bold=True)
        if summary["fees"]:
            document.add_paragraph(_("The municipalities' fees"))
            fees = document.add_table(rows=1, cols=4)
            fees.style = "Table Grid"
            for cell, text in zip(fees.rows[0].cells, [_("Municipality"), _("Population"), _("Share"), _("Fee")],
                                  strict=True):
                cell.text = text
            for name, population, share, fee in summary["fees"]:
                cells = fees.add_row().cells
                cells[0].text = name
                cells[1].text = sv_number(population) if population is not None else ""
                cells[2].text = f"{sv_number(share, 2)} %"
                cells[3].text = kronor(fee)
    return document


def budget_docx(budget) -> bytes:
    from core.documents import docx_bytes

    with translation.override("sv"):
        title = _("Budget %(year)s") % {"year": budget.year}
        document = new_docx(f"{budget.cooperation.name}: {title}")
        document.add_heading(title, level=0)
    add_budget_section(document, budget)
    return docx_bytes(document)


def budget_pdf(budget) -> bytes:
    with translation.override("sv"):
        title = _("Budget %(year)s") % {"year": budget.year}
    return render_pdf("budget/budget_pdf.html", {
        "budget": budget, "title": f"{budget.cooperation.name}: {title}", "cooperation": budget.cooperation,
        "fees": selectors.fee_table(budget),
    })


def budget_xlsx(budget) -> bytes:
    """Two sheets, Budget and Avgifter; every sum is a SUM formula over the cells above it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    summary = selectors.budget_summary(budget)
    with translation.override("sv"):
        wb = Workbook()
        ws = wb.active
        ws.title = "Budget"
        ws.append([f"{budget.cooperation.name}: " + _("Budget %(year)s") % {"year": budget.year}])
        ws["A1"].font = bold
        ws.append([_("Item"), _("Amount (kr)")])
        sum_cells = {}
        for key, heading, rows in (("revenue", _("Revenue"), summary["revenue"]),
                                   ("costs", _("Costs"), summary["costs"])):
            ws.append([heading])
            ws.cell(row=ws.max_row, column=1).font = bold
            first = ws.max_row + 1
            for label, amount in rows:
                ws.append([label, amount])
                ws.cell(row=ws.max_row, column=2).number_format = "# ##0"
            last = ws.max_row
            ws.append([_("Total"), f"=SUM(B{first}:B{last})" if rows else 0])
            ws.cell(row=ws.max_row, column=1).font = bold
            ws.cell(row=ws.max_row, column=2).number_format = "# ##0"
            sum_cells[key] = f"B{ws.max_row}"
        ws.append([_("Revenue minus costs"), f"={sum_cells['revenue']}-{sum_cells['costs']}"])
        ws.column_dimensions["A"].width = 60
        ws.column_dimensions["B"].width = 16

        fees = wb.create_sheet("Avgifter")
        fees.append([_("Municipality"), _("Population"), _("Share (%)"), _("Fee (kr)")])
        for cell in fees[1]:
            cell.font = bold
        for name, population, share, fee in summary["fees"]:
            fees.append([name, population, float(share), fee])
        n = len(summary["fees"])
        if n:
            fees.append([_("Total"), f"=SUM(B2:B{n + 1})", f"=SUM(C2:C{n + 1})", f"=SUM(D2:D{n + 1})"])
            for cell in fees[fees.max_row]:
                cell.font = bold
        fees.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def budget_csv(budget) -> bytes:
    """kind;category;amount (whole kronor; empty when not given), then the sums."""
    summary = selectors.budget_summary(budget)
    with translation.override("sv"):
        rows = [[_("Kind"), _("Item"), _("Amount (kr)")]]
        for label, amount in summary["revenue"]:
            rows.append([_("Revenue"), label, "" if amount is None else amount])
        rows.append([_("Revenue"), _("Total"), "" if summary["revenue_total"] is None else summary["revenue_total"]])
        for label, amount in summary["costs"]:
            rows.append([_("Costs"), label, "" if amount is None else amount])
        rows.append([_("Costs"), _("Total"), "" if summary["cost_total"] is None else summary["cost_total"]])
    return _csv(rows)


def fees_csv(budget) -> bytes:
    summary = selectors.budget_summary(budget)
    with translation.override("sv"):
        rows = [[_("Municipality"), _("Population"), _("Share (%)"), _("Fee (kr)")]]
        for name, population, share, fee in summary["fees"]:
            rows.append([name, "" if population is None else population, str(share).replace(".", ","), fee])
        if summary["fees"]:
            rows.append([_("Total"), sum(p or 0 for _n, p, _s, _f in summary["fees"]), "",
                         sum(f for *_rest, f in summary["fees"])])
    return _csv(rows)
