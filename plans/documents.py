"""The operating plan (seeds 000/001 structure) and the follow-up/evaluation report, each built once
as a `core.documents.Document` and rendered to PDF and DOCX from that one structure."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.documents import BulletList, Document, Paragraph, Row, Section, Table, approval_status
from core.formatting import kronor, sv_date, sv_number
from core.provenance import mark
from plans import selectors


def entry_date(entry) -> str:
    return getattr(entry, "date_text", "") or sv_date(entry.start)


def plan_text(plan, key: str) -> str:
    return getattr(plan, key, "") or ""


def blocks_from_text(parsed: list[dict]) -> list:
    """The light markup's blocks (plans.text) as document blocks; a "## " heading opens a sub-section."""
    out: list = []
    target = out
    for block in parsed:
        if block["kind"] == "heading":
            section = Section(block["text"])
            out.append(section)
            target = section.blocks
        elif block["kind"] == "paragraph":
            target.append(Paragraph.of(block["text"]))
        elif block["kind"] == "list":
            target.append(BulletList(block["items"]))
        elif block["kind"] == "table":
            target.append(Table(header=block["header"], rows=[Row(r) for r in block["rows"]]))
    return out


def _calendar_blocks(groups) -> list:
    if not groups:
        return [Paragraph.of(_("The calendar has not been set yet."))]
    return [
        Section(
            group.title,
            [
                Table(
                    header=[_("Date"), _("Host"), pgettext("calendar column", "Note")],
                    rows=[Row([entry_date(e), ", ".join(e.hosts or []), e.note or ""]) for e in group.entries],
                    caption=group.title,
                    row_header=None,
                )
            ],
        )
        for group in groups
    ]


def _amount(value) -> str:
    """Kronor, or "uppgift saknas" as on the page when the amount is not known."""
    return kronor(value) if value is not None else pgettext("budget", "not given")


def _budget_blocks(summary) -> list:
    if not summary:
        return [Paragraph.of(_("No budget has been set for the year."))]
    return [
        Table(
            header=[_("Item"), _("Amount")],
            rows=[Row([str(label), _amount(amount)]) for label, amount in lines],
            totals=[Row([_("Total"), _amount(total)], "total")],
            caption=caption,
            numeric=(1,),
        )
        for caption, lines, total in (
            (_("Revenue"), summary["revenue"], summary["revenue_total"]),
            (_("Costs"), summary["costs"], summary["cost_total"]),
        )
    ]


def plan_document(plan) -> Document:
    with translation.override("sv"):
        context = selectors.plan_context(plan)
        before = []
        if plan.approval_note:
            before.append(Paragraph.of(plan.approval_note))
        before.append(Paragraph.of(plan.cooperation.name))
        meta = []
        if context["budget_summary"]:
            meta.append(Paragraph.of(pgettext("operating plan section", "Budget %(year)s") % {"year": plan.year}))
        sections = []
        for section in context["sections"]:
            if section.key == "calendar":
                content = _calendar_blocks(context["calendar_groups"])
            elif section.key == "budget":
                content = _budget_blocks(context["budget_summary"])
            else:
                content = blocks_from_text(section.blocks)
                content += [Section(heading, blocks_from_text(sub)) for heading, sub in section.subsections]
            sections.append(Section(f"{section.number}. {section.heading}", content))
        status = approval_status(approved_on=plan.approved_on, approved_by=str(plan.approved_by or ""))
        return Document(
            title=plan.title, author=plan.cooperation.name, before=before, meta=meta, blocks=sections, status=status
        )


def _goal_rows(context) -> list[Row]:
    assessments, rollup = context.get("assessments") or {}, context.get("rollup") or {}
    rows = []
    for goal, subgoals in context.get("goal_tree", []):
        for g, sub in [(goal, False), *((s, True) for s in subgoals)]:
            r, a = rollup.get(g.pk) or {}, assessments.get(g.pk)
            label = f"– {g.text}" if sub else f"{g.focus_area.name}: {g.text}"
            rows.append(
                Row(
                    [
                        label,
                        str(r.get("activities") or 0),
                        str(r.get("on_track") or 0),
                        a.get_grade_display() if a else _("not assessed"),
                        (a.motivation if a else "") or "",
                    ]
                )
            )
    return rows or [Row([_("The programme has no goals yet.")], "group")]


def evaluation_document(context: dict) -> Document:
    """The follow-up and evaluation report of a year from `plans.selectors.evaluation_context`."""
    with translation.override("sv"):
        rnd = context["round"]
        if rnd is not None:
            status = f"{_('Round')}: {rnd} · {rnd.state_text}"
        else:
            status = _("No follow-up round yet.")
        comments = {r.activity_id: r.comment for r in context.get("reports", []) if r.comment}
        blocks = [
            Section(
                _("Goal assessments"),
                [
                    Table(
                        header=[_("Goal"), _("Activities"), _("On track"), _("Assessment"), _("Motivation")],
                        rows=_goal_rows(context),
                        numeric=(1, 2),
                        caption=_("Goals: activities on track and assessment"),
                    )
                ],
            ),
            Section(
                _("Progress per network"),
                [
                    Table(
                        header=[_("Network"), _("Activities"), _("Reported")],
                        rows=[
                            Row([row.body.name, str(row.activities), str(row.reported)])
                            for row in context.get("progress", [])
                        ],
                        numeric=(1, 2),
                        caption=_("Progress per network"),
                        caption_visible=False,
                    )
                ],
            ),
            Section(
                _("Activities"),
                [
                    Table(
                        header=[_("Network"), _("Activity"), _("Status"), _("Comment")],
                        rows=[
                            Row(
                                [
                                    a.action_plan.body.name,
                                    mark(a.title, a.is_demo),
                                    str(a.get_status_display()),
                                    comments.get(a.pk, ""),
                                ]
                            )
                            for a in context.get("activities", [])
                        ],
                        row_header=1,
                        caption=_("Activities"),
                        caption_visible=False,
                    )
                ],
            ),
        ]
        if context.get("values"):
            blocks.append(
                Section(
                    _("Indicators"),
                    [
                        Table(
                            header=[_("Indicator"), _("Value")],
                            rows=[
                                Row([v.indicator.name, f"{sv_number(v.value, 1)} {v.indicator.unit}"])
                                for v in context["values"]
                            ],
                            numeric=(1,),
                            caption=_("Indicators"),
                            caption_visible=False,
                        )
                    ],
                )
            )
        cooperation = context["cooperation"]
        return Document(
            title=context["title"],
            author=cooperation.name,
            before=[Paragraph.of(cooperation.name)],
            status=status,
            blocks=blocks,
        )
