"""Operating plans, action plans, activities, indicators and the systematic follow-up.

The cycle (seeds 000, 001, 002): the development programme is concretised each year in an
operating plan (verksamhetsplan); the networks carry it out through action plans (handlingsplaner)
whose activities serve the programme's goals; follow-up rounds collect the status of every
activity and the values of the indicators, and the management group assesses each goal.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import sv_date
from core.provenance import source_ref_field

year_validators = [MinValueValidator(1900), MaxValueValidator(2200)]


class OperatingPlan(models.Model):
    """One year's operating plan of a cooperation, tied to the programme in force.

    The texts use a light markup (see plans/text.py): one paragraph per line, "## " starts a
    sub-heading, "- " a bullet and "|" a table row.
    """

    cooperation = models.ForeignKey(
        "organisations.Cooperation", on_delete=models.CASCADE, related_name="operating_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("development programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operating_plans",
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    principles = models.TextField(_("principles"), blank=True)
    vision_year = models.PositiveSmallIntegerField(_("vision year"), null=True, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    areas = models.TextField(_("areas of cooperation and direction"), blank=True)
    balance = models.TextField(_("balance between regional development issues and internal matters"), blank=True)
    working_forms = models.TextField(_("working forms"), blank=True)
    approved_on = models.DateField(pgettext_lazy("operating plan", "approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "organisations.Body",
        verbose_name=pgettext_lazy("operating plan", "approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_operating_plans",
    )
    approval_note = models.CharField(_("approval note"), max_length=200, blank=True)
    approved_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("approved at meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_operating_plans",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    source_ref = source_ref_field()
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    #: The plan's sections (the cooperation's template of an operating plan): each must be written before approval.
    SECTIONS = ("introduction", "purpose", "principles", "vision", "areas", "balance", "working_forms")

    class Meta:
        verbose_name = _("operating plan")
        verbose_name_plural = _("operating plans")
        ordering = ["cooperation", "-year"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "year"], name="unique_operating_plan_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.cooperation.slug, self.year])

    def clean(self):
        if self.programme_id and self.cooperation_id and self.programme.cooperation_id != self.cooperation_id:
            raise ValidationError({"programme": _("The programme belongs to another cooperation.")})
        if self.approved_by_id and self.cooperation_id and self.approved_by.cooperation_id != self.cooperation_id:
            raise ValidationError({"approved_by": _("The body belongs to another cooperation.")})


class ActionPlan(models.Model):
    """A network's (or the secretariat's) action plan for one year."""

    cooperation = models.ForeignKey("organisations.Cooperation", on_delete=models.CASCADE, related_name="action_plans")
    body = models.ForeignKey(
        "organisations.Body", verbose_name=_("network"), on_delete=models.CASCADE, related_name="action_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    summary = models.TextField(_("summary"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-year", "body__name"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="unique_action_plan_year")]

    def __str__(self):
        return f"{self.body} {self.year}"

    def get_absolute_url(self):
        return reverse("plans:action_plan", args=[self.cooperation.slug, self.year, self.body.slug])

    def clean(self):
        from organisations.models import Body

        if self.body_id:
            if self.cooperation_id and self.body.cooperation_id != self.cooperation_id:
                raise ValidationError({"body": _("The network belongs to another cooperation.")})
            allowed = (Body.Kind.NETWORK, Body.Kind.WORKING_GROUP, Body.Kind.SECRETARIAT)
            if self.body.kind not in allowed:
                raise ValidationError(
                    {"body": _("Only a network, a working group or the secretariat has action plans.")}
                )


class Status(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("activity status", "planned")
    ONGOING = "ongoing", pgettext_lazy("activity status", "ongoing")
    DONE = "done", pgettext_lazy("activity status", "done")
    DELAYED = "delayed", pgettext_lazy("activity status", "delayed")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "cancelled")


#: Statuses that count as "on track" in the roll-up.
ON_TRACK = (Status.PLANNED, Status.ONGOING, Status.DONE)


class Activity(models.Model):
    action_plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_membership = models.ForeignKey(
        "organisations.Membership",
        verbose_name=_("owner (person)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_activities",
    )
    owner_body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("owner (body)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_activities",
    )
    municipalities = models.ManyToManyField(
        "organisations.Municipality",
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="plan_activities",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    goals = models.ManyToManyField("programme.Goal", verbose_name=_("goals served"), related_name="activities")
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()
    cooperation_path = "action_plan__cooperation"

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["action_plan", "due", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start and self.due and self.due < self.start:
            raise ValidationError({"due": _("The due date cannot be before the start date.")})
        if self.owner_membership_id and self.action_plan_id:
            if self.owner_membership.body_id != self.action_plan.body_id:
                raise ValidationError(
                    {"owner_membership": _("The owner must be a member of the action plan's own network.")}
                )
        if self.owner_body_id and self.action_plan_id and self.owner_body_id != self.action_plan.body_id:
            raise ValidationError({"owner_body": _("The activity cannot be owned by another network.")})


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    class Source(models.TextChoices):
        MANUAL = "manual", _("manual")
        KOLADA = "kolada", _("key figure (Kolada)")

    cooperation = models.ForeignKey("organisations.Cooperation", on_delete=models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(
        "programme.Goal", verbose_name=_("goal"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=300)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    kolada_id = models.CharField(_("Kolada id"), max_length=20, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    responsible_body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("reported by network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.source == self.Source.KOLADA and not self.kolada_id:
            raise ValidationError({"kolada_id": _("An indicator linked to Kolada needs a Kolada id.")})
        if self.goal_id and self.cooperation_id:
            if self.goal.focus_area.programme.cooperation_id != self.cooperation_id:
                raise ValidationError({"goal": _("The goal belongs to another cooperation.")})


class FollowUpRound(models.Model):
    class Period(models.TextChoices):
        TERTIAL_1 = "t1", _("tertial 1")
        TERTIAL_2 = "t2", _("tertial 2")
        FULL_YEAR = "year", _("full year")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    cooperation = models.ForeignKey(
        "organisations.Cooperation", on_delete=models.CASCADE, related_name="followup_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        ordering = ["-year", "-deadline"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "year", "period"], name="unique_followup_round")]

    def __str__(self):
        return f"{self.get_period_display()} {self.year}"

    def get_absolute_url(self):
        return reverse("plans:round", args=[self.cooperation.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def state_text(self) -> str:
        """The round's state in words, with its deadline: a closed round says it is closed (not just
        its long-past deadline), an open one whether its deadline has passed."""
        if not self.is_open:
            if self.closed_at:
                return gettext("Closed on %(date)s") % {"date": sv_date(self.closed_at)}
            return gettext("Closed")
        if self.deadline < timezone.localdate():
            return gettext("Open; the deadline %(date)s has passed") % {"date": sv_date(self.deadline)}
        return gettext("Open until %(date)s") % {"date": sv_date(self.deadline)}


class ActivityReport(models.Model):
    """A network lead's report on one activity in one round (versioned: `version` + history)."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="activity_reports")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()
    cooperation_path = "round__cooperation"

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        constraints = [models.UniqueConstraint(fields=["round", "activity"], name="unique_activity_report")]

    def __str__(self):
        return f"{self.activity} ({self.round})"


