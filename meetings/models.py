"""Meetings, the yearly calendar, conferences with host rotation and minutes.

Times are stored as a date plus optional local times (Europe/Stockholm): the seeds often lose a
time ("torsdagar )") and we must not invent it, so a meeting without a known time is a whole-day
entry. `Meeting.start`/`end` give aware datetimes (or dates when the time is unknown).
"""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.errors import DomainError
from core.provenance import source_ref_field
from core.publication import PublishableQuerySet
from core.uploads import upload_to
from meetings.publication import MinutesQuerySet, ParagraphQuerySet
from organisations.models import Body, Cooperation, Municipality, Person

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Capitalised as a choice ('Måndag'); Django's own "Monday" is the lower-case 'måndag' of a date.
WEEKDAYS = [
    (0, pgettext_lazy("weekday choice", "Monday")),
    (1, pgettext_lazy("weekday choice", "Tuesday")),
    (2, pgettext_lazy("weekday choice", "Wednesday")),
    (3, pgettext_lazy("weekday choice", "Thursday")),
    (4, pgettext_lazy("weekday choice", "Friday")),
    (5, pgettext_lazy("weekday choice", "Saturday")),
    (6, pgettext_lazy("weekday choice", "Sunday")),
]


class CalendarRule(models.Model):
    """A body's calendar settings: default weekday and hours, minimum meetings, statutory regime."""

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="calendar_rule", verbose_name=_("body"))
    weekday = models.PositiveSmallIntegerField(_("default weekday"), choices=WEEKDAYS, null=True, blank=True)
    start_time = models.TimeField(_("default start time"), null=True, blank=True)
    end_time = models.TimeField(_("default end time"), null=True, blank=True)
    min_meetings = models.PositiveSmallIntegerField(
        _("minimum meetings a year"),
        null=True,
        blank=True,
        help_text=_("Empty: the body's own minimum from the organisation register."),
    )
    must_precede = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preceded_by_rules",
        verbose_name=_("meets before each meeting of"),
    )
    precede_min_days = models.PositiveSmallIntegerField(_("at least days before"), default=7)
    precede_max_days = models.PositiveSmallIntegerField(_("at most days before"), default=21)
    rotate_hosts = models.BooleanField(_("hosts rotate among the members"), default=False)
    follows_kommunallagen = models.BooleanField(_("follows Kommunallagen (minutes, notice)"), default=False)
    is_joint_committee = models.BooleanField(_("joint committee (gemensam nämnd)"), default=False)
    order = models.PositiveSmallIntegerField(_("order in the calendar"), default=100)

    history = HistoricalRecords()
    cooperation_path = "body__cooperation"

    class Meta:
        verbose_name = _("calendar rule")
        verbose_name_plural = _("calendar rules")

    def __str__(self):
        return str(self.body)

    @property
    def minimum(self):
        return self.min_meetings if self.min_meetings is not None else self.body.min_meetings_per_year

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end time must be after the start time.")})
        if self.precede_min_days > self.precede_max_days:
            raise ValidationError(
                {"precede_max_days": _("The longest interval must not be shorter than the shortest.")}
            )
        if self.must_precede_id and self.body_id and self.must_precede.cooperation_id != self.body.cooperation_id:
            raise ValidationError({"must_precede": _("The body belongs to another cooperation.")})


