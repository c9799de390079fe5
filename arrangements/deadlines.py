"""The arrangements' dated deadlines (core.deadlines): a procurement's last day to give notice or extend and
its contract's end, an agreement's expiry and last day to give notice, and the owner dialogues of the
jointly owned organisations. The calendar and its feeds show them; "Mina uppgifter" shows those ahead."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from arrangements import selectors
from arrangements import status as vst
from arrangements.models import AgreementVersion
from core.deadlines import Deadline
from organisations.models import JointArrangement, OwnerSteeringRecord

Kind = JointArrangement.Kind


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _arrangement_deadlines(cooperation, start, end, user) -> list[Deadline]:
    """Procurements' and agreements' dates: one query, two more when versions were sent out for adoption."""
    found = []
    arrangements = list(
        JointArrangement.objects.filter(cooperation=cooperation, kind__in=[Kind.PROCUREMENT, Kind.AGREEMENT])
        .select_related("cooperation", "procurement", "agreement")
        .prefetch_related(
            Prefetch(
                "agreement__versions",
                to_attr="visible_versions",
                queryset=AgreementVersion.objects.visible_to(user).select_related("adoption_round"),
            )
        )
    )
    versions = [
        v
        for a in arrangements
        if a.kind == Kind.AGREEMENT and hasattr(a, "agreement")
        for v in a.agreement.visible_versions
    ]
    rows = selectors.rows_of_versions(versions) if versions else {}
    for a in arrangements:
        url = selectors.arrangement_url(a)
        p = getattr(a, "procurement", None) if a.kind == Kind.PROCUREMENT else None
        if p is not None:
            if p.notice_date and start <= p.notice_date <= end:
                found.append(
                    Deadline(
                        f"procurement-{p.pk}-notice",
                        p.notice_date,
                        _("%(name)s: last day to give notice or extend") % {"name": a.name},
                        url,
                        is_demo=a.is_demo,
                    )
                )
            if p.contract_end and start <= p.contract_end <= end:
                found.append(
                    Deadline(
                        f"procurement-{p.pk}-end",
                        p.contract_end,
                        _("%(name)s: the contract ends") % {"name": a.name},
                        url,
                        is_demo=a.is_demo,
                    )
                )
        agreement = getattr(a, "agreement", None) if a.kind == Kind.AGREEMENT else None
        if agreement is None:
            continue
        for row in rows.get(agreement.pk, []):
            v = row.version
            if row.status not in (vst.IN_FORCE, vst.OUT_FOR_ADOPTION) or not v.valid_until:
                continue
            if start <= v.valid_until <= end:
                found.append(
                    Deadline(
                        f"agreement-version-{v.pk}-expiry",
                        v.valid_until,
                        _("%(name)s: the agreement expires") % {"name": a.name},
                        url,
                        is_demo=a.is_demo,
                    )
                )
            if agreement.notice_months:
                notice = months_before(v.valid_until, agreement.notice_months)
                if start <= notice <= end:
                    found.append(
                        Deadline(
                            f"agreement-version-{v.pk}-notice",
                            notice,
                            _("%(name)s: last day to give notice") % {"name": a.name},
                            url,
                            is_demo=a.is_demo,
                        )
                    )
    return found


def _dialogue_deadlines(cooperation, start, end) -> list[Deadline]:
    return [
        Deadline(
            f"owner-dialogue-{r.pk}",
            r.date,
            _("Owner dialogue: %(org)s") % {"org": r.organisation.name},
            r.organisation.get_absolute_url(),
            r.title,
        )
        for r in OwnerSteeringRecord.objects.filter(
            organisation__cooperation=cooperation, kind=OwnerSteeringRecord.Kind.DIALOGUE, date__range=(start, end)
        ).select_related("organisation__cooperation")
    ]


def deadlines_between(cooperation, start: dt.date, end: dt.date, user=None) -> list[Deadline]:
    return _arrangement_deadlines(cooperation, start, end, user) + _dialogue_deadlines(cooperation, start, end)