class IndicatorValue(models.Model):
    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()
    cooperation_path = "round__cooperation"

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["round", "indicator"], name="unique_indicator_value")]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class GoalAssessment(models.Model):
    class Grade(models.TextChoices):
        GREEN = "green", _("green: on track")
        YELLOW = "yellow", _("yellow: partly on track")
        RED = "red", _("red: not on track")

    class Stage(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("goal assessment", "draft by the secretariat")
        DECIDED = "decided", pgettext_lazy("goal assessment", "decided by the management group")

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="assessments")
    goal = models.ForeignKey("programme.Goal", on_delete=models.CASCADE, related_name="assessments")
    grade = models.CharField(_("assessment"), max_length=10, choices=Grade.choices)
    #: The secretariat drafts, the management group decides (its save marks the assessment decided).
    stage = models.CharField(
        pgettext_lazy("goal assessment", "stage"), max_length=10, choices=Stage.choices, default=Stage.DECIDED
    )
    motivation = models.TextField(_("motivation"))
    version = models.PositiveIntegerField(_("version"), default=1)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()
    cooperation_path = "round__cooperation"

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        constraints = [models.UniqueConstraint(fields=["round", "goal"], name="unique_goal_assessment")]

    def __str__(self):
        return f"{self.goal}: {self.get_grade_display()}"


class RoundReopening(models.Model):
    """A closed follow-up round opened again: by whom, when and why (a reason is required)."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField(pgettext_lazy("reopening", "reason"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reopened_at = models.DateTimeField(pgettext_lazy("reopening", "reopened"), default=timezone.now)
    cooperation_path = "round__cooperation"

    class Meta:
        verbose_name = _("reopening of a round")
        verbose_name_plural = _("reopenings of rounds")
        ordering = ["-reopened_at"]

    def __str__(self):
        return f"{self.round} {self.reopened_at:%Y-%m-%d}"


class Reminder(models.Model):
    """One reminder sent: to whom, when, for which round and network. A reminder for the same round,
    network and person is not sent again within REMINDER_INTERVAL (plans.services.send_followup_reminders)."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reminders")
    body = models.ForeignKey(
        "organisations.Body", verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(pgettext_lazy("reminder", "e-mail"))
    sent_at = models.DateTimeField(pgettext_lazy("reminder", "sent"), default=timezone.now)
    cooperation_path = "round__cooperation"

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.round} – {self.body} – {self.email}"
