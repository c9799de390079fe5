"""Export a network's follow-up report to XLSX/CSV, edit it offline and import it back.

The import is atomic: every row is checked, and if any row is wrong nothing is saved and every
error is reported with its row number.
"""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core import exports
from core.errors import DomainError
from core.provenance import mark
from plans import selectors, services
from plans.models import Status

KIND_ACTIVITY = "aktivitet"
KIND_INDICATOR = "indikator"
HEADER = ["Typ", "Id", "Namn", "Status", "Kommentar", "Värde", "Enhet", "Version"]


class ImportFailed(DomainError):
    def __init__(self, row_errors: list[str]):
        self.row_errors = row_errors
        super().__init__(row_errors)


def export_rows(rnd, body) -> list[list]:
    activities, indicators = selectors.network_report_rows(rnd, body)
    rows = [HEADER]
    with translation.override("sv"):
        for activity, report in activities:
            status = report.status if report else activity.status
            rows.append(
                [
                    KIND_ACTIVITY,
                    activity.pk,
                    mark(activity.title, activity.is_demo),
                    str(Status(status).label),
                    report.comment if report else "",
                    "",
                    "",
                    report.version if report else 0,
                ]
            )
        for indicator, value in indicators:
            rows.append(
                [
                    KIND_INDICATOR,
                    indicator.pk,
                    indicator.name,
                    "",
                    value.comment if value else "",
                    value.value if value else None,
                    indicator.unit,
                    value.version if value else 0,
                ]
            )
    return rows


def to_xlsx(rows) -> bytes:
    """The report as a workbook (core.exports: header bold and frozen, numbers as numbers)."""
    return exports.to_xlsx([exports.Sheet(name="Rapport", header=rows[0], rows=rows[1:], widths={2: 50, 4: 40})])


def to_csv(rows) -> bytes:
    """The report as CSV in the site's one dialect (core.exports), which `read_rows` reads back."""
    return exports.to_csv(rows)


def read_rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any unreadable workbook is bad input
            raise DomainError(_("The file could not be read as an XLSX workbook.")) from None
        ws = wb.worksheets[0]
        return [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("The CSV file must be encoded as UTF-8.")) from None
    return exports.read_csv(text)


def _status_code(text: str) -> str | None:
    text = (text or "").strip().lower()
    with translation.override("sv"):
        for value, label in Status.choices:
            if text in (value, str(label).lower()):
                return value
    return None


def _int(text, default=None):
    try:
        return int(str(text).strip().split(".")[0])
    except (TypeError, ValueError):
        return default


def import_report(*, actor, rnd, body, content: bytes, filename: str) -> int:
    """Apply an edited report file. Returns the number of rows saved; raises ImportFailed (nothing saved)."""
    rows = read_rows(content, filename)
    if not rows or [c.strip() for c in rows[0][:2]] != HEADER[:2]:
        raise ImportFailed([_("The file does not have the expected columns (%(cols)s).") % {"cols": ", ".join(HEADER)}])
    activities, indicators = selectors.network_report_rows(rnd, body)
    activity_by_id = {a.pk: a for a, _r in activities}
    indicator_by_id = {i.pk: i for i, _v in indicators}
    errors: list[str] = []
    saved = 0
    try:
        with transaction.atomic():
            for number, row in enumerate(rows[1:], start=2):
                row = list(row) + [""] * (len(HEADER) - len(row))
                kind, raw_id, _name, status, comment, value, _unit, version = (c.strip() for c in row[:8])
                comment = exports.unneutralise(comment)
                if not any(row):
                    continue
                pk = _int(raw_id)
                expected = _int(version, 0)
                try:
                    if kind == KIND_ACTIVITY:
                        activity = activity_by_id.get(pk)
                        if activity is None:
                            raise DomainError(_("Unknown activity id %(id)s for this network.") % {"id": raw_id})
                        code = _status_code(status)
                        if code is None:
                            raise DomainError(_("Unknown status: %(status)s.") % {"status": status})
                        services.activity_report_save(
                            actor=actor,
                            round=rnd,
                            activity=activity,
                            status=code,
                            comment=comment,
                            expected_version=expected,
                        )
                        saved += 1
                    elif kind == KIND_INDICATOR:
                        indicator = indicator_by_id.get(pk)
                        if indicator is None:
                            raise DomainError(_("Unknown indicator id %(id)s for this network.") % {"id": raw_id})
                        if value == "":
                            continue
                        services.indicator_value_save(
                            actor=actor,
                            round=rnd,
                            indicator=indicator,
                            value=value,
                            comment=comment,
                            expected_version=expected,
                        )
                        saved += 1
                    else:
                        raise DomainError(_("Unknown row type: %(kind)s.") % {"kind": kind})
                except PermissionDenied as exc:
                    errors.append(_("Row %(row)s: %(message)s") % {"row": number, "message": exc})
                except ValidationError as exc:
                    for message in exc.messages:
                        errors.append(_("Row %(row)s: %(message)s") % {"row": number, "message": message})
            if errors:
                raise ImportFailed(errors)
    except ImportFailed:
        raise
    return saved
