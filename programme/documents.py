"""The programme as a document (seed 002/004 structure) with the adoption status: one structure,
rendered to a tagged PDF and to DOCX by `core.documents`."""

from django.utils import translation
from django.utils.translation import gettext as _

from core.documents import BulletList, Document, Paragraph, Row, Section, Table, Text, paragraphs
from core.formatting import sv_date
from programme.selectors import programme_context


def _context(cooperation, programme):
    return {"cooperation": cooperation, "title": programme.name, **programme_context(cooperation, programme)}


def programme_document(cooperation, programme) -> Document:
    ctx = _context(cooperation, programme)
    state = ctx["state"]
    with translation.override("sv"):
        meta = cooperation.name
        if programme.term_start_year:
            meta += f" · {_('Valid for')} {programme.term_start_year}"
            if programme.term_end_year:
                meta += f"–{programme.term_end_year}"
        status = str(state.label)
        if state.in_force_on:
            status += " " + _("since %(date)s") % {"date": sv_date(state.in_force_on)}
        blocks = []
        if programme.introduction:
            blocks.append(Section(_("The cooperation"), paragraphs(programme.introduction)))
        if ctx["principles"]:
            blocks.append(
                Section(
                    _("Principles"),
                    [
                        Paragraph.of(_("The cooperation shall be characterised by:")),
                        BulletList([p.text for p in ctx["principles"]]),
                    ],
                )
            )
        vision = []
        if programme.vision:
            parts = [Text(programme.vision)]
            if programme.vision_tagline:
                parts.append(Text("\n" + programme.vision_tagline, italic=True))
            vision.append(Section(_("Vision"), [Paragraph(parts)]))
        if programme.purpose:
            vision.append(Section(_("Purpose"), paragraphs(programme.purpose)))
        if programme.overarching_goal:
            vision.append(Section(_("Overarching goal"), [Paragraph.of(programme.overarching_goal)]))
        blocks.append(Section(_("Vision, purpose and goal"), vision))
        focus = paragraphs(programme.focus_areas_intro) if programme.focus_areas_intro else []
        for group in ctx["groups"]:
            intro = {"regional": programme.regional_intro, "internal": programme.internal_intro}.get(group["group"])
            content = paragraphs(intro) if intro else []
            for area in group["areas"]:
                goals = []
                for goal in area.top_goals:
                    goals.append(Paragraph([Text(_("Goal:"), bold=True), Text(" " + goal.text)]))
                    if goal.children:
                        goals.append(BulletList([sub.text for sub in goal.children], ordered=True))
                content.append(Section(area.name, goals))
            label = str(group["label"])
            focus.append(Section(label[:1].upper() + label[1:], content))
        blocks.append(Section(_("Focus areas"), focus))
        if ctx["external_goals"]:
            external = paragraphs(programme.external_goals_intro) if programme.external_goals_intro else []
            external.append(BulletList([f"{e.framework}: {e.text}" for e in ctx["external_goals"]]))
            blocks.append(Section(_("Regional goals the programme builds on"), external))
        if ctx["working_forms"]:
            chapter = []
            for part in ctx["working_forms"]:
                content = [Paragraph.of(text) for text in part.paragraphs]
                if part.heading:
                    chapter.append(Section(part.heading, content))
                else:
                    chapter.extend(content)
            blocks.append(Section(_("Working forms"), chapter))
        if ctx["changes"]:
            blocks.append(Section(_("Changes from the previous programme"), [BulletList(ctx["changes"])]))
        adoption = []
        if state.round:
            rs = state.round_state
            if rs.unknown:
                adoption.append(
                    Paragraph.of(
                        _("Recorded adoptions: %(adopted)s of %(members)s; not known for %(unknown)s")
                        % {"adopted": rs.adopted, "members": rs.members, "unknown": rs.unknown}
                    )
                )
            else:
                adoption.append(
                    Paragraph.of(
                        _("%(adopted)s of %(members)s have adopted") % {"adopted": rs.adopted, "members": rs.members}
                    )
                )
        if programme.adoption_note:
            adoption.append(Paragraph.of(programme.adoption_note))
        rows = []
        for row in ctx["rows"]:
            step = row.latest_step
            label = str(row.label)
            rows.append(
                Row(
                    [
                        row.municipality.name,
                        label[:1].upper() + label[1:],
                        f"{step.body_name} {sv_date(step.meeting_date)} {step.paragraph}" if step else "–",
                        (row.adoption.case_number if row.adoption else "") or "–",
                    ]
                )
            )
        adoption.append(
            Table(
                header=[_("Municipality"), _("Status"), _("Latest step"), _("Case number")],
                rows=rows,
                caption=_("Each member municipality's handling"),
            )
        )
        blocks.append(Section(_("Adoption by the member municipalities"), adoption))
        return Document(
            title=programme.name,
            author=cooperation.name,
            meta=[Paragraph.of(meta, muted=True)],
            blocks=blocks,
            status=status,
        )
