"""Business rules of the meetings app: statutory dates, rotation, calendar rules, the proposal
generator and the write services (keyword-only, atomic, audited, Swedish errors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import holidays as holidays_lib
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.errors import DomainError
from core.services import audited_delete, audited_save, lock, refuse_duplicate, require_permission
from meetings import audit
from meetings.models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    CalendarRule,
    Conference,
    ConferenceSeries,
    Dispatch,
    Meeting,
    Minutes,
    MinutesApprover,
    Paragraph,
    RotationSlot,
)
from organisations.models import Body, Membership, Person

# --- Statutory dates (Kommunallagen 2017:725) -------------------------------------------------

APPROVAL_DAYS = 14  # 6 kap. 35 §: justering senast 14 dagar efter sammanträdet
NOTICE_DAYS = 2  # 8 kap. 12 §: anslag senast andra dagen efter justeringen
APPEAL_WEEKS = 3  # 13 kap. 5 §: överklagande inom tre veckor från tillkännagivandet


def swedish_holidays(years) -> set[dt.date]:
    """Public holidays plus the de facto ones (midsommar-, jul- and nyårsafton), which Lag (1930:173) counts too."""
    return set(holidays_lib.Sweden(years=years, include_sundays=False, categories=("public", "de_facto")).keys())


def next_working_day(day: dt.date) -> dt.date:
    """Lag (1930:173) om beräkning av lagstadgad tid: a period ending on a Saturday, Sunday or public
    holiday (incl. midsommar-, jul- and nyårsafton) ends on the next working day."""
    off = swedish_holidays([day.year, day.year + 1])
    while day.weekday() >= 5 or day in off:
        day += dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class StatutoryDates:
    approval_deadline: dt.date
    notice_deadline: dt.date | None
    appeal_from: dt.date | None
    appeal_period_ends: dt.date | None
    earliest_take_down: dt.date | None


def statutory_dates(
    meeting_date: dt.date,
    approval_date: dt.date | None = None,
    notice_posted_on: dt.date | None = None,
    last_posting_on: dt.date | None = None,
) -> StatutoryDates:
    """The dates Kommunallagen sets for a meeting's minutes.

    - approval (justering) no later than 14 days after the meeting;
    - the notice (anslag) of approval up no later than the second day after approval;
    - the appeal period: three weeks counted from the day the notice was put up (for a joint committee,
      from the day it was up in the last of its municipalities). Three weeks from day D ends on the same
      weekday three weeks later (D + 21 days), moved to the next working day if that is a holiday;
    - the notice stays up until the appeal period has run out, so it may be taken down the day after.

    Without an actual posting date the latest lawful one (approval + 2 days) is assumed.
    Seed 002: approved 2019-08-12 → up by 2019-08-14 → appeal ends 2019-09-04 → down 2019-09-05.
    """
    approval_deadline = meeting_date + dt.timedelta(days=APPROVAL_DAYS)
    if approval_date is None:
        return StatutoryDates(approval_deadline, None, None, None, None)
    notice_deadline = approval_date + dt.timedelta(days=NOTICE_DAYS)
    appeal_from = last_posting_on or notice_posted_on or notice_deadline
    appeal_ends = next_working_day(appeal_from + dt.timedelta(weeks=APPEAL_WEEKS))
    return StatutoryDates(
        approval_deadline, notice_deadline, appeal_from, appeal_ends, appeal_ends + dt.timedelta(days=1)
    )


# --- Conference host rotation -----------------------------------------------------------------


def rotation_hosts(series: ConferenceSeries, years, *, slots=None, overrides=None) -> dict[int, list]:
    """Hosts per year computed from the rotation order; overrides are explicit exceptions.

    `slots` (ordered municipalities) and `overrides` ({year: override}) may be passed prefetched.
    A skipped year with `shifts_rotation` moves every later year up one place.
    """
    if slots is None:
        slots = [s.municipality for s in series.rotation.select_related("municipality").order_by("position")]
    if overrides is None:
        overrides = {o.year: o for o in series.overrides.prefetch_related("hosts")}
    result: dict[int, list] = {}
    if not slots or series.rotation_start_year is None:
        return {y: list(overrides[y].hosts.all()) if y in overrides else [] for y in years}
    per = max(series.hosts_per_edition, 1)
    for year in years:
        if year in overrides:
            o = overrides[year]
            result[year] = [] if o.skipped else list(o.hosts.all())
            continue
        shift = sum(
            1
            for y, o in overrides.items()
            if o.skipped and o.shifts_rotation and series.rotation_start_year <= y < year
        )
        index = (year - series.rotation_start_year - shift) * per
        result[year] = [slots[(index + k) % len(slots)] for k in range(per)]
    return result


# --- Calendar rules ---------------------------------------------------------------------------


@dataclass
class RuleCheck:
    body: Body
    label: str
    kept: bool
    detail: str = ""


def check_rules(
    rule: CalendarRule,
    meetings: list[Meeting],
    year: int,
    *,
    preceded: list[Meeting] | None = None,
    off_days: set[dt.date] | None = None,
) -> list[RuleCheck]:
    """Check one body's meetings of `year` against its rule. `preceded`: meetings of must_precede."""
    body = rule.body
    dated = [m for m in meetings if m.precision == Meeting.Precision.DAY and m.date.year == year]
    checks = []
    minimum = rule.minimum
    if minimum:
        wanted = ngettext("At least %(n)s meeting a year", "At least %(n)s meetings a year", minimum) % {"n": minimum}
        found = ngettext("%(n)s meeting", "%(n)s meetings", len(dated)) % {"n": len(dated)}
        checks.append(RuleCheck(body, wanted, len(dated) >= minimum, found))
    if rule.weekday is not None:
        wrong = [m for m in dated if m.kind == Meeting.Kind.ORDINARY and m.date.weekday() != rule.weekday]
        weekday = dict(rule._meta.get_field("weekday").choices)[rule.weekday]
        checks.append(
            RuleCheck(body, _("Meets on %(day)s") % {"day": str(weekday).lower()}, not wrong, _date_list(wrong))
        )
    if rule.start_time and rule.end_time:
        wrong = [
            m
            for m in dated
            if m.kind == Meeting.Kind.ORDINARY
            and m.start_time is not None
            and (m.start_time != rule.start_time or (m.end_time and m.end_time != rule.end_time))
        ]
        checks.append(
            RuleCheck(
                body,
                _("Meets %(start)s–%(end)s")
                % {"start": rule.start_time.strftime("%H.%M"), "end": rule.end_time.strftime("%H.%M")},
                not wrong,
                _date_list(wrong),
            )
        )
    if rule.must_precede_id and preceded is not None:
        targets = [
            m
            for m in preceded
            if m.precision == Meeting.Precision.DAY and m.date.year == year and m.kind != Meeting.Kind.PLANNING
        ]
        lo, hi = rule.precede_min_days, rule.precede_max_days
        missing = [t for t in targets if not any(lo <= (t.date - m.date).days <= hi for m in dated)]
        checks.append(
            RuleCheck(
                body,
                _("Meets %(lo)s–%(hi)s days before each meeting of %(body)s")
                % {"lo": lo, "hi": hi, "body": rule.must_precede.name},
                not missing,
                _("Not before: %(dates)s") % {"dates": _date_list(missing)} if missing else "",
            )
        )
    if off_days is not None:
        bad = [m for m in dated if m.date in off_days]
        checks.append(RuleCheck(body, _("No meetings on public holidays"), not bad, _date_list(bad)))
    return checks


