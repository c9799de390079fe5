"""Reads for the calendar, with a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.formatting import WEEKDAYS_PLURAL, day_month, month_name, month_year, sv_time, weekday_name
from meetings.models import CalendarRule, Conference, ConferenceSeries, Meeting, Minutes, RotationOverride, RotationSlot
from meetings.services import check_rules, rotation_hosts, statutory_dates, swedish_holidays


@dataclass
class CalendarEntry:
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None
    title: str
    hosts: list[str]
    note: str
    date_text: str
    weekday_text: str = ""
    time_text: str = ""
    url: str = ""
    kind: str = ""
    is_demo: bool = False


@dataclass
class CalendarGroup:
    title: str
    entries: list[CalendarEntry] = field(default_factory=list)
    slug: str = ""


def date_text(entry) -> str:
    """'27 januari', '31 mars–1 april', '27–28 januari', 'januari 2012' (month only); in English
    '27 January', '31 March–1 April', '27–28 January', 'January 2012'."""
    d, e = entry.date, entry.end_date
    if entry.precision == Meeting.Precision.MONTH:
        return month_year(d)
    if not e or e == d:
        return day_month(d)
    if e.month == d.month:
        return f"{d.day}–{e.day} {month_name(d.month)}"
    return f"{day_month(d)}–{day_month(e)}"


def weekday_text(entry) -> str:
    if entry.precision == Meeting.Precision.MONTH:
        return ""
    if entry.end_date and entry.end_date != entry.date:
        return f"{weekday_name(entry.date)}–{weekday_name(entry.end_date)}"
    return weekday_name(entry.date)


def time_text(entry) -> str:
    if entry.start_time and entry.end_time:
        return f"{sv_time(entry.start_time)}–{sv_time(entry.end_time)}"
    if entry.start_time:
        return _("from %(time)s") % {"time": sv_time(entry.start_time)}
    return entry.time_note


def rule_heading(body, rule: CalendarRule | None) -> str:
    if rule is None or rule.weekday is None:
        return body.name
    parts = [str(WEEKDAYS_PLURAL[rule.weekday])]
    if rule.start_time and rule.end_time:
        parts.append(f"{sv_time(rule.start_time)}–{sv_time(rule.end_time)}")
    return f"{body.name} ({' '.join(parts)})"


def _meeting_entry(m: Meeting) -> CalendarEntry:
    note = m.get_kind_display() if m.kind != Meeting.Kind.ORDINARY else ""
    if m.status in (Meeting.Status.DRAFT, Meeting.Status.CANCELLED):
        note = f"{m.get_status_display().capitalize()}" + (f", {note}" if note else "")
    if m.time_note and m.start_time:
        note = f"{note}, {m.time_note}" if note else m.time_note
    return CalendarEntry(
        start=m.start,
        end=m.end,
        title=m.display_title,
        hosts=[m.host.name] if m.host_id else [],
        note=note,
        date_text=date_text(m),
        weekday_text=weekday_text(m),
        time_text=time_text(m),
        url=f"/{m.body.cooperation.slug}/kalender/mote/{m.pk}/",
        kind=m.kind,
        is_demo=m.is_demo,
    )


def _conference_entry(c: Conference, hosts) -> CalendarEntry:
    note = ", ".join(x for x in (c.theme, c.note) if x)
    if c.time_note and c.start_time:
        note = f"{note}, {c.time_note}" if note else c.time_note
    return CalendarEntry(
        start=c.start,
        end=c.end,
        title=c.series.name,
        hosts=[h.name for h in hosts],
        note=note,
        date_text=date_text(c),
        weekday_text=weekday_text(c),
        time_text=time_text(c),
        kind="conference",
        is_demo=c.is_demo,
    )


def meetings_in(cooperation, start: dt.date, end: dt.date, body=None, user=None):
    """The meetings of the period: published ones only, unless `user` is given (then what that user may see:
    drafts too for the cooperation's staff)."""
    base = Meeting.objects.visible_to(user)  # None: anonymous, the published meetings
    qs = (
        base.filter(body__cooperation=cooperation, date__gte=start, date__lte=end)
        .select_related("body__cooperation", "host")
        .order_by("date", "start_time")
    )
    if body is not None:
        qs = qs.filter(body=body)
    return qs


def conferences_in(cooperation, start: dt.date, end: dt.date):
    return (
        Conference.objects.filter(series__cooperation=cooperation, date__gte=start, date__lte=end)
        .select_related("series")
        .prefetch_related("hosts")
        .order_by("date")
    )


def calendar_for_year(cooperation, year: int, user=None) -> list[CalendarGroup]:
    """The year's kalendarium: one group per body with meetings (in rule order), then each conference
    series. Entries a seed listed in one year's calendar but dated the next year (month only) are
    included in the year they fall in, and in the year whose kalendarium lists them (`calendar_year`)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    meetings = list(meetings_in(cooperation, start, end, user=user))
    # Entries the year's kalendarium lists although they fall in the next year ("jan 2012" in 2011's).
    base = Meeting.objects.visible_to(user)  # None: anonymous, the published meetings
    meetings += list(
        base.filter(body__cooperation=cooperation, calendar_year=year, date__gt=end)
        .select_related("body__cooperation", "host")
        .order_by("date", "start_time")
    )
    rules = {r.body_id: r for r in CalendarRule.objects.filter(body__cooperation=cooperation).select_related("body")}
    by_body: dict[int, list[Meeting]] = {}
    bodies = {}
    for m in meetings:
        by_body.setdefault(m.body_id, []).append(m)
        bodies[m.body_id] = m.body
    order = sorted(by_body, key=lambda b: (rules[b].order if b in rules else 1000, bodies[b].name))
    groups = [
        CalendarGroup(rule_heading(bodies[b], rules.get(b)), [_meeting_entry(m) for m in by_body[b]], bodies[b].slug)
        for b in order
    ]
    series_groups: dict[int, CalendarGroup] = {}
    series_list = list(ConferenceSeries.objects.filter(cooperation=cooperation).order_by("order", "name"))
    computed = conference_hosts(cooperation, [year], series_list=series_list)
    listed_later = (
        Conference.objects.filter(series__cooperation=cooperation, calendar_year=year, date__gt=end)
        .select_related("series")
        .prefetch_related("hosts")
        .order_by("date")
    )
    for c in [*conferences_in(cooperation, start, end), *listed_later]:
        hosts = list(c.hosts.all()) or computed.get(c.series_id, {}).get(c.year, [])
        group = series_groups.setdefault(c.series_id, CalendarGroup(c.series.name, [], c.series.slug))
        group.entries.append(_conference_entry(c, hosts))
    groups.extend(series_groups[s.pk] for s in series_list if s.pk in series_groups)
    return groups


def conference_hosts(cooperation, years, *, series_list=None) -> dict[int, dict[int, list]]:
    """{series id: {year: [municipality, ...]}} computed from each series' rotation (3 queries)."""
    if series_list is None:
        series_list = list(ConferenceSeries.objects.filter(cooperation=cooperation))
    ids = [s.pk for s in series_list]
    slots: dict[int, list] = {}
    for slot in RotationSlot.objects.filter(series_id__in=ids).select_related("municipality").order_by("position"):
        slots.setdefault(slot.series_id, []).append(slot.municipality)
    overrides: dict[int, dict] = {}
    for o in RotationOverride.objects.filter(series_id__in=ids).prefetch_related("hosts"):
        overrides.setdefault(o.series_id, {})[o.year] = o
    return {
        s.pk: rotation_hosts(s, years, slots=slots.get(s.pk, []), overrides=overrides.get(s.pk, {}))
        for s in series_list
    }


def rule_checks(cooperation, year: int):
    """Each body's calendar rules for `year`, kept or broken (fixed number of queries)."""
    rules = list(
        CalendarRule.objects.filter(body__cooperation=cooperation)
        .select_related("body", "must_precede")
        .order_by("order")
    )
    meetings = list(
        Meeting.objects.published()
        .filter(body__cooperation=cooperation, date__year=year)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("date")
    )
    by_body: dict[int, list[Meeting]] = {}
    for m in meetings:
        by_body.setdefault(m.body_id, []).append(m)
    off = swedish_holidays([year])
    checks = []
    for rule in rules:
        own = by_body.get(rule.body_id, [])
        preceded = by_body.get(rule.must_precede_id, []) if rule.must_precede_id else None
        checks.extend(check_rules(rule, own, year, preceded=preceded, off_days=off))
    return checks


def month_grid(cooperation, year: int, month: int, user=None):
    """Weeks (Monday first) of the month with each day's entries."""
    import calendar

    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    per_day: dict[dt.date, list[CalendarEntry]] = {}
    for m in meetings_in(cooperation, first, last, user=user).filter(precision=Meeting.Precision.DAY):
        per_day.setdefault(m.date, []).append(_meeting_entry(m))
    for c in conferences_in(cooperation, first, last).filter(precision=Meeting.Precision.DAY):
        per_day.setdefault(c.date, []).append(_conference_entry(c, list(c.hosts.all())))
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(d, d.month == month, per_day.get(d, [])) for d in week])
    return weeks, sum(len(v) for v in per_day.values())


