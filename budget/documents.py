"""The budget as documents: the budget section (also used by the operating plan), the stand-alone
budget document (one structure, PDF and DOCX through `core.documents`) and the XLSX/CSV exports of
the budget and the fee table (through `core.exports`)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from budget import selectors
from core.documents import Document, Paragraph, Row, Section, Table, Text, approval_status
from core.exports import INTEGER, KRONOR, Sheet, to_csv, to_xlsx
from core.formatting import kronor, sv_number


def _amount(value) -> str:
    return pgettext("budget", "not given") if value is None else kronor(value)


def budget_section_blocks(budget, summary=None) -> list:
    """The budget table (Intäkter, Kostnader, Summa) and the balance note, as document blocks."""
    summary = summary or selectors.budget_summary(budget)
    rows = [Row([_("Revenue")], "group")]
    rows += [Row([label, _amount(amount)]) for label, amount in summary["revenue"]]
    rows.append(Row([_("Total"), _amount(summary["revenue_total"])], "total"))
    rows.append(Row([_("Costs")], "group"))
    rows += [Row([label, _amount(amount)]) for label, amount in summary["costs"]]
    rows.append(Row([_("Total"), _amount(summary["cost_total"])], "total"))
    table = Table(
        header=[_("Item"), _("Amount")], rows=rows, numeric=(1,), caption=_("Budget %(year)s") % {"year": budget.year}
    )
    if summary["balanced"] is None:
        note = Paragraph.of(_("The amounts are not set, so the balance cannot be checked."), muted=True)
    elif summary["balanced"]:
        note = Paragraph([Text(_("Balanced"), bold=True), Text(" " + _("Revenue and costs balance."))])
    else:
        note = Paragraph(
            [
                Text(_("Not balanced"), bold=True),
                Text(
                    " "
                    + _("Revenue (%(r)s) and costs (%(c)s) do not balance.")
                    % {"r": kronor(summary["revenue_total"]), "c": kronor(summary["cost_total"])}
                ),
            ]
        )
    return [table, note]


def fee_table(budget, fees=None) -> Table:
    fees = fees or selectors.fee_table(budget)
    rows = [
        Row(
            [
                s.municipality.name,
                "–" if s.population is None else sv_number(s.population),
                f"{sv_number(s.share_percent, 2)}\u00a0%",
                kronor(s.fee),
            ]
        )
        for s in fees["shares"]
    ]
    population = fees["population_total"]
    totals = [
        Row(
            [
                _("Total"),
                "" if population is None else sv_number(population),
                "100,00\u00a0%",
                kronor(fees["allocated_total"]),
            ],
            "total",
        )
    ]
    return Table(
        header=[_("Municipality"), _("Population"), _("Share"), _("Fee")],
        rows=rows,
        totals=totals,
        numeric=(1, 2, 3),
        caption=_("Fees per municipality %(year)s") % {"year": budget.year},
        css_class="fee-table",
    )


def budget_document(budget) -> Document:
    with translation.override("sv"):
        cooperation = budget.cooperation
        title = _("Budget %(year)s") % {"year": budget.year}
        heading = _("8. Budget %(year)s") % {"year": budget.year}
        blocks = [Section(heading, budget_section_blocks(budget))]
        fees = selectors.fee_table(budget)
        if fees["shares"]:
            blocks.append(Section(_("The municipalities' fees"), [fee_table(budget, fees)]))
        if budget.status == budget.Status.APPROVED:
            status = approval_status(
                approved_on=budget.approved_on,
                approved_by=str(budget.approved_by or ""),
                pending=str(budget.get_status_display()),
            )
        else:
            status = _("%(state)s, not approved") % {"state": budget.get_status_display()}
        return Document(
            title=f"{cooperation.name}: {title}",
            heading=cooperation.name,
            author=cooperation.name,
            blocks=blocks,
            status=status,
        )


def budget_xlsx(budget) -> bytes:
    """Two sheets, Budget and Avgifter, with number cells in kronor and the sums as values."""
    summary = selectors.budget_summary(budget)
    with translation.override("sv"):
        rows, bold = [], set()
        for heading, lines, total in (
            (_("Revenue"), summary["revenue"], summary["revenue_total"]),
            (_("Costs"), summary["costs"], summary["cost_total"]),
        ):
            bold.add(len(rows))
            rows.append([heading, None])
            rows += [[label, amount] for label, amount in lines]
            bold.add(len(rows))
            rows.append([_("Total"), total])
        difference = (
            None
            if summary["revenue_total"] is None or summary["cost_total"] is None
            else summary["revenue_total"] - summary["cost_total"]
        )
        rows.append([_("Revenue minus costs"), difference])
        budget_sheet = Sheet(
            name="Budget",
            header=[_("Item"), _("Amount (kr)")],
            rows=rows,
            formats={1: KRONOR},
            bold_rows=bold,
            title_lines=[f"{budget.cooperation.name}: " + _("Budget %(year)s") % {"year": budget.year}],
            widths={0: 60, 1: 16},
        )
        fee_rows = [[name, population, share, fee] for name, population, share, fee in summary["fees"]]
        if fee_rows:
            populations = [r[1] for r in fee_rows]
            fee_rows.append(
                [
                    _("Total"),
                    None if None in populations else sum(populations),
                    sum(r[2] for r in fee_rows),
                    sum(r[3] for r in fee_rows),
                ]
            )
        fee_sheet = Sheet(
            name="Avgifter",
            header=[_("Municipality"), _("Population"), _("Share (%)"), _("Fee (kr)")],
            rows=fee_rows,
            formats={1: INTEGER, 2: "0.00", 3: KRONOR},
            bold_rows={len(fee_rows) - 1} if fee_rows else set(),
            widths={0: 24},
        )
    return to_xlsx([budget_sheet, fee_sheet])


def budget_csv(budget) -> bytes:
    """Kind;item;amount (whole kronor; empty when not given), with the sums."""
    summary = selectors.budget_summary(budget)
    with translation.override("sv"):
        rows = [[pgettext("budget", "Kind"), _("Item"), _("Amount (kr)")]]
        for label, amount in summary["revenue"]:
            rows.append([_("Revenue"), label, amount])
        rows.append([_("Revenue"), _("Total"), summary["revenue_total"]])
        for label, amount in summary["costs"]:
            rows.append([_("Costs"), label, amount])
        rows.append([_("Costs"), _("Total"), summary["cost_total"]])
    return to_csv(rows)


def fees_csv(budget) -> bytes:
    summary = selectors.budget_summary(budget)
    with translation.override("sv"):
        rows = [[_("Municipality"), _("Population"), _("Share (%)"), _("Fee (kr)")]]
        for name, population, share, fee in summary["fees"]:
            rows.append([name, population, share, fee])
        if summary["fees"]:
            rows.append(
                [
                    _("Total"),
                    sum(p or 0 for _n, p, _s, _f in summary["fees"]),
                    None,
                    sum(f for *_rest, f in summary["fees"]),
                ]
            )
    return to_csv(rows)
