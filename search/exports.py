"""The decision register as CSV and XLSX (core.exports: one dialect, safe for Excel)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.exports import Sheet, to_csv, to_xlsx
from search import registry

#: The most rows one export holds.
MAX_ROWS = 20_000


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url and request is not None else url


def header() -> list[str]:
    return [
        _("Date"),
        _("Body"),
        pgettext("decision register", "Paragraph"),
        _("Case number"),
        _("Municipality"),
        pgettext("decision register", "Title"),
        _("Outcome"),
        pgettext("decision register", "Kind"),
        _("Link"),
        _("Extract"),
    ]


def rows(entries, request=None) -> list[list]:
    labels = registry.kind_labels()
    return [
        [
            e.date,
            e.body_name,
            e.reference,
            e.case_number,
            e.municipality,
            e.title,
            e.outcome,
            str(labels.get(e.kind, e.kind)),
            _absolute(request, e.url),
            _absolute(request, e.extract_url),
        ]
        for e in entries[:MAX_ROWS]
    ]


def decisions_csv(entries, request=None) -> bytes:
    return to_csv([header(), *rows(entries, request)])


def decisions_xlsx(entries, cooperation, request=None) -> bytes:
    return to_xlsx(
        [
            Sheet(
                name=_("Decisions"),
                header=header(),
                rows=rows(entries, request),
                title_lines=[f"{_('Decisions')} – {cooperation.name}"],
                widths={0: 12, 1: 30, 2: 8, 3: 18, 4: 14, 5: 60, 6: 30, 7: 20, 8: 40, 9: 40},
            )
        ]
    )