def minutes_for_meeting(meeting, user=None):
    """The meeting's minutes `user` (None: anonymous) may see: approved ones; drafts for the staff."""
    return list(Minutes.objects.visible_to(user).filter(meeting=meeting).order_by("pk"))


def minutes_detail(pk, cooperation, user=None):
    """Minutes by id in the cooperation, if `user` (None: anonymous) may see them; else a 404. Draft minutes
    are seen by the cooperation's staff and by the approvers chosen for them (who approve on this page)."""
    from django.db.models import Q
    from django.shortcuts import get_object_or_404

    from meetings.models import MinutesApprover

    seen = Q(pk__in=Minutes.objects.visible_to(user).values("pk"))
    if user is not None and user.is_authenticated:
        seen |= Q(pk__in=MinutesApprover.objects.filter(person__user=user).values("minutes_id"))
    return get_object_or_404(
        Minutes.objects.filter(seen)
        .select_related("meeting__body__cooperation", "meeting__host", "corrects")
        .prefetch_related("paragraphs", Prefetch("attendance")),
        pk=pk,
        meeting__body__cooperation=cooperation,
    )


def minutes_context(minutes) -> dict:
    """What the minutes page and the minutes document show: statutory dates, paragraphs, attendance."""
    meeting = minutes.meeting
    rule = CalendarRule.objects.filter(body=meeting.body).first()
    dates = None
    if rule and rule.follows_kommunallagen:
        dates = statutory_dates(
            meeting.date,
            minutes.approval_date,
            minutes.notice_posted_on,
            minutes.last_posting_on if rule.is_joint_committee else None,
        )
    attendance = list(minutes.attendance.all())
    groups = {}
    for a in attendance:
        key = "voting" if a.category in ("voting", "acting") else a.category
        groups.setdefault(key, []).append(a)
    paragraphs = list(minutes.paragraphs.all())
    span = ""
    if paragraphs:
        first, last = paragraphs[0].number, paragraphs[-1].number
        span = f"{first}–{last}" if first != last else str(first)
    return {
        "minutes": minutes,
        "meeting": meeting,
        "rule": rule,
        "dates": dates,
        "paragraphs": paragraphs,
        "span": span,
        "voting": groups.get("voting", []),
        "substitutes": groups.get("substitute", []),
        "others": groups.get("other", []),
        "absent": groups.get("absent", []),
        "cooperation": meeting.body.cooperation,
        "title": _("Minutes %(body)s %(date)s") % {"body": meeting.body.name, "date": meeting.date},
    }


def extract_context(minutes, number: int) -> dict | None:
    """The context of an extract of paragraph `number` from the minutes, or None without that paragraph."""
    context = minutes_context(minutes)
    paragraph = next((p for p in context["paragraphs"] if p.number == number), None)
    if paragraph is None:
        return None
    context.update(
        paragraphs=[paragraph],
        extract=True,
        title=_("Extract from the minutes § %(number)s %(body)s %(date)s")
        % {"number": number, "body": minutes.meeting.body.name, "date": minutes.meeting.date},
    )
    return context
