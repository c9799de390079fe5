"""Minutes and extracts from minutes as one document structure (rendered to PDF, and to DOCX for the
parity of the two renderers), in the order of a Swedish municipal protocol."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.documents import BulletList, Document, Paragraph, Row, Section, Table, Text
from core.formatting import sv_date, sv_time
from core.provenance import EXAMPLE_LABEL

STYLE = """
  .front th, .notice th { width: 40%; }
  .paragraph { break-inside: avoid-page; margin-top: 14pt; }
  .signatures { margin-top: 24pt; }
  .signatures td { height: 24pt; border-bottom: 0.5pt solid #111; }
  caption { text-align: left; font-weight: bold; margin-bottom: 4pt; }
  h4 { font-size: 10.5pt; margin: 8pt 0 2pt; }
"""


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _front(context) -> list:
    minutes, meeting = context["minutes"], context["meeting"]
    rows = [Row(["Datum", _iso(meeting.date)])]
    if meeting.start_time:
        time = sv_time(meeting.start_time) + (f"–{sv_time(meeting.end_time)}" if meeting.end_time else "")
        rows.append(Row(["Tid", time]))
    if meeting.location:
        rows.append(Row(["Plats", meeting.location]))
    rows += [
        Row(["Beslutande", "Se närvarolista"]),
        Row(["Övriga deltagare", "Se närvarolista"]),
        Row(["Justeringens plats och tid", f"{minutes.approval_place} {_iso(minutes.approval_date)}".strip()]),
        Row(["Paragrafer", context["span"] or "–"]),
        Row(["Sekreterare", minutes.secretary]),
        Row(["Ordförande", minutes.chair]),
        Row(["Justerande", minutes.approvers]),
    ]
    blocks: list = [Table(header=[], rows=rows, caption=_("Meeting details"), css_class="front")]
    if minutes.status == "approved" and not minutes.is_demo:  # example minutes make no posting claim
        dates = context["dates"]
        posted = minutes.notice_posted_on or (dates.notice_deadline if dates else None)
        taken_down = minutes.notice_taken_down_on or (dates.earliest_take_down if dates else None)
        blocks.append(
            Section(
                "ANSLAG / BEVIS",
                [
                    Paragraph.of(
                        "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.\n"
                        "Observera att anslagstiden inte är samma sak som överklagandetiden."
                    ),
                    Table(
                        header=[],
                        caption=_("Notice of approval"),
                        css_class="notice",
                        rows=[
                            Row(["Organ", meeting.body.name]),
                            Row(["Sammanträdesdatum", _iso(meeting.date)]),
                            Row(["Datum då anslaget sätts upp", _iso(posted) or "–"]),
                            Row(["Datum då anslaget tas ned", _iso(taken_down) or "–"]),
                            Row(["Förvaringsplats för protokollet", minutes.storage_place or "–"]),
                            Row(["Underskrift", minutes.secretary]),
                        ],
                    ),
                ],
            )
        )
    return blocks


def _paragraph(p, *, extract: bool) -> Section:
    content: list = []
    if p.proposal_heading:
        content.append(Paragraph.of(p.proposal_heading))
    if p.proposal_list:
        content.append(BulletList(list(p.proposal_list)))
    if p.description:
        content.append(Section("Beskrivning av ärendet", [Paragraph.of(p.description)]))
    if p.decision:
        content.append(Section("Beslut", [Paragraph.of(p.decision)]))
    if p.attachment_list:
        content.append(Section("Bilagor", [BulletList(list(p.attachment_list))]))
    blocks: list = []
    if p.case_number:
        blocks.append(Paragraph.of(f"Dnr {p.case_number}"))
    if extract:
        blocks.append(Paragraph([Text("UTDRAG", bold=True)]))
    blocks.append(Section(p.title, content))
    return Section(f"§ {p.number}", blocks, css_class="paragraph")


def _attendance(context) -> Section:
    def names(people, fmt):
        return BulletList([fmt(a) for a in people] or ["–"])

    def voting(a):
        text = a.name + (f" ({a.party})" if a.party else "") + (f", {a.role}" if a.role else "")
        return text + (f", tjänstgörande ersättare för {a.replaces}" if a.category == "acting" else "")

    return Section(
        "Närvarolista",
        [
            Section("Beslutande", [names(context["voting"], voting)]),
            Section(
                "Ersättare", [names(context["substitutes"], lambda a: a.name + (f" ({a.party})" if a.party else ""))]
            ),
            Section("Övriga", [names(context["others"], lambda a: a.name + (f", {a.role}" if a.role else ""))]),
            Section("Frånvarande", [names(context["absent"], lambda a: a.name + (f" ({a.party})" if a.party else ""))]),
        ],
    )


def minutes_document(context: dict, *, extract: bool = False) -> Document:
    """The minutes (or, with `extract`, an extract of the paragraphs in `context`) from the context of
    `meetings.selectors.minutes_context`."""
    with translation.override("sv"):
        minutes, meeting = context["minutes"], context["meeting"]
        cooperation = context["cooperation"]
        blocks: list = [] if extract else _front(context)
        blocks += [_paragraph(p, extract=extract) for p in context["paragraphs"]]
        if not extract:
            blocks.append(_attendance(context))
        blocks.append(
            Table(
                header=["Justerandes sign", "Utdragsbestyrkande"],
                rows=[Row(["\u00a0", "\u00a0"])],
                caption=_("Signatures"),
                row_header=None,
                css_class="signatures",
            )
        )
        return Document(
            title=context["title"],
            author=cooperation.name,
            heading="PROTOKOLLSUTDRAG" if extract else "SAMMANTRÄDESPROTOKOLL",
            before=[Paragraph.of(cooperation.name + (f" ({EXAMPLE_LABEL})" if minutes.is_demo else ""), muted=True)],
            meta=[Paragraph.of(f"{meeting.body.name} · Sammanträdesdatum {_iso(meeting.date)}")],
            blocks=blocks,
            style=STYLE,
            status=_minutes_status(minutes),
        )


def _minutes_status(minutes) -> str:
    if minutes.status == minutes.Status.APPROVED:
        names = ", ".join(minutes.approver_list)
        if minutes.approval_date and names:
            return pgettext("minutes", "approved on %(date)s by %(names)s") % {
                "date": sv_date(minutes.approval_date),
                "names": names,
            }
        return pgettext("minutes", "approved")
    return pgettext("minutes", "draft, not yet approved")


def agenda_document(meeting, items) -> Document:
    """The notice (kallelse) with the agenda (föredragningslista): each item with its case number, rapporteur,
    proposal for decision and the papers listed."""
    from core.formatting import sv_date

    with translation.override("sv"):
        cooperation = meeting.body.cooperation
        rows = [Row(["Datum", sv_date(meeting.date)])]
        if meeting.start_time:
            rows.append(
                Row(
                    ["Tid", sv_time(meeting.start_time) + (f"–{sv_time(meeting.end_time)}" if meeting.end_time else "")]
                )
            )
        if meeting.location or meeting.host_id:
            rows.append(
                Row(
                    [
                        "Plats",
                        ", ".join(x for x in (meeting.location, meeting.host.name if meeting.host_id else "") if x),
                    ]
                )
            )
        blocks: list = [Table(header=[], rows=rows, caption=_("Meeting details"), css_class="front")]
        for item in items:
            content: list = []
            if item.case_number:
                content.append(Paragraph.of(f"Dnr {item.case_number}"))
            if item.rapporteur:
                content.append(Paragraph.of(f"Föredragande: {item.rapporteur}"))
            if item.proposal:
                content.append(Section("Förslag till beslut", [Paragraph.of(item.proposal)]))
            papers = [p.name for p in item.papers.all()]
            if papers:
                content.append(Section("Handlingar", [BulletList(papers)]))
            blocks.append(Section(f"{item.number}. {item.title}", content, css_class="paragraph"))
        if not items:
            blocks.append(Paragraph.of("Föredragningslistan är inte klar."))
        return Document(
            title=f"Kallelse {meeting.body.name} {meeting.date.isoformat()}",
            author=cooperation.name,
            heading="KALLELSE MED FÖREDRAGNINGSLISTA",
            before=[Paragraph.of(cooperation.name, muted=True)],
            meta=[Paragraph.of(f"{meeting.body.name} · Sammanträdesdatum {_iso(meeting.date)}")],
            blocks=blocks,
            style=STYLE,
        )


def agenda_pdf(meeting) -> bytes:
    from core.documents import render_document_pdf

    items = list(meeting.agenda_items.prefetch_related("papers").order_by("number"))
    return render_document_pdf(agenda_document(meeting, items))


def notice_text(meeting, changes: list[str]) -> str:
    """The plain-text body of the notice e-mail (Swedish, like the documents)."""
    from core.formatting import sv_date

    with translation.override("sv"):
        lines = [f"Kallelse till sammanträde med {meeting.body.name}", ""]
        when = sv_date(meeting.date)
        if meeting.start_time:
            when += f" kl. {sv_time(meeting.start_time)}" + (
                f"–{sv_time(meeting.end_time)}" if meeting.end_time else ""
            )
        lines.append(f"Tid: {when}")
        if meeting.location:
            lines.append(f"Plats: {meeting.location}")
        if changes:
            lines += ["", "Ändringar sedan förra kallelsen:", *[f"- {c}" for c in changes]]
        lines += ["", "Föredragningslistan finns i den bifogade PDF-filen; inbjudan till kalendern i .ics-filen."]
        return "\n".join(lines)
