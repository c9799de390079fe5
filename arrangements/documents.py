"""Documents and exports of the arrangements app: an owner directive (PDF and DOCX from one structure) and
the participation matrix as XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import exports
from core.documents import Document, Row, Section, Table, paragraphs
from core.formatting import sv_date
from core.provenance import mark


def owner_directive_document(cooperation, organisation, record, ownerships, decisions) -> Document:
    owners = Table(
        header=[_("Owner"), _("Share")],
        rows=[
            Row(
                [
                    str(o.owner),
                    f"{o.share_percent.normalize():f} %".replace(".", ",")
                    if o.share_percent is not None
                    else _("not stated"),
                ]
            )
            for o in ownerships
        ],
        caption=_("Owners"),
    )
    blocks = [Section(_("Directive"), paragraphs(record.text) or paragraphs(_("No text is registered.")))]
    blocks.append(Section(_("Owners"), [owners]))
    if decisions:
        blocks.append(
            Section(
                _("The owners' decisions"),
                [
                    Table(
                        header=[_("Owner"), _("Deciding body"), _("Decided on"), _("Decision")],
                        rows=[
                            Row(
                                [
                                    d.municipality.name,
                                    d.body_name,
                                    sv_date(d.decided_on) if d.decided_on else "–",
                                    d.text,
                                ]
                            )
                            for d in decisions
                        ],
                        caption=_("The owners' decisions"),
                    )
                ],
            )
        )
    return Document(
        title=f"{record.get_kind_display().capitalize()}: {organisation.name}",
        heading=record.title,
        before=paragraphs(cooperation.name),
        meta=paragraphs(f"{organisation.name}, {sv_date(record.date)}"),
        status=_("owner directive of %(date)s") % {"date": sv_date(record.date)},
        blocks=blocks,
    )


def matrix_xlsx(cooperation, members, rows) -> bytes:
    header = [_("Arrangement"), _("Kind"), *[m.name for m in members]]
    data = [[mark(r.name, r.is_demo), r.kind_label, *[c.label for c in r.cells]] for r in rows]
    return exports.to_xlsx(
        [
            exports.Sheet(
                name=_("Participation")[:31],
                header=header,
                rows=data,
                title_lines=[_("Who takes part in what: %(coop)s") % {"coop": cooperation.name}],
            )
        ]
    )
