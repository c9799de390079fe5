"""Business rules of the meetings app: statutory dates, rotation, calendar rules, the proposal
generator and the write services (keyword-only, atomic, audited, Swedish errors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import holidays as holidays_lib
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.errors import DomainError
from core.services import audited_delete, audited_save, lock, refuse_duplicate, require_permission
from meetings import audit
from meetings.models import (
    Attendance,
    CalendarRule,
    Conference,
    ConferenceSeries,
    Meeting,
    Minutes,
    Paragraph,
    RotationSlot,
)
from organisations.models import Body

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


def statutory_dates(meeting_date: dt.date, approval_date: dt.date | None = None,
                    notice_posted_on: dt.date | None = None, last_posting_on: dt.date | None = None) -> StatutoryDates:
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
    return StatutoryDates(approval_deadline, notice_deadline, appeal_from, appeal_ends,
                          appeal_ends + dt.timedelta(days=1))


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
        shift = sum(1 for y, o in overrides.items() if o.skipped and o.shifts_rotation
                    and series.rotation_start_year <= y < year)
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


def check_rules(rule: CalendarRule, meetings: list[Meeting], year: int, *, preceded: list[Meeting] | None = None,
                off_days: set[dt.date] | None = None) -> list[RuleCheck]:
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
        checks.append(RuleCheck(body, _("Meets on %(day)s") % {"day": str(weekday).lower()}, not wrong,
                                _date_list(wrong)))
    if rule.start_time and rule.end_time:
        wrong = [m for m in dated if m.kind == Meeting.Kind.ORDINARY and m.start_time is not None
                 and (m.start_time != rule.start_time or (m.end_time and m.end_time != rule.end_time))]
        checks.append(RuleCheck(
            body, _("Meets %(start)s–%(end)s") % {"start": rule.start_time.strftime("%H.%M"),
                                                 "end": rule.end_time.strftime("%H.%M")},
            not wrong, _date_list(wrong)))
    if rule.must_precede_id and preceded is not None:
        targets = [m for m in preceded if m.precision == Meeting.Precision.DAY and m.date.year == year
                   and m.kind != Meeting.Kind.PLANNING]
        lo, hi = rule.precede_min_days, rule.precede_max_days
        missing = [t for t in targets if not any(lo <= (t.date - m.date).days <= hi for m in dated)]
        checks.append(RuleCheck(
            body, _("Meets %(lo)s–%(hi)s days before each meeting of %(body)s")
            % {"lo": lo, "hi": hi, "body": rule.must_precede.name},
            not missing, _("Not before: %(dates)s") % {"dates": _date_list(missing)} if missing else ""))
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


def generate_proposal(cooperation, year: int, *, rules: list[CalendarRule] | None = None,
                      off_days: set[dt.date] | None = None, members=None, start_host_after=None) -> Proposal:
    """Propose a year's meetings for every body with a default weekday.

    Keeps: the minimum number; the default weekday and hours; no public holidays (holidays.Sweden,
    incl. the eves) and no July; spread (targets evenly over the working year, meetings of a body at least
    two weeks apart, committee meetings three);
    a body that must precede another meets 1–3 weeks before each of its meetings; rotating hosts go
    round the member municipalities in order, continuing after the last host of the year before.
    """
    if rules is None:
        rules = list(CalendarRule.objects.filter(body__cooperation=cooperation, weekday__isnull=False)
                     .select_related("body", "must_precede"))
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
                raise DomainError(_("No date keeps every rule for %(body)s around %(date)s.")
                                  % {"body": rule.body.name, "date": target.isoformat()})
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
                    ProposedMeeting(pre.body, pre_day, pre.start_time, pre.end_time))
    for rule in ordered:
        proposal.meetings.extend(sorted(by_body.get(rule.body_id, []), key=lambda m: m.date))
    return proposal


def proposal_checks(proposal: Proposal, rules: list[CalendarRule], off_days: set[dt.date] | None = None):
    """Every rule checked against the proposal (the same checks as the calendar page, plus July and spread)."""
    off = swedish_holidays([proposal.year]) if off_days is None else off_days
    as_meetings: dict[int, list[Meeting]] = {}
    for pm in proposal.meetings:
        as_meetings.setdefault(pm.body.pk, []).append(Meeting(
            body=pm.body, date=pm.date, start_time=pm.start_time, end_time=pm.end_time, kind=pm.kind, host=pm.host))
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
        checks.append(RuleCheck(rule.body, _("Spread over the year (both halves, at least two weeks apart)"),
                                spread))
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
        if ((pre.weekday is None or cand.weekday() == pre.weekday) and _allowed(cand, year, off, pre_taken)
                and all(abs((cand - t).days) >= MIN_GAP_DAYS for t in pre_taken)):
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
    m = (Meeting.objects.filter(body=body, date__year__lt=year, host__isnull=False)
         .select_related("host").order_by("-date").first())
    return m.host if m else None


@transaction.atomic
def proposal_accept(*, actor, cooperation, year: int) -> list[Meeting]:
    """Create the proposed meetings of `year` (refused if any of those bodies already has meetings)."""
    rules = list(CalendarRule.objects.filter(body__cooperation=cooperation, weekday__isnull=False)
                 .select_related("body", "must_precede"))
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
        meeting = Meeting(body=pm.body, date=pm.date, start_time=pm.start_time, end_time=pm.end_time, host=pm.host,
                          kind=pm.kind)
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
            Meeting.objects.filter(body=meeting.body, kind=meeting.kind, date=meeting.date,
                                   start_time=meeting.start_time),
            _("%(body)s already has a meeting on %(date)s at that time.") % {
                "body": meeting.body.name, "date": meeting.date},
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
        raise DomainError({"number": _("§ %(n)s is already used by %(body)s in %(year)s.")
                           % {"n": number, "body": body.name, "year": year}})
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
    if approval_date < minutes.meeting.date:
        raise DomainError({"approval_date": _("The minutes cannot be approved before the meeting.")})
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
    copy = Minutes(meeting=minutes.meeting, corrects=minutes, secretary=minutes.secretary, chair=minutes.chair,
                   approvers=minutes.approvers, approval_place=minutes.approval_place,
                   storage_place=minutes.storage_place, is_demo=minutes.is_demo)
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
    minutes = Minutes(meeting=meeting, **fields)
    require_permission(actor, "add", minutes)
    audited_save(minutes, actor=actor, action=audit.MINUTES_RECORDED)
    body, year = meeting.body, meeting.date.year
    for values in paragraphs:
        if Paragraph.objects.filter(body=body, year=year, number=values["number"]).exists():
            raise DomainError({"number": _("§ %(n)s is already used by %(body)s in %(year)s.")
                               % {"n": values["number"], "body": body.name, "year": year}})
        audited_save(Paragraph(minutes=minutes, body=body, year=year, **values), actor=actor,
                     action=audit.PARAGRAPH_ADDED)
    for order, values in enumerate(attendance):
        audited_save(Attendance(minutes=minutes, order=order, **values), actor=actor, action=audit.ATTENDANCE_ADDED)
    return minutes