class TimedEntry(models.Model):
    """Shared date/time fields for meetings and conference editions."""

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month only")

    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    precision = models.CharField(_("date precision"), max_length=10, choices=Precision.choices, default=Precision.DAY)
    time_note = models.CharField(_("note on the time"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(_("iCalendar sequence"), default=0, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    source_ref = source_ref_field()
    calendar_year = models.PositiveSmallIntegerField(
        _("listed in the calendar of"),
        null=True,
        blank=True,
        help_text=_("A year's calendar may list entries of the next year (e.g. 'jan 2012' in the 2011 calendar)."),
    )

    class Meta:
        abstract = True

    @property
    def last_date(self) -> dt.date:
        return self.end_date or self.date

    @property
    def start(self):
        if self.start_time is None or self.precision != self.Precision.DAY:
            return self.date
        return dt.datetime.combine(self.date, self.start_time, tzinfo=STOCKHOLM)

    @property
    def end(self):
        if self.start_time is None or self.precision != self.Precision.DAY:
            return self.end_date
        if self.end_time is None:
            return None
        return dt.datetime.combine(self.last_date, self.end_time, tzinfo=STOCKHOLM)

    def clean_times(self):
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("The meeting cannot end before it starts.")
        elif self.start_time and self.end_time and self.last_date == self.date and self.end_time <= self.start_time:
            errors["end_time"] = _("The meeting cannot end before it starts.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give a start time when an end time is given.")
        if errors:
            raise ValidationError(errors)


class MeetingQuerySet(PublishableQuerySet):
    """`published()` (core.publication): everything but drafts (a cancelled meeting stays visible as cancelled);
    `visible_to(user)` adds the drafts of the cooperations where `user` is staff."""

    def published_q(self):
        return ~models.Q(status=Meeting.Status.DRAFT)


class Meeting(TimedEntry):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary meeting")
        PLANNING = "planning", _("planning conference")
        EXTRA = "extra", _("extra meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", pgettext_lazy("meeting status", "published")
        NOTICE_SENT = "notice_sent", _("notice sent")
        HELD = "held", _("held")
        MINUTES_APPROVED = "approved", _("minutes approved")
        NOTICE_POSTED = "posted", _("notice of approval posted")
        ARCHIVED = "archived", _("archived")
        CANCELLED = "cancelled", _("cancelled")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    host = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host municipality"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    history = HistoricalRecords()
    cooperation_path = "body__cooperation"
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self):
        return f"{self.body.name} {self.date:%Y-%m-%d}"

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.kind == self.Kind.PLANNING:
            return f"{self.body.name}: {self.get_kind_display()}"
        return self.body.name

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def clean(self):
        self.clean_times()
        if self.host_id and self.body_id:
            cooperation = self.body.cooperation
            if not cooperation.is_member(self.host, on=self.date):
                raise ValidationError({"host": _("The host municipality is not a member of the cooperation.")})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    rapporteur = models.CharField(_("rapporteur"), max_length=200, blank=True)
    proposal = models.TextField(_("proposal for decision"), blank=True)
    attachments = models.TextField(_("attachments"), blank=True, help_text=_("One a line."))
    forwarded_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forwarded_to",
        verbose_name=_("forwarded from"),
    )

    history = HistoricalRecords()
    cooperation_path = "meeting__body__cooperation"

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_number_unique")]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.number}. {self.title}"


class AgendaPaper(models.Model):
    """A paper (handling) of an agenda item: a PDF or DOCX, served only through a view that checks access."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers", verbose_name=_("agenda item"))
    file = models.FileField(_("file"), upload_to=upload_to("meetings/papers"))
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()
    cooperation_path = "item__meeting__body__cooperation"

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def __str__(self):
        return self.name


class ConferenceSeries(models.Model):
    """A recurring conference (Södertörns rådslag, Södertörnskonferensen, Temadag …)."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="conference_series")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    purpose = models.TextField(_("purpose"), blank=True)
    arranging_body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="arranged_series",
        verbose_name=_("arranging body or network"),
    )
    theme_decided_by = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme decided by"),
    )
    target_audience = models.TextField(_("target audience"), blank=True)
    partners = models.TextField(_("partner organisations"), blank=True)
    hosts_per_edition = models.PositiveSmallIntegerField(_("host municipalities per edition"), default=1)
    rotation_start_year = models.PositiveSmallIntegerField(_("rotation starts"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "slug"], name="series_slug_unique")]
        verbose_name = _("conference series")
        verbose_name_plural = _("conference series")

    def __str__(self):
        return self.name