def _date_list(meetings) -> str:
    from core.formatting import sv_date

    return ", ".join(sv_date(m.date) for m in meetings)


# --- Proposal generator -----------------------------------------------------------------------

MIN_GAP_DAYS = 14  # spread: meetings of one body at least two weeks apart


@dataclass
class ProposedMeeting:
    body: Body
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    host: object = None
    kind: str = Meeting.Kind.ORDINARY


@dataclass
class Proposal:
    year: int
    meetings: list[ProposedMeeting] = field(default_factory=list)

    def for_body(self, body):
        return [m for m in self.meetings if m.body == body]


def _allowed(day: dt.date, year: int, off: set[dt.date], taken: set[dt.date]) -> bool:
    return day.year == year and day.month != 7 and day.weekday() < 5 and day not in off and day not in taken


def _nearest(target: dt.date, weekday: int | None, ok, span: int = 45):
    """The allowed day nearest `target` (on `weekday` if given), searching outwards."""
    for delta in range(span + 1):
        for day in (target - dt.timedelta(days=delta), target + dt.timedelta(days=delta)):
            if (weekday is None or day.weekday() == weekday) and ok(day):
                return day
    return None


def _targets(year: int, n: int) -> list[dt.date]:
    """n target dates spread evenly over the year's working months (July left out)."""
    first, last = dt.date(year, 1, 10), dt.date(year, 12, 15)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days)]
    days = [d for d in days if d.month != 7]
    if n == 1:
        return [days[len(days) // 2]]
    return [days[round(i * (len(days) - 1) / (n - 1))] for i in range(n)]


def generate_proposal(
    cooperation,
    year: int,
    *,
    rules: list[CalendarRule] | None = None,
    off_days: set[dt.date] | None = None,
    members=None,
    start_host_after=None,
) -> Proposal:
    """Propose a year's meetings for every body with a default weekday.

    Keeps: the minimum number; the default weekday and hours; no public holidays (holidays.Sweden,
    incl. the eves) and no July; spread (targets evenly over the working year, meetings of a body at least
    two weeks apart, committee meetings three);
    a body that must precede another meets 1–3 weeks before each of its meetings; rotating hosts go
    round the member municipalities in order, continuing after the last host of the year before.
    """
    if rules is None:
        rules = list(
            CalendarRule.objects.filter(body__cooperation=cooperation, weekday__isnull=False).select_related(
                "body", "must_precede"
            )
        )
    off = swedish_holidays([year]) if off_days is None else set(off_days)
    if members is None:
        members = list(cooperation.current_members(dt.date(year, 1, 1)).order_by("name"))
    proposal = Proposal(year)
    by_body: dict[int, list[ProposedMeeting]] = {}
    preceders = {r.must_precede_id: r for r in rules if r.must_precede_id}
    ordered = sorted(rules, key=lambda r: (r.must_precede_id is not None, r.order))
    for rule in ordered:
        if rule.weekday is None or rule.must_precede_id:
            continue
        pre = preceders.get(rule.body_id)
        n = max(rule.minimum or 0, (pre.minimum or 0) if pre else 0)
        if n == 0:
            continue
        taken: set[dt.date] = set()
        pre_taken: set[dt.date] = set()
        pairs = []
        for target in _targets(year, n):

            def ok(day, taken=taken, pre_taken=pre_taken, pre=pre):
                if not _allowed(day, year, off, taken) or any(abs((day - t).days) < MIN_GAP_DAYS + 7 for t in taken):
                    return False
                if pre is None:
                    return True
                return _pre_slot(pre, day, year, off, pre_taken) is not None

            day = _nearest(target, rule.weekday, ok)
            if day is None:
                raise DomainError(
                    _("No date keeps every rule for %(body)s around %(date)s.")
                    % {"body": rule.body.name, "date": target.isoformat()}
                )
            taken.add(day)
            pre_day = _pre_slot(pre, day, year, off, pre_taken) if pre else None
            if pre_day:
                pre_taken.add(pre_day)
            pairs.append((day, pre_day))
        hosts = _host_cycle(members, len(pairs), start_host_after) if rule.rotate_hosts else [None] * len(pairs)
        for (day, pre_day), host in zip(sorted(pairs), hosts, strict=True):
            pm = ProposedMeeting(rule.body, day, rule.start_time, rule.end_time, host)
            by_body.setdefault(rule.body_id, []).append(pm)
            if pre_day:
                by_body.setdefault(pre.body_id, []).append(
                    ProposedMeeting(pre.body, pre_day, pre.start_time, pre.end_time)
                )
    for rule in ordered:
        proposal.meetings.extend(sorted(by_body.get(rule.body_id, []), key=lambda m: m.date))
    return proposal


def proposal_checks(proposal: Proposal, rules: list[CalendarRule], off_days: set[dt.date] | None = None):
    """Every rule checked against the proposal (the same checks as the calendar page, plus July and spread)."""
    off = swedish_holidays([proposal.year]) if off_days is None else off_days
    as_meetings: dict[int, list[Meeting]] = {}
    for pm in proposal.meetings:
        as_meetings.setdefault(pm.body.pk, []).append(
            Meeting(
                body=pm.body, date=pm.date, start_time=pm.start_time, end_time=pm.end_time, kind=pm.kind, host=pm.host
            )
        )
    checks = []
    for rule in rules:
        own = as_meetings.get(rule.body_id, [])
        preceded = as_meetings.get(rule.must_precede_id, []) if rule.must_precede_id else None
        checks.extend(check_rules(rule, own, proposal.year, preceded=preceded, off_days=off))
        checks.append(RuleCheck(rule.body, _("No meetings in July"), all(m.date.month != 7 for m in own)))
        dates = sorted(m.date for m in own)
        spread = all((b - a).days >= MIN_GAP_DAYS for a, b in zip(dates, dates[1:], strict=False))
        if len(dates) >= 2:
            spread = spread and dates[0].month <= 6 and dates[-1].month >= 8
        checks.append(RuleCheck(rule.body, _("Spread over the year (both halves, at least two weeks apart)"), spread))
        if rule.rotate_hosts:
            counts: dict = {}
            for m in own:
                counts[m.host] = counts.get(m.host, 0) + 1
            fair = not counts or max(counts.values()) - min(counts.values()) <= 1
            checks.append(RuleCheck(rule.body, _("Hosts rotate fairly among the members"), fair))
    return checks


def _pre_slot(pre: CalendarRule, day: dt.date, year: int, off, pre_taken) -> dt.date | None:
    """The latest allowed day on the preceding body's weekday 1–3 weeks before `day`."""
    for back in range(pre.precede_min_days, pre.precede_max_days + 1):
        cand = day - dt.timedelta(days=back)
        if (
            (pre.weekday is None or cand.weekday() == pre.weekday)
            and _allowed(cand, year, off, pre_taken)
            and all(abs((cand - t).days) >= MIN_GAP_DAYS for t in pre_taken)
        ):
            return cand
    return None


def _host_cycle(members, n, start_after=None):
    if not members:
        return [None] * n
    start = 0
    if start_after is not None and start_after in members:
        start = members.index(start_after) + 1
    return [members[(start + i) % len(members)] for i in range(n)]


def last_host_before(body, year):
    m = (
        Meeting.objects.filter(body=body, date__year__lt=year, host__isnull=False)
        .select_related("host")
        .order_by("-date")
        .first()
    )
    return m.host if m else None


@transaction.atomic
def proposal_accept(*, actor, cooperation, year: int) -> list[Meeting]:
    """Create the proposed meetings of `year` (refused if any of those bodies already has meetings)."""
    rules = list(
        CalendarRule.objects.filter(body__cooperation=cooperation, weekday__isnull=False).select_related(
            "body", "must_precede"
        )
    )
    require_permission(actor, "add", Meeting(body=Body(cooperation=cooperation)))
    bodies = [r.body for r in rules]
    if Meeting.objects.filter(body__in=bodies, date__year=year).exists():
        raise DomainError(_("There are already meetings in %(year)s; the proposal was not saved.") % {"year": year})
    start_after = None
    rotating = [r for r in rules if r.rotate_hosts]
    if rotating:
        start_after = last_host_before(rotating[0].body, year)
    proposal = generate_proposal(cooperation, year, rules=rules, start_host_after=start_after)
    created = []
    for pm in proposal.meetings:
        meeting = Meeting(
            body=pm.body,
            date=pm.date,
            start_time=pm.start_time,
            end_time=pm.end_time,
            host=pm.host,
            kind=pm.kind,
            status=Meeting.Status.PUBLISHED,
        )
        require_permission(actor, "add", meeting)
        created.append(audited_save(meeting, actor=actor, action=audit.MEETING_PROPOSED))
    return created


# --- Writes -----------------------------------------------------------------------------------


@transaction.atomic
def meeting_save(*, actor, meeting: Meeting, cooperation=None, reason: str = "") -> Meeting:
    """Create or update a meeting; an update bumps its iCalendar SEQUENCE. `reason`: optional free text."""
    if cooperation is not None and meeting.body.cooperation_id != cooperation.pk:
        raise DomainError(_("The body belongs to another cooperation."))
    if meeting.pk:
        stored = Meeting.objects.select_related("body__cooperation").get(pk=meeting.pk)
        require_permission(actor, "change", stored)
    require_permission(actor, "change" if meeting.pk else "add", meeting)
    if meeting.pk:
        meeting.sequence += 1
    else:
        # A retried or double-clicked create must not give two meetings (issue 11): creates in a body are
        # serialised on the body's row and the same meeting again is refused (API: 409).
        lock(meeting.body)
        refuse_duplicate(
            Meeting.objects.filter(
                body=meeting.body, kind=meeting.kind, date=meeting.date, start_time=meeting.start_time
            ),
            _("%(body)s already has a meeting on %(date)s at that time.")
            % {"body": meeting.body.name, "date": meeting.date},
        )
    action = audit.MEETING_CHANGED if meeting.pk else audit.MEETING_CREATED
    return audited_save(meeting, actor=actor, action=action, reason=reason)


@transaction.atomic
def meeting_delete(*, actor, meeting: Meeting, reason: str = "") -> None:
    """Delete a meeting that has no minutes (minutes are records and keep their meeting)."""
    require_permission(actor, "delete", meeting)
    if meeting.minutes.exists():
        raise DomainError(_("The meeting has minutes and cannot be deleted."))
    audited_delete(meeting, actor=actor, action=audit.MEETING_DELETED, reason=reason)


def _ensure_editable(minutes: Minutes):
    if minutes.pk and Minutes.objects.filter(pk=minutes.pk, status=Minutes.Status.APPROVED).exists():
        raise DomainError(_("Approved minutes are frozen and cannot be changed. Make a correction instead."))


@transaction.atomic
def minutes_save(*, actor, minutes: Minutes, reason: str = "") -> Minutes:
    require_permission(actor, "change" if minutes.pk else "add", minutes)
    _ensure_editable(minutes)
    return audited_save(minutes, actor=actor, action=audit.MINUTES_SAVED, reason=reason)


@transaction.atomic
def paragraph_add(*, actor, minutes: Minutes, number: int | None = None, **fields) -> Paragraph:
    """Add a § to draft minutes; numbers run on per body and calendar year, duplicates are refused."""
    require_permission(actor, "change", minutes)
    _ensure_editable(minutes)
    body = minutes.meeting.body
    year = minutes.meeting.date.year
    if number is None:
        number = (Paragraph.objects.filter(body=body, year=year).aggregate(m=Max("number"))["m"] or 0) + 1
    if Paragraph.objects.filter(body=body, year=year, number=number).exists():
        raise DomainError(
            {
                "number": _("§ %(n)s is already used by %(body)s in %(year)s.")
                % {"n": number, "body": body.name, "year": year}
            }
        )
    paragraph = Paragraph(minutes=minutes, body=body, year=year, number=number, **fields)
    return audited_save(paragraph, actor=actor, action=audit.PARAGRAPH_ADDED)


@transaction.atomic
def attendance_add(*, actor, minutes: Minutes, **fields) -> Attendance:
    require_permission(actor, "change", minutes)
    _ensure_editable(minutes)
    return audited_save(Attendance(minutes=minutes, **fields), actor=actor, action=audit.ATTENDANCE_ADDED)


@transaction.atomic
def minutes_approve(*, actor, minutes: Minutes, approval_date: dt.date, approval_place: str = "") -> Minutes:
    require_permission(actor, "change", minutes)
    _ensure_editable(minutes)
    _check_approval_date(minutes, approval_date)
    minutes.approval_date = approval_date
    if approval_place:
        minutes.approval_place = approval_place
    minutes.status = Minutes.Status.APPROVED
    audited_save(minutes, actor=actor, action=audit.MINUTES_APPROVED)
    meeting = minutes.meeting
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting_save(actor=actor, meeting=meeting)
    return minutes


@transaction.atomic
def minutes_correct(*, actor, minutes: Minutes, reason: str) -> Minutes:
    """A correction of approved minutes: a new draft linked to the original (which stays frozen)."""
    require_permission(actor, "add", minutes)
    if minutes.status != Minutes.Status.APPROVED:
        raise DomainError(_("Only approved minutes are corrected; edit the draft instead."))
    if not reason.strip():
        raise DomainError({"reason": _("Give the reason for the correction.")})
    copy = Minutes(
        meeting=minutes.meeting,
        corrects=minutes,
        secretary=minutes.secretary,
        chair=minutes.chair,
        approvers=minutes.approvers,
        approval_place=minutes.approval_place,
        storage_place=minutes.storage_place,
        is_demo=minutes.is_demo,
    )
    return audited_save(copy, actor=actor, action=audit.MINUTES_CORRECTED, reason=reason)


# --- The calendar's standing data (rules, conference series, rotation, editions) -------------------


def _set_fields(obj, fields: dict) -> bool:
    """Set `fields` on `obj`; True when anything differs from what is stored."""
    changed = obj.pk is None
    for name, value in fields.items():
        if getattr(obj, name, None) != value:  # None: a relation not set yet
            setattr(obj, name, value)
            changed = True
    return changed


@transaction.atomic
def calendar_rule_set(*, actor, body: Body, **fields) -> CalendarRule:
    """Create or change the calendar rule of `body` (weekday, times, minimum, must precede, …)."""
    rule = CalendarRule.objects.filter(body=body).first() or CalendarRule(body=body)
    require_permission(actor, "change" if rule.pk else "add", rule)
    if not _set_fields(rule, fields):
        return rule
    return audited_save(rule, actor=actor, action=audit.CALENDAR_RULE_SET)


@transaction.atomic
def conference_series_set(*, actor, cooperation, slug: str, **fields) -> ConferenceSeries:
    series = ConferenceSeries.objects.filter(cooperation=cooperation, slug=slug).first()
    series = series or ConferenceSeries(cooperation=cooperation, slug=slug)
    require_permission(actor, "change" if series.pk else "add", series)
    if not _set_fields(series, fields):
        return series
    return audited_save(series, actor=actor, action=audit.SERIES_SET)


@transaction.atomic
def rotation_slot_set(*, actor, series: ConferenceSeries, position: int, municipality) -> RotationSlot:
    slot = RotationSlot.objects.filter(series=series, position=position).first()
    slot = slot or RotationSlot(series=series, position=position)
    require_permission(actor, "change" if slot.pk else "add", slot)
    if not _set_fields(slot, {"municipality": municipality}):
        return slot
    return audited_save(slot, actor=actor, action=audit.ROTATION_SET)


@transaction.atomic
def conference_set(*, actor, series: ConferenceSeries, date: dt.date, hosts, **fields) -> Conference:
    """Create or change the edition of `series` on `date`, with its host municipalities."""
    conference = Conference.objects.filter(series=series, date=date).first() or Conference(series=series, date=date)
    require_permission(actor, "change" if conference.pk else "add", conference)
    if _set_fields(conference, fields):
        audited_save(conference, actor=actor, action=audit.CONFERENCE_SET)
    conference.hosts.set(hosts)
    return conference


@transaction.atomic
def meeting_set(*, actor, body: Body, date: dt.date, kind: str, **fields) -> Meeting:
    """Create the meeting of `body` on `date` of `kind`, or change it (through `meeting_save`, which
    bumps its iCalendar SEQUENCE) when a field differs; nothing is written when all are equal."""
    meeting = Meeting.objects.filter(body=body, date=date, kind=kind).first()
    meeting = meeting or Meeting(body=body, date=date, kind=kind)
    if not _set_fields(meeting, fields):
        require_permission(actor, "change", meeting)
        return meeting
    return meeting_save(actor=actor, meeting=meeting)


@transaction.atomic
def minutes_record(*, actor, meeting: Meeting, paragraphs=(), attendance=(), **fields) -> Minutes:
    """Record minutes kept elsewhere (e.g. an archived, already approved protocol) in one go: the
    minutes as given, their §§ (dicts of Paragraph fields with `number`) and attendance rows."""
    status = fields.pop("status", Minutes.Status.DRAFT)
    minutes = Minutes(meeting=meeting, **fields)
    require_permission(actor, "add", minutes)
    audited_save(minutes, actor=actor, action=audit.MINUTES_RECORDED)
    body, year = meeting.body, meeting.date.year
    for values in paragraphs:
        if Paragraph.objects.filter(body=body, year=year, number=values["number"]).exists():
            raise DomainError(
                {
                    "number": _("§ %(n)s is already used by %(body)s in %(year)s.")
                    % {"n": values["number"], "body": body.name, "year": year}
                }
            )
        audited_save(
            Paragraph(minutes=minutes, body=body, year=year, **values), actor=actor, action=audit.PARAGRAPH_ADDED
        )
    for order, values in enumerate(attendance):
        audited_save(Attendance(minutes=minutes, order=order, **values), actor=actor, action=audit.ATTENDANCE_ADDED)
    if status != minutes.status:  # approved last: approved minutes take no more paragraphs or attendance
        minutes.status = status
        audited_save(minutes, actor=actor, action=audit.MINUTES_RECORDED)
    return minutes


# --- Meeting work: lifecycle, agenda, papers, notice, minutes editor, approval, extracts -----------------
#
# Lifecycle: draft → published → notice sent → held → minutes approved → notice of approval posted
# (bodies following Kommunallagen only) → archived; cancel (published or notice sent) and reschedule keep the
# meeting's UID and bump its SEQUENCE, so calendars that subscribed update (STATUS:CANCELLED for a cancellation).

S = Meeting.Status
#: Transition name → (states it may start from, state it leads to, audit code).
TRANSITIONS = {
    "publish": ({S.DRAFT}, S.PUBLISHED, audit.MEETING_PUBLISHED),
    "hold": ({S.PUBLISHED, S.NOTICE_SENT}, S.HELD, audit.MEETING_HELD),
    "cancel": ({S.PUBLISHED, S.NOTICE_SENT}, S.CANCELLED, audit.MEETING_CANCELLED),
    "archive": ({S.MINUTES_APPROVED, S.NOTICE_POSTED}, S.ARCHIVED, audit.MEETING_ARCHIVED),
}
#: States in which the agenda may change (before the meeting is held).
AGENDA_OPEN = {S.DRAFT, S.PUBLISHED, S.NOTICE_SENT}
#: States in which minutes may be started.
MINUTES_OPEN = {S.PUBLISHED, S.NOTICE_SENT, S.HELD}
#: Membership roles that take part in decisions (voting members) and their substitutes.
VOTING_ROLES = (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR, Membership.Role.MEMBER)
RECIPIENT_ROLES = (*VOTING_ROLES, Membership.Role.SUBSTITUTE)


def follows_kommunallagen(body) -> bool:
    rule = CalendarRule.objects.filter(body=body).first()
    return bool(rule and rule.follows_kommunallagen)


def allowed_transitions(meeting: Meeting) -> list[str]:
    names = [name for name, (sources, _target, _code) in TRANSITIONS.items() if meeting.status in sources]
    if "archive" in names and meeting.status == S.MINUTES_APPROVED and follows_kommunallagen(meeting.body):
        names.remove("archive")  # a Kommunallagen body's minutes are archived after the notice of approval
    return names


def _save_meeting(meeting, *, actor, action, reason=""):
    meeting.sequence += 1
    return audited_save(meeting, actor=actor, action=action, reason=reason)


@transaction.atomic
def meeting_create(*, actor, body: Body, date: dt.date, kind: str = Meeting.Kind.ORDINARY, **fields) -> Meeting:
    """A new meeting, always as a draft: visible to the cooperation's staff only until it is published."""
    meeting = Meeting(body=body, date=date, kind=kind, status=S.DRAFT, **fields)
    require_permission(actor, "add", meeting)
    return audited_save(meeting, actor=actor, action=audit.MEETING_CREATED)


@transaction.atomic
def meeting_transition(*, actor, meeting: Meeting, transition: str, reason: str = "") -> Meeting:
    """Move `meeting` along its lifecycle (publish, hold, cancel, archive); other moves are refused."""
    meeting = Meeting.objects.select_for_update().select_related("body__cooperation").get(pk=meeting.pk)
    require_permission(actor, "change", meeting)
    if transition not in TRANSITIONS:
        raise DomainError(_("Unknown step."))
    if transition not in allowed_transitions(meeting):
        raise DomainError(
            _("The meeting cannot be %(step)s when its status is '%(status)s'.")
            % {"step": transition_label(transition), "status": meeting.get_status_display()}
        )
    if transition == "cancel" and not reason.strip():
        raise DomainError({"reason": _("Give the reason for the cancellation.")})
    if transition == "hold" and meeting.date > timezone.localdate():
        raise DomainError(_("A meeting cannot be marked as held before its day."))
    _sources, target, code = TRANSITIONS[transition]
    meeting.status = target
    return _save_meeting(meeting, actor=actor, action=code, reason=reason)


def transition_label(transition: str) -> str:
    return {
        "publish": pgettext("meeting step", "published"),
        "hold": pgettext("meeting step", "marked as held"),
        "cancel": pgettext("meeting step", "cancelled"),
        "archive": pgettext("meeting step", "archived"),
    }.get(transition, transition)


@transaction.atomic
def meeting_reschedule(
    *,
    actor,
    meeting: Meeting,
    date: dt.date,
    start_time=None,
    end_time=None,
    location: str | None = None,
    reason: str = "",
) -> Meeting:
    """A new day, time or place for a meeting not yet held: the same UID with a higher SEQUENCE. After a notice
    the page offers to send it again, saying what changed."""
    meeting = Meeting.objects.select_for_update().select_related("body__cooperation").get(pk=meeting.pk)
    require_permission(actor, "change", meeting)
    if meeting.status not in AGENDA_OPEN:
        raise DomainError(_("Only a meeting that has not been held or cancelled can be moved."))
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    if location is not None:
        meeting.location = location
    return _save_meeting(meeting, actor=actor, action=audit.MEETING_RESCHEDULED, reason=reason)


# --- Agenda ---


def _agenda_open(meeting: Meeting):
    if meeting.status not in AGENDA_OPEN:
        raise DomainError(_("The agenda can no longer be changed: the meeting has been held or cancelled."))


def _next_number(qs) -> int:
    return (qs.aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def agenda_item_save(*, actor, item: AgendaItem) -> AgendaItem:
    """Create or change an agenda item; a new item without a number goes last; a number clash is refused."""
    meeting = Meeting.objects.select_for_update().select_related("body__cooperation").get(pk=item.meeting_id)
    require_permission(actor, "change" if item.pk else "add", item)
    _agenda_open(meeting)
    if not item.number:
        item.number = _next_number(AgendaItem.objects.filter(meeting=meeting))
    if AgendaItem.objects.filter(meeting=meeting, number=item.number).exclude(pk=item.pk).exists():
        raise DomainError({"number": _("Item %(n)s is already on the agenda.") % {"n": item.number}})
    return audited_save(item, actor=actor, action=audit.AGENDA_ITEM_SAVED)


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    require_permission(actor, "delete", item)
    _agenda_open(item.meeting)
    audited_delete(item, actor=actor, action=audit.AGENDA_ITEM_DELETED)


def _swap_numbers(a, b, *, actor, action):
    """Swap the numbers of two rows under a (parent, number) unique constraint (through a free number)."""
    a_number, b_number = a.number, b.number
    a.number = 30000 + (a.pk % 2000)
    audited_save(a, actor=actor, action=action, validate=False)
    b.number = a_number
    audited_save(b, actor=actor, action=action, validate=False)
    a.number = b_number
    audited_save(a, actor=actor, action=action, validate=False)


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, up: bool) -> AgendaItem:
    """Move an item one place up or down (it swaps number with its neighbour)."""
    require_permission(actor, "change", item)
    _agenda_open(item.meeting)
    siblings = AgendaItem.objects.filter(meeting_id=item.meeting_id)
    neighbour = (
        siblings.filter(number__lt=item.number).order_by("-number")
        if up
        else siblings.filter(number__gt=item.number).order_by("number")
    ).first()
    if neighbour is None:
        return item
    _swap_numbers(item, neighbour, actor=actor, action=audit.AGENDA_ITEM_MOVED)
    return item


def forward_target(item: AgendaItem) -> Meeting | None:
    """The meeting an item of a preparing body (the management group) goes to: the next meeting, on or after this
    one, of the body its calendar rule says it meets before (the committee), not cancelled or held."""
    rule = CalendarRule.objects.filter(body_id=item.meeting.body_id).select_related("must_precede").first()
    if rule is None or rule.must_precede_id is None:
        return None
    return (
        Meeting.objects.filter(body_id=rule.must_precede_id, date__gte=item.meeting.date, status__in=AGENDA_OPEN)
        .order_by("date", "start_time")
        .first()
    )


@transaction.atomic
def agenda_item_forward(*, actor, item: AgendaItem, target: Meeting | None = None) -> AgendaItem:
    """Put a prepared item on the agenda of the body it prepares for; the two items link to each other and the
    papers go along."""
    require_permission(actor, "change", item)
    target = target or forward_target(item)
    if target is None:
        raise DomainError(_("There is no coming meeting to forward the item to."))
    require_permission(actor, "change", target)
    if target.body.cooperation_id != item.meeting.body.cooperation_id:
        raise DomainError(_("The body belongs to another cooperation."))
    if AgendaItem.objects.filter(forwarded_from=item).exists():
        raise DomainError(_("The item has already been forwarded."))
    _agenda_open(target)
    copy = AgendaItem(
        meeting=target,
        title=item.title,
        case_number=item.case_number,
        rapporteur=item.rapporteur,
        proposal=item.proposal,
        forwarded_from=item,
    )
    agenda_item_save(actor=actor, item=copy)
    for paper in item.papers.all():
        clone = AgendaPaper(item=copy, name=paper.name, content_type=paper.content_type, size=paper.size)
        with paper.file.open("rb") as fh:
            clone.file.save(paper.name, ContentFile(fh.read()), save=False)
        audited_save(clone, actor=actor, action=audit.PAPER_ADDED, validate=False)
    copy.refresh_from_db()
    return copy


PAPER_MAX_BYTES = 20 * 1024 * 1024


def check_paper(upload, *, max_bytes: int = PAPER_MAX_BYTES) -> str:
    """The content type of an uploaded paper, judged by its content (core.uploads): a readable PDF or Word (DOCX)
    file no larger than `max_bytes`; anything else is refused with a Swedish message."""
    from core import uploads

    try:
        kind = uploads.validate_upload(upload, kinds=(uploads.PDF, uploads.DOCX), max_bytes=max_bytes)
    except ValidationError as exc:
        raise DomainError({"file": exc.messages}) from None
    if kind is None:
        raise DomainError({"file": _("The file is empty.")})
    upload.seek(0)
    return uploads.CONTENT_TYPES[kind]


@transaction.atomic
def agenda_paper_add(*, actor, item: AgendaItem, upload) -> AgendaPaper:
    require_permission(actor, "change", item)
    _agenda_open(item.meeting)
    content_type = check_paper(upload)
    name = (upload.name or "handling").rsplit("/", 1)[-1][:200]
    paper = AgendaPaper(item=item, name=name, content_type=content_type, size=upload.size)
    require_permission(actor, "add", paper)
    paper.file.save(name, upload, save=False)
    return audited_save(paper, actor=actor, action=audit.PAPER_ADDED, validate=False)


@transaction.atomic
def agenda_paper_delete(*, actor, paper: AgendaPaper) -> None:
    require_permission(actor, "delete", paper)
    _agenda_open(paper.item.meeting)
    audited_delete(paper, actor=actor, action=audit.PAPER_DELETED)


# --- Notice (kallelse) ---


def notice_recipients(meeting: Meeting, on: dt.date | None = None) -> list[Membership]:
    """The body's current members and substitutes (one row a person), with their e-mail addresses."""
    on = on or timezone.localdate()
    rows = (
        Membership.objects.current_on(on)
        .filter(body=meeting.body, role__in=RECIPIENT_ROLES)
        .select_related("person")
        .order_by("person__name")
    )
    seen, result = set(), []
    for row in rows:
        if row.person_id not in seen:
            seen.add(row.person_id)
            result.append(row)
    return result


def notice_snapshot(meeting: Meeting) -> dict:
    """What a notice says, to tell what changed between two notices."""
    return {
        "date": meeting.date.isoformat(),
        "start": meeting.start_time.isoformat() if meeting.start_time else "",
        "end": meeting.end_time.isoformat() if meeting.end_time else "",
        "location": meeting.location,
        "items": [f"{i.number}. {i.title}" for i in meeting.agenda_items.all().order_by("number")],
        "papers": sorted(p.name for p in AgendaPaper.objects.filter(item__meeting=meeting)),
    }


def notice_changes(before: dict, after: dict) -> list[str]:
    """Swedish lines saying what differs between two notices' snapshots."""
    from core.formatting import sv_date

    lines = []
    if before.get("date") != after["date"]:
        new, old = dt.date.fromisoformat(after["date"]), dt.date.fromisoformat(before["date"])
        lines.append(_("New date: %(date)s (was %(old)s).") % {"date": sv_date(new), "old": sv_date(old)})
    if (before.get("start"), before.get("end")) != (after["start"], after["end"]):
        lines.append(_("New time: %(start)s–%(end)s.") % {"start": after["start"][:5], "end": after["end"][:5]})
    if before.get("location") != after["location"]:
        lines.append(_("New place: %(place)s.") % {"place": after["location"] or "–"})
    added = [x for x in after["items"] if x not in before.get("items", [])]
    removed = [x for x in before.get("items", []) if x not in after["items"]]
    if added:
        lines.append(_("New on the agenda: %(items)s.") % {"items": "; ".join(added)})
    if removed:
        lines.append(_("Removed from the agenda: %(items)s.") % {"items": "; ".join(removed)})
    new_papers = [x for x in after["papers"] if x not in before.get("papers", [])]
    if new_papers:
        lines.append(_("New papers: %(papers)s.") % {"papers": ", ".join(new_papers)})
    return lines


def _send(messages) -> None:
    from django.core.mail import get_connection

    try:
        with get_connection() as connection:
            connection.send_messages(messages)
    except OSError as exc:  # SMTP errors are OSErrors: nothing is recorded as sent
        raise DomainError(
            _("The e-mail could not be sent (%(error)s); nothing was recorded.") % {"error": exc.__class__.__name__}
        ) from exc


@transaction.atomic
def notice_send(*, actor, meeting: Meeting) -> Dispatch:
    """E-mail the notice (kallelse) to the body's current members and substitutes: the agenda as PDF with the
    papers listed, and an .ics invitation (METHOD:REQUEST). Records who was sent what, when; a notice after an
    earlier one says what changed. Refused for a draft or cancelled meeting."""
    from django.core.mail import EmailMessage

    from meetings import documents, ical

    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body__cooperation", "host").get(pk=meeting.pk)
    )
    require_permission(actor, "change", meeting)
    dispatch = Dispatch(
        meeting=meeting,
        kind=Dispatch.Kind.NOTICE,
        sent_at=timezone.now(),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    require_permission(actor, "add", dispatch)
    if meeting.status not in (S.PUBLISHED, S.NOTICE_SENT):
        raise DomainError(_("A notice can only be sent for a published meeting that has not been held."))
    recipients = [r for r in notice_recipients(meeting) if r.person.email]
    if not recipients:
        raise DomainError(_("None of the body's members or substitutes has an e-mail address."))
    snapshot = notice_snapshot(meeting)
    previous = meeting.dispatches.filter(kind=Dispatch.Kind.NOTICE).order_by("-sent_at", "-pk").first()
    changes = notice_changes(previous.snapshot, snapshot) if previous else []
    pdf = documents.agenda_pdf(meeting)
    invitation = ical.invitation(meeting, [(r.person.name, r.person.email) for r in recipients])
    from core.formatting import sv_date

    subject = (_("Notice: %(body)s %(date)s") if previous is None else _("Changed notice: %(body)s %(date)s")) % {
        "body": meeting.body.name,
        "date": sv_date(meeting.date),
    }
    text = documents.notice_text(meeting, changes)
    pdf_name = f"kallelse-{meeting.body.slug}-{meeting.date.isoformat()}.pdf"
    messages = []
    for r in recipients:
        message = EmailMessage(subject, text, to=[f"{r.person.name} <{r.person.email}>"])
        message.attach(pdf_name, pdf, "application/pdf")
        message.attach("inbjudan.ics", invitation, "text/calendar; method=REQUEST; charset=utf-8")
        messages.append(message)
    dispatch.subject = subject
    dispatch.changes = "\n".join(changes)
    dispatch.recipients = [
        {"name": r.person.name, "email": r.person.email, "role": r.get_role_display()} for r in recipients
    ]
    dispatch.attachments = [pdf_name, "inbjudan.ics"]
    dispatch.snapshot = snapshot
    audited_save(dispatch, actor=actor, action=audit.NOTICE_SENT)
    if meeting.status == S.PUBLISHED:
        meeting.status = S.NOTICE_SENT
        audited_save(meeting, actor=actor, action=audit.NOTICE_SENT)
    _send(messages)
    return dispatch


# --- Minutes editor ---


def _category_for(role: str) -> str:
    if role in VOTING_ROLES:
        return Attendance.Category.VOTING
    if role == Membership.Role.SUBSTITUTE:
        return Attendance.Category.SUBSTITUTE
    return Attendance.Category.OTHER


def next_paragraph_number(body, year: int, *, exclude_minutes=None) -> int:
    qs = Paragraph.objects.filter(body=body, year=year)
    if exclude_minutes is not None:
        qs = qs.exclude(minutes=exclude_minutes)
    return _next_number(qs)


@transaction.atomic
def minutes_start(*, actor, meeting: Meeting) -> Minutes:
    """Draft minutes for a meeting: attendance from the body's memberships on the meeting day, chair and secretary
    from those roles, one paragraph per agenda item numbered on from the body's last § of the calendar year."""
    meeting = Meeting.objects.select_for_update().select_related("body__cooperation").get(pk=meeting.pk)
    minutes = Minutes(meeting=meeting)
    require_permission(actor, "add", minutes)
    if meeting.status not in MINUTES_OPEN:
        raise DomainError(_("Minutes can only be written for a published meeting that has not been cancelled."))
    if meeting.minutes.filter(corrects__isnull=True).exists():
        raise DomainError(_("The meeting already has minutes."))
    members = list(
        Membership.objects.current_on(meeting.date)
        .filter(body=meeting.body)
        .select_related("person", "municipality")
        .order_by("role", "person__name")
    )
    order = {r: i for i, r in enumerate([*VOTING_ROLES, Membership.Role.SUBSTITUTE])}
    members.sort(key=lambda m: (order.get(m.role, 99), m.person.name))
    minutes.chair = next((m.person.name for m in members if m.role == Membership.Role.CHAIR), "")
    minutes.secretary = next((m.person.name for m in members if m.role == Membership.Role.SECRETARY), "")
    audited_save(minutes, actor=actor, action=audit.MINUTES_STARTED)
    seen = set()
    for index, m in enumerate(members):
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        audited_save(
            Attendance(
                minutes=minutes,
                person=m.person,
                category=_category_for(m.role),
                name=m.person.name,
                municipality=m.municipality,
                role=m.get_role_display(),
                order=index,
            ),
            actor=actor,
            action=audit.ATTENDANCE_ADDED,
        )
    number = next_paragraph_number(meeting.body, meeting.date.year)
    for item in meeting.agenda_items.order_by("number"):
        audited_save(
            Paragraph(
                minutes=minutes,
                body=meeting.body,
                year=meeting.date.year,
                number=number,
                case_number=item.case_number,
                title=item.title,
                proposal=item.proposal,
            ),
            actor=actor,
            action=audit.PARAGRAPH_ADDED,
        )
        number += 1
    return minutes


def _draft(minutes: Minutes, actor) -> Minutes:
    require_permission(actor, "change", minutes)
    _ensure_editable(minutes)
    return minutes


@transaction.atomic
def paragraph_update(*, actor, paragraph: Paragraph, **fields) -> Paragraph:
    """Change a § of draft minutes (number, case number, title, text, decision); a number clash is refused."""
    _draft(paragraph.minutes, actor)
    require_permission(actor, "change", paragraph)
    allowed = {
        "number",
        "case_number",
        "title",
        "proposal_heading",
        "proposal",
        "description",
        "decision",
        "attachments",
    }
    for name, value in fields.items():
        if name not in allowed:
            raise DomainError(_("Unknown field."))
        setattr(paragraph, name, value)
    if (
        Paragraph.objects.filter(body=paragraph.body, year=paragraph.year, number=paragraph.number)
        .exclude(pk=paragraph.pk)
        .exists()
    ):
        raise DomainError(
            {
                "number": _("§ %(n)s is already used by %(body)s in %(year)s.")
                % {"n": paragraph.number, "body": paragraph.body.name, "year": paragraph.year}
            }
        )
    return audited_save(paragraph, actor=actor, action=audit.PARAGRAPH_CHANGED)


@transaction.atomic
def paragraph_delete(*, actor, paragraph: Paragraph) -> None:
    _draft(paragraph.minutes, actor)
    require_permission(actor, "delete", paragraph)
    audited_delete(paragraph, actor=actor, action=audit.PARAGRAPH_DELETED)


@transaction.atomic
def paragraph_move(*, actor, paragraph: Paragraph, up: bool) -> Paragraph:
    """Move a § one place up or down in its minutes (it swaps numbers with its neighbour)."""
    _draft(paragraph.minutes, actor)
    siblings = Paragraph.objects.filter(minutes_id=paragraph.minutes_id)
    neighbour = (
        siblings.filter(number__lt=paragraph.number).order_by("-number")
        if up
        else siblings.filter(number__gt=paragraph.number).order_by("number")
    ).first()
    if neighbour is not None:
        _swap_numbers(paragraph, neighbour, actor=actor, action=audit.PARAGRAPHS_RENUMBERED)
    return paragraph


@transaction.atomic
def paragraphs_renumber(*, actor, minutes: Minutes) -> list[Paragraph]:
    """Number the minutes' §§ without gaps in their present order, on from the body's last § of the year in other
    minutes."""
    _draft(minutes, actor)
    meeting = minutes.meeting
    paragraphs = list(minutes.paragraphs.order_by("number"))
    start = next_paragraph_number(meeting.body, meeting.date.year, exclude_minutes=minutes)
    wanted = list(range(start, start + len(paragraphs)))
    clash = (
        Paragraph.objects.filter(body=meeting.body, year=meeting.date.year, number__in=wanted)
        .exclude(minutes=minutes)
        .first()
    )
    if clash is not None:
        raise DomainError(
            {
                "number": _("§ %(n)s is already used by %(body)s in %(year)s.")
                % {"n": clash.number, "body": meeting.body.name, "year": meeting.date.year}
            }
        )
    for p in paragraphs:  # through free numbers first: the unique constraint holds at every step
        p.number = 30000 + paragraphs.index(p)
        audited_save(p, actor=actor, action=audit.PARAGRAPHS_RENUMBERED, validate=False)
    for p, number in zip(paragraphs, wanted, strict=True):
        p.number = number
        audited_save(p, actor=actor, action=audit.PARAGRAPHS_RENUMBERED, validate=False)
    return paragraphs


ATTENDANCE_FIELDS = {"category", "name", "party", "role", "replaces", "order"}


@transaction.atomic
def attendance_update(*, actor, row: Attendance, **fields) -> Attendance:
    _draft(row.minutes, actor)
    require_permission(actor, "change", row)
    for name, value in fields.items():
        if name not in ATTENDANCE_FIELDS:
            raise DomainError(_("Unknown field."))
        setattr(row, name, value)
    if row.category == Attendance.Category.ACTING and not row.replaces.strip():
        raise DomainError({"replaces": _("Say whom the acting substitute replaces.")})
    if row.category != Attendance.Category.ACTING:
        row.replaces = ""
    return audited_save(row, actor=actor, action=audit.ATTENDANCE_CHANGED)


@transaction.atomic
def attendance_delete(*, actor, row: Attendance) -> None:
    _draft(row.minutes, actor)
    require_permission(actor, "delete", row)
    audited_delete(row, actor=actor, action=audit.ATTENDANCE_DELETED)


@transaction.atomic
def minutes_update(*, actor, minutes: Minutes, **fields) -> Minutes:
    """Change the draft minutes' head: chair, secretary, approval place, where they are kept."""
    _draft(minutes, actor)
    for name, value in fields.items():
        if name not in {"chair", "secretary", "approval_place", "storage_place"}:
            raise DomainError(_("Unknown field."))
        setattr(minutes, name, value)
    return audited_save(minutes, actor=actor, action=audit.MINUTES_SAVED)


def eligible_approvers(minutes: Minutes):
    """The people who may approve: voting members and substitutes of the body on the meeting day."""
    meeting = minutes.meeting
    ids = (
        Membership.objects.current_on(meeting.date)
        .filter(body=meeting.body, role__in=RECIPIENT_ROLES)
        .values("person_id")
    )
    return Person.objects.filter(pk__in=ids).order_by("name")


@transaction.atomic
def minutes_set_approvers(*, actor, minutes: Minutes, people: list[Person]) -> list[MinutesApprover]:
    """Choose the one or two approvers (justerare): members or substitutes of the body on the meeting day."""
    _draft(minutes, actor)
    people = list(people)
    if not 1 <= len(people) <= 2 or len({p.pk for p in people}) != len(people):
        raise DomainError({"approvers": _("Choose one or two different approvers.")})
    eligible = set(eligible_approvers(minutes).values_list("pk", flat=True))
    for p in people:
        if p.pk not in eligible:
            raise DomainError(
                {
                    "approvers": _("%(name)s is not a member of %(body)s on the day of the meeting.")
                    % {"name": p.name, "body": minutes.meeting.body.name}
                }
            )
    if minutes.approver_rows.filter(approved_on__isnull=False).exists():
        raise DomainError({"approvers": _("An approver has already approved; the approvers cannot change.")})
    for row in minutes.approver_rows.all():
        audited_delete(row, actor=actor, action=audit.APPROVER_REMOVED)
    rows = []
    for order, person in enumerate(people):
        row = MinutesApprover(minutes=minutes, person=person, order=order)
        rows.append(audited_save(row, actor=actor, action=audit.APPROVER_SET))
    minutes.approvers = ", ".join(p.name for p in people)
    audited_save(minutes, actor=actor, action=audit.MINUTES_SAVED)
    return rows


def _check_approval_date(minutes: Minutes, day: dt.date):
    if day < minutes.meeting.date:
        raise DomainError({"approval_date": _("The minutes cannot be approved before the meeting.")})
    if day > timezone.localdate():
        raise DomainError({"approval_date": _("The approval date cannot lie in the future.")})


@transaction.atomic
def minutes_approval_record(*, actor, row: MinutesApprover, approved_on: dt.date | None = None) -> MinutesApprover:
    """An approver records their own approval (justering) while signed in. When every approver has, the minutes
    are approved (and frozen) with the date of the last approval, and the meeting's status follows."""
    from meetings.rules import APPROVE

    row = MinutesApprover.objects.select_for_update().select_related("person", "minutes__meeting__body").get(pk=row.pk)
    require_permission(actor, APPROVE, row)
    minutes = row.minutes
    _ensure_editable(minutes)
    if row.approved_on is not None:
        raise DomainError(_("You have already approved these minutes."))
    if not minutes.paragraphs.exists():
        raise DomainError(_("Minutes without paragraphs cannot be approved."))
    day = approved_on or timezone.localdate()
    _check_approval_date(minutes, day)
    row.approved_on, row.approved_at, row.approved_by = day, timezone.now(), actor
    audited_save(row, actor=actor, action=audit.APPROVAL_RECORDED)
    rows = list(minutes.approver_rows.all())
    if all(r.approved_on for r in rows):
        minutes.approval_date = max(r.approved_on for r in rows)
        minutes.status = Minutes.Status.APPROVED
        audited_save(minutes, actor=actor, action=audit.MINUTES_APPROVED)
        meeting = minutes.meeting
        meeting.status = S.MINUTES_APPROVED
        _save_meeting(meeting, actor=actor, action=audit.MINUTES_APPROVED)
    return row


@transaction.atomic
def minutes_notice_post(
    *,
    actor,
    minutes: Minutes,
    posted_on: dt.date,
    last_posting_on: dt.date | None = None,
    storage_place: str | None = None,
) -> Minutes:
    """Record the notice of approval (anslag) of approved minutes of a body that follows Kommunallagen: the day
    it was put up; the take-down day is computed from the appeal period."""
    require_permission(actor, "change", minutes)
    meeting = minutes.meeting
    if not follows_kommunallagen(meeting.body):
        raise DomainError(
            _("%(body)s does not follow Kommunallagen: there is no notice of approval to record.")
            % {"body": meeting.body.name}
        )
    if not minutes.is_approved:
        raise DomainError(_("The notice of approval is recorded after the minutes are approved."))
    if posted_on < minutes.approval_date:
        raise DomainError({"notice_posted_on": _("The notice cannot be put up before the approval.")})
    if posted_on > timezone.localdate():
        raise DomainError({"notice_posted_on": _("The notice cannot be put up in the future.")})
    if last_posting_on is not None and last_posting_on < posted_on:
        raise DomainError({"last_posting_on": _("The last posting cannot precede the first.")})
    minutes.notice_posted_on, minutes.last_posting_on = posted_on, last_posting_on
    if storage_place is not None:
        minutes.storage_place = storage_place
    minutes.notice_taken_down_on = statutory_dates(
        meeting.date, minutes.approval_date, posted_on, last_posting_on
    ).earliest_take_down
    audited_save(minutes, actor=actor, action=audit.NOTICE_OF_APPROVAL_POSTED)
    if meeting.status == S.MINUTES_APPROVED:
        meeting.status = S.NOTICE_POSTED
        _save_meeting(meeting, actor=actor, action=audit.NOTICE_OF_APPROVAL_POSTED)
    return minutes
