"""The operating plan (seeds 000/001 structure) and the follow-up/evaluation report as PDF and DOCX."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.documents import docx_bytes, new_docx, render_pdf
from core.formatting import kronor, sv_date
from plans import selectors
from plans.text import add_blocks_to_docx


def entry_date(entry) -> str:
    return getattr(entry, "date_text", "") or sv_date(entry.start)


def plan_pdf(plan) -> bytes:
    context = selectors.plan_context(plan)
    context["title"] = plan.title
    return render_pdf("plans/plan_pdf.html", context)


def plan_docx(plan) -> bytes:
    with translation.override("sv"):
        context = selectors.plan_context(plan)
        document = new_docx(plan.title)
        document.add_heading(plan.cooperation.name, level=0)
        document.add_paragraph(plan.title)
        if context["budget"] is not None:
            document.add_paragraph(pgettext("operating plan section", "Budget %(year)s") % {"year": plan.year})
        if plan.approval_note:
            document.add_paragraph(plan.approval_note)
        for section in context["sections"]:
            document.add_heading(f"{section.number}. {section.heading}", level=1)
            if section.key == "calendar":
                _calendar_docx(document, context["calendar_groups"])
            elif section.key == "budget":
                _budget_docx(document, context["budget_summary"])
            else:
                add_blocks_to_docx(document, plan_text(plan, section.key), heading_level=2)
                if section.key == "areas" and plan.balance:
                    document.add_heading(section.subsections[0][0], level=2)
                    add_blocks_to_docx(document, plan.balance, heading_level=3)
        return docx_bytes(document)


def plan_text(plan, key: str) -> str:
    return getattr(plan, key, "") or ""


def _calendar_docx(document, groups):
    if not groups:
        document.add_paragraph(_("The calendar has not been set yet."))
        return
    for group in groups:
        document.add_heading(group.title, level=2)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, [_("Date"), _("Host"), _("Note")], strict=True):
            cell.text = text
        for entry in group.entries:
            cells = table.add_row().cells
            cells[0].text = entry_date(entry)
            cells[1].text = ", ".join(entry.hosts or [])
            cells[2].text = entry.note or ""


def _budget_docx(document, summary):
    if not summary:
        document.add_paragraph(_("No budget has been set for the year."))
        return
    for heading, lines, total in (
        (_("Revenue"), summary["revenue"], summary["revenue_total"]),
        (_("Costs"), summary["costs"], summary["cost_total"]),
    ):
        document.add_heading(heading, level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, amount in lines:
            cells = table.add_row().cells
            cells[0].text = str(label)
            cells[1].text = kronor(amount)
        cells = table.add_row().cells
        cells[0].text = _("Total")
        cells[1].text = kronor(total)


def evaluation_pdf(context: dict) -> bytes:
    return render_pdf("plans/evaluation_pdf.html", context)


def evaluation_docx(context: dict) -> bytes:
    with translation.override("sv"):
        rnd = context["round"]
        title = context["title"]
        document = new_docx(title)
        document.add_heading(title, level=0)
        document.add_paragraph(context["cooperation"].name)
        if rnd is not None:
            document.add_paragraph(
                _("Round: %(round)s, deadline %(deadline)s, %(state)s")
                % {"round": rnd, "deadline": sv_date(rnd.deadline), "state": rnd.get_state_display()}
            )
        document.add_heading(_("Goal assessments"), level=1)
        assessments = context.get("assessments", {})
        rollup = context.get("rollup", {})
        for goal, subgoals in context.get("goal_tree", []):
            for g in [goal, *subgoals]:
                a = assessments.get(g.pk)
                r = rollup.get(g.pk, {})
                document.add_heading(g.text, level=2 if g.parent_id is None else 3)
                document.add_paragraph(
                    _("Activities: %(n)s, on track: %(on)s")
                    % {"n": r.get("activities", 0), "on": r.get("on_track", 0)}
                )
                if a is not None:
                    document.add_paragraph(f"{_('Assessment')}: {a.get_grade_display()}. {a.motivation}")
        document.add_heading(_("Progress per network"), level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, [_("Network"), _("Activities"), _("Reported")], strict=True):
            cell.text = text
        for row in context.get("progress", []):
            cells = table.add_row().cells
            cells[0].text = row.body.name
            cells[1].text = str(row.activities)
            cells[2].text = str(row.reported)
        document.add_heading(_("Activities"), level=1)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, [_("Network"), _("Activity"), _("Status"), _("Comment")],
                              strict=True):
            cell.text = text
        reports = {r.activity_id: r for r in context.get("reports", [])}
        for activity in context.get("activities", []):
            report = reports.get(activity.pk)
            cells = table.add_row().cells
            cells[0].text = activity.action_plan.body.name
            cells[1].text = activity.title
            cells[2].text = str(report.get_status_display() if report else activity.get_status_display())
            cells[3].text = report.comment if report else ""
        if context.get("values"):
            document.add_heading(_("Indicators"), level=1)
            for value in context["values"]:
                document.add_paragraph(f"{value.indicator.name}: {value.value} {value.indicator.unit}")
        return docx_bytes(document)