class RotationSlot(models.Model):
    series = models.ForeignKey(ConferenceSeries, on_delete=models.CASCADE, related_name="rotation")
    position = models.PositiveSmallIntegerField(_("position"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()
    cooperation_path = "series__cooperation"

    class Meta:
        ordering = ["series", "position"]
        constraints = [models.UniqueConstraint(fields=["series", "position"], name="rotation_position_unique")]
        verbose_name = _("rotation place")
        verbose_name_plural = _("rotation order")

    def __str__(self):
        return f"{self.position}. {self.municipality}"


class RotationOverride(models.Model):
    """An explicit exception to the computed rotation: a skipped or swapped year."""

    series = models.ForeignKey(ConferenceSeries, on_delete=models.CASCADE, related_name="overrides")
    year = models.PositiveSmallIntegerField(_("year"))
    skipped = models.BooleanField(_("no edition this year"), default=False)
    shifts_rotation = models.BooleanField(
        _("later years move up one place"),
        default=False,
        help_text=_("For a skipped year: the host whose turn it was hosts the next year instead."),
    )
    hosts = models.ManyToManyField(Municipality, blank=True, related_name="+", verbose_name=_("hosts this year"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()
    cooperation_path = "series__cooperation"

    class Meta:
        ordering = ["series", "year"]
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="override_year_unique")]
        verbose_name = _("rotation exception")
        verbose_name_plural = _("rotation exceptions")

    def __str__(self):
        return f"{self.series} {self.year}"


class Conference(TimedEntry):
    """One edition of a conference series."""

    series = models.ForeignKey(ConferenceSeries, on_delete=models.CASCADE, related_name="editions")
    year = models.PositiveSmallIntegerField(_("year"))
    hosts = models.ManyToManyField(Municipality, blank=True, related_name="+", verbose_name=_("host municipalities"))
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()
    cooperation_path = "series__cooperation"

    class Meta:
        ordering = ["date"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self):
        return f"{self.series.name} {self.date:%Y-%m-%d}"

    def clean(self):
        self.clean_times()


def raise_frozen():
    raise DomainError(_("Approved minutes are frozen and cannot be changed. Make a correction instead."))


class FrozenWithMinutes(models.Model):
    """A part of the minutes (paragraph, attendance row, approver): written only while the minutes are a draft."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk:
            _check_minutes(type(self).objects.filter(pk=self.pk).values_list("minutes_id", flat=True).first())
        _check_minutes(self.minutes_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _check_minutes(self.minutes_id)
        return super().delete(*args, **kwargs)


def _check_minutes(minutes_id):
    if minutes_id and Minutes.objects.filter(pk=minutes_id, status=Minutes.Status.APPROVED).exists():
        raise_frozen()


class Minutes(models.Model):
    """Minutes (protokoll) of a meeting. Approved minutes are frozen; a correction is a new record."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=_("meeting"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    approvers = models.CharField(_("approvers"), max_length=300, blank=True, help_text=_("Comma-separated."))
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    approval_place = models.CharField(_("approval place"), max_length=200, blank=True)
    notice_posted_on = models.DateField(_("notice put up"), null=True, blank=True)
    last_posting_on = models.DateField(
        _("notice put up in the last municipality"),
        null=True,
        blank=True,
        help_text=_("Joint committee only: the appeal period runs from this day."),
    )
    notice_taken_down_on = models.DateField(_("notice taken down"), null=True, blank=True)
    storage_place = models.CharField(_("where the minutes are kept"), max_length=200, blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()
    cooperation_path = "meeting__body__cooperation"
    objects = MinutesQuerySet.as_manager()
    #: Fields that may still be recorded after approval: the notice of approval (anslag) and where the minutes are kept.
    AFTER_APPROVAL = frozenset({"notice_posted_on", "last_posting_on", "notice_taken_down_on", "storage_place"})

    class Meta:
        ordering = ["meeting__date"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"{_('Minutes')} {self.meeting}"

    def save(self, *args, **kwargs):
        """Approved minutes are frozen whichever channel writes (pages, admin, API, shell): only the notice of
        approval fields may change."""
        if self.pk:
            stored = Minutes.objects.filter(pk=self.pk).first()
            if stored is not None and stored.is_approved:
                changed = {
                    f.attname
                    for f in self._meta.concrete_fields
                    if getattr(stored, f.attname) != getattr(self, f.attname)
                }
                if changed - self.AFTER_APPROVAL:
                    raise_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and Minutes.objects.filter(pk=self.pk, status=self.Status.APPROVED).exists():
            raise_frozen()
        return super().delete(*args, **kwargs)

    @property
    def approver_list(self) -> list[str]:
        return [a.strip() for a in self.approvers.split(",") if a.strip()]

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def clean(self):
        if self.approval_date and self.meeting_id and self.approval_date < self.meeting.date:
            raise ValidationError({"approval_date": _("The minutes cannot be approved before the meeting.")})
        if self.notice_posted_on and self.approval_date and self.notice_posted_on < self.approval_date:
            raise ValidationError({"notice_posted_on": _("The notice cannot be put up before the approval.")})


class Paragraph(FrozenWithMinutes):
    """A numbered paragraph (§); numbers run continuously per body and calendar year."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="paragraphs")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+", editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveSmallIntegerField(_("§ number"))
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=300)
    proposal_heading = models.CharField(_("heading of the proposal"), max_length=300, blank=True)
    proposal = models.TextField(_("proposal"), blank=True)
    description = models.TextField(_("description of the matter"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    attachments = models.TextField(_("attachments"), blank=True, help_text=_("One a line."))

    history = HistoricalRecords()
    cooperation_path = "minutes__meeting__body__cooperation"
    objects = ParagraphQuerySet.as_manager()

    class Meta:
        ordering = ["year", "number"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "number"], name="paragraph_number_unique")]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self):
        return f"§ {self.number} {self.title}"

    @property
    def attachment_list(self):
        return [a.strip() for a in self.attachments.splitlines() if a.strip()]

    @property
    def proposal_list(self):
        return [p.strip(" -") for p in self.proposal.splitlines() if p.strip()]


class MinutesApprover(FrozenWithMinutes):
    """One of the people who approve (justerar) the minutes; each records the approval while signed in."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="approver_rows")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("approver"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    approved_on = models.DateField(pgettext_lazy("minutes", "approved on"), null=True, blank=True)
    approved_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    cooperation_path = "minutes__meeting__body__cooperation"

    class Meta:
        ordering = ["minutes", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["minutes", "person"], name="minutes_approver_unique")]
        verbose_name = _("approver")
        verbose_name_plural = _("approvers")

    def __str__(self):
        return self.person.name


class Dispatch(models.Model):
    """A record of an e-mail sent from the meetings app: a notice (kallelse) or an extract, to whom and when."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("notice")
        EXTRACT = "extract", _("extract from the minutes")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="dispatches")
    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, null=True, blank=True, related_name="dispatches")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    paragraph_number = models.PositiveSmallIntegerField(_("§ number"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    changes = models.TextField(_("what changed"), blank=True)
    recipients = models.JSONField(_("recipients"), default=list)
    attachments = models.JSONField(_("attachments"), default=list)
    snapshot = models.JSONField(default=dict, editable=False)
    sent_at = models.DateTimeField(pgettext_lazy("e-mail", "sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    cooperation_path = "meeting__body__cooperation"

    class Meta:
        ordering = ["meeting", "sent_at", "pk"]
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self):
        return self.subject


class Attendance(FrozenWithMinutes):
    class Category(models.TextChoices):
        VOTING = "voting", _("voting members")
        ACTING = "acting", _("acting substitute")
        SUBSTITUTE = "substitute", _("substitutes")
        OTHER = "other", _("others present")
        ABSENT = "absent", _("absent")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name = models.CharField(_("name"), max_length=200)
    party = models.CharField(_("party"), max_length=20, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    role = models.CharField(_("role or title"), max_length=200, blank=True)
    replaces = models.CharField(_("replaces"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    cooperation_path = "minutes__meeting__body__cooperation"

    class Meta:
        ordering = ["minutes", "order", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return self.name
