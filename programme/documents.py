"""The programme as a document: tagged PDF (WeasyPrint) and DOCX (python-docx), in the structure of
the programme itself (seed 002/004), with the adoption status."""

from django.utils import translation
from django.utils.translation import gettext as _

from core.documents import docx_bytes, new_docx, render_pdf
from programme.selectors import programme_context


def _context(cooperation, programme):
    return {"cooperation": cooperation, "title": programme.name, **programme_context(cooperation, programme)}


def programme_pdf(cooperation, programme) -> bytes:
    return render_pdf("programme/programme_pdf.html", _context(cooperation, programme))


def programme_docx(cooperation, programme) -> bytes:
    ctx = _context(cooperation, programme)
    state = ctx["state"]
    with translation.override("sv"):
        doc = new_docx(programme.name)
        doc.add_heading(programme.name, level=0)
        meta = [cooperation.name, f"{_('Status')}: {state.label}"]
        if programme.term_start_year:
            meta.append(f"{_('Valid for')} {programme.term_start_year}–{programme.term_end_year or ''}".rstrip("–"))
        doc.add_paragraph(" · ".join(meta))
        if programme.introduction:
            doc.add_heading(_("The cooperation"), level=1)
            for para in programme.introduction.split("\n\n"):
                doc.add_paragraph(para)
        if ctx["principles"]:
            doc.add_heading(_("Principles"), level=1)
            doc.add_paragraph(_("The cooperation shall be characterised by:"))
            for p in ctx["principles"]:
                doc.add_paragraph(p.text, style="List Bullet")
        doc.add_heading(_("Vision, purpose and goal"), level=1)
        if programme.vision:
            doc.add_heading(_("Vision"), level=2)
            para = doc.add_paragraph(programme.vision)
            if programme.vision_tagline:
                para.add_run("\n" + programme.vision_tagline).italic = True
        if programme.purpose:
            doc.add_heading(_("Purpose"), level=2)
            doc.add_paragraph(programme.purpose)
        if programme.overarching_goal:
            doc.add_heading(_("Overarching goal"), level=2)
            doc.add_paragraph(programme.overarching_goal)
        doc.add_heading(_("Focus areas"), level=1)
        if programme.focus_areas_intro:
            doc.add_paragraph(programme.focus_areas_intro)
        for group in ctx["groups"]:
            doc.add_heading(str(group["label"]).capitalize(), level=2)
            intro = programme.regional_intro if group["group"] == "regional" else programme.internal_intro
            if intro:
                for para in intro.split("\n\n"):
                    doc.add_paragraph(para)
            for area in group["areas"]:
                doc.add_heading(area.name, level=3)
                for goal in area.top_goals:
                    p = doc.add_paragraph()
                    p.add_run(_("Goal:") + " ").bold = True
                    p.add_run(goal.text)
                    for sub in goal.children:
                        doc.add_paragraph(sub.text, style="List Number")
        if ctx["external_goals"]:
            doc.add_heading(_("Regional goals the programme builds on"), level=1)
            if programme.external_goals_intro:
                doc.add_paragraph(programme.external_goals_intro)
            for e in ctx["external_goals"]:
                doc.add_paragraph(f"{e.framework}: {e.text}", style="List Bullet")
        doc.add_heading(_("Adoption by the member municipalities"), level=1)
        if state.round_state:
            doc.add_paragraph(_("%(adopted)s of %(members)s have adopted") % {
                "adopted": state.round_state.adopted, "members": state.round_state.members})
        if programme.adoption_note:
            doc.add_paragraph(programme.adoption_note)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, [_("Municipality"), _("Status"), _("Latest step"),
                                                      _("Case number")], strict=True):
            cell.text = label
        from core.formatting import sv_date

        for row in ctx["rows"]:
            step = row.latest_step
            cells = table.add_row().cells
            cells[0].text = row.municipality.name
            cells[1].text = str(row.label).capitalize()
            cells[2].text = f"{step.body_name} {sv_date(step.meeting_date)} {step.paragraph}".strip() if step else "–"
            cells[3].text = (row.adoption.case_number if row.adoption else "") or "–"
        return docx_bytes(doc)
