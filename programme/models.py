"""The development programme (Södertörns utvecklingsprogram, SUP), its goal tree, the regional goals
it links to, the cooperation's governing documents, and the general adoption mechanism: a document
that every member municipality's board must adopt is sent out in an `AdoptionRound`; each member
has at most one `Adoption` (its case), which goes through `AdoptionStep`s (a preparing body's
proposal, then the deciding body's decision). Status is always derived (programme/status.py),
never typed in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import uploads
from core.provenance import source_ref_field
from core.publication import PublishableQuerySet
from organisations.models import Cooperation, Municipality

year_validators = [MinValueValidator(1900), MaxValueValidator(2200)]


class ProgrammeQuerySet(PublishableQuerySet):
    def published_q(self) -> Q:
        """A programme is public once it left the drafting table: it has an adoption round (is out for
        adoption), is in force according to the sources, or is replaced by a later programme; i.e. every
        derived status but "draft" (programme/status.py `programme_status`: sent out = has a round)."""
        return (
            Q(documented_in_force=True)
            | Q(Exists(AdoptionRound.objects.filter(programme=OuterRef("pk"))))
            | Q(Exists(Programme.objects.filter(replaces=OuterRef("pk"))))
        )


class Programme(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="programmes")
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, help_text=_("E.g. SUP 2035."))
    slug = models.SlugField(_("slug"), max_length=50, help_text=_("Used in the address, e.g. sup-2035."))
    year = models.PositiveSmallIntegerField(_("year drawn up"), validators=year_validators)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True, validators=year_validators)
    term_start_year = models.PositiveSmallIntegerField(
        _("valid from (year)"), null=True, blank=True, validators=year_validators
    )
    term_end_year = models.PositiveSmallIntegerField(
        _("valid to (year)"), null=True, blank=True, validators=year_validators
    )
    introduction = models.TextField(_("introduction"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    vision_tagline = models.CharField(_("vision tagline"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    overarching_goal = models.TextField(_("overarching goal"), blank=True)
    cross_cutting_theme = models.CharField(_("cross-cutting theme"), max_length=200, blank=True)
    focus_areas_intro = models.TextField(_("introduction to the focus areas"), blank=True)
    regional_intro = models.TextField(_("introduction to regional development issues"), blank=True)
    internal_intro = models.TextField(_("introduction to internal cooperation"), blank=True)
    external_goals_intro = models.TextField(_("introduction to the regional goals"), blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    documented_in_force = models.BooleanField(
        _("in force according to the sources"),
        default=False,
        help_text=_(
            "For older programmes whose individual decisions are not recorded: the sources say "
            "that the municipalities adopted it."
        ),
    )
    adoption_note = models.TextField(
        _("note on the adoption"),
        blank=True,
        help_text=_("What the sources say about the adoption, e.g. 'fastställdes av kommunerna under våren 2013'."),
    )
    working_forms = models.TextField(
        _("working forms"),
        blank=True,
        help_text=_(
            "The programme's chapter on how the cooperation works. One paragraph per line; a line "
            "starting with '## ' is a sub-heading."
        ),
    )
    changes = models.TextField(
        _("changes from the previous programme"),
        blank=True,
        help_text=_("One change per line."),
    )
    source_ref = source_ref_field()
    history = HistoricalRecords()
    cooperation_path = "cooperation"
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "slug"], name="unique_programme_slug")]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("programme:detail", args=[self.cooperation.slug, self.slug])

    def clean(self):
        if self.term_start_year and self.term_end_year and self.term_end_year < self.term_start_year:
            raise ValidationError({"term_end_year": _("The term cannot end before it starts.")})
        if self.replaces_id and self.pk and self.replaces_id == self.pk:
            raise ValidationError({"replaces": _("A programme cannot replace itself.")})
        if self.replaces_id and self.cooperation_id and self.replaces.cooperation_id != self.cooperation_id:
            raise ValidationError({"replaces": _("The replaced programme belongs to another cooperation.")})


class Principle(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="principles")
    text = models.CharField(_("text"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()
    cooperation_path = "programme__cooperation"

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class FocusArea(models.Model):
    class Group(models.TextChoices):
        REGIONAL = "regional", _("regional development issues")
        INTERNAL = "internal", _("internal cooperation")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="focus_areas")
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, default=Group.REGIONAL)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()
    cooperation_path = "programme__cooperation"

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class Goal(models.Model):
    """A focus area's goal (parent empty) or one of its sub-goals (parent = the goal)."""

    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sub-goal of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subgoals",
    )
    text = models.CharField(_("text"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()
    cooperation_path = "focus_area__programme__cooperation"

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A goal cannot be its own sub-goal.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("A sub-goal cannot have sub-goals of its own.")})
            if self.focus_area_id and self.parent.focus_area_id != self.focus_area_id:
                raise ValidationError({"parent": _("The sub-goal must belong to the same focus area as its goal.")})


class ExternalGoal(models.Model):
    """A goal of an external regional plan the programme takes as its starting point (RUFS 2050)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="external_goals")
    framework = models.CharField(_("plan"), max_length=100, help_text=_("E.g. RUFS 2050."))
    text = models.CharField(_("goal"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()
    cooperation_path = "programme__cooperation"

    class Meta:
        verbose_name = _("regional goal")
        verbose_name_plural = _("regional goals")
        ordering = ["framework", "order", "id"]

    def __str__(self):
        return f"{self.framework}: {self.text}"


class GoverningDocument(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="governing_documents")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=uploads.upload_to("governing-documents"),
        blank=True,
        validators=[uploads.validate_pdf_or_docx],
    )
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.title} ({self.date})"

    def file_url(self) -> str:
        """Where the file is downloaded (a checking view, never /media/); "" without a file."""
        if not self.file:
            return ""
        return reverse("programme:governing_document_file", args=[self.cooperation.slug, self.pk])


class AdoptionRound(models.Model):
    """A document sent out to every member municipality's board for adoption."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("development programme")
        OWNER_DIRECTIVE = "owner_directive", _("owner directive")
        AGREEMENT = "agreement", _("cooperation agreement")
        OTHER = "other", _("other document")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="adoption_rounds")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.PROGRAMME)
    title = models.CharField(_("title"), max_length=200)
    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="adoption_round",
    )
    sent_on = models.DateField(_("sent out for adoption"), null=True, blank=True)
    unrecorded_unknown = models.BooleanField(
        _("unrecorded handling is not known"),
        default=False,
        help_text=_(
            "The sources do not say how members without recorded steps handled the document: they read "
            "'not known' instead of 'not yet handled'."
        ),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("adoption round")
        verbose_name_plural = _("adoption rounds")
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.programme_id and self.cooperation_id and self.programme.cooperation_id != self.cooperation_id:
            raise ValidationError({"programme": _("The programme belongs to another cooperation.")})
        if self.sent_on and self.deadline and self.deadline < self.sent_on:
            raise ValidationError({"deadline": _("The deadline cannot be before the document is sent out.")})


class Adoption(models.Model):
    """One member municipality's case on one document."""

    round = models.ForeignKey(
        AdoptionRound, verbose_name=_("adoption round"), on_delete=models.CASCADE, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="adoptions"
    )
    case_number = models.CharField(
        _("case number"),
        max_length=100,
        blank=True,
        help_text=_("The municipality's reference, e.g. 2019/KS 0260 005."),
    )
    deciding_body = models.CharField(_("deciding body"), max_length=200, default="Kommunstyrelsen")
    history = HistoricalRecords()
    cooperation_path = "round__cooperation"

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["municipality__name"]
        constraints = [models.UniqueConstraint(fields=["round", "municipality"], name="one_adoption_per_municipality")]

    def __str__(self):
        return f"{self.municipality} – {self.round}"


def validate_pdf(file):
    """The protocol extract must be a PDF, checked by parsing it (core.uploads); kept under this name for
    the migrations that refer to it."""
    uploads.validate_pdf(file)


class AdoptionStep(models.Model):
    class Kind(models.TextChoices):
        PREPARATION = "preparation", _("preparation (proposal)")
        DECISION = "decision", _("decision by the deciding body")

    class Outcome(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ADOPTED = "adopted", _("adopted")
        ADOPTED_WITH_CHANGES = "adopted_with_changes", _("adopted with changes")
        REJECTED = "rejected", _("rejected")
        RETURNED = "returned", _("returned")

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind of step"), max_length=20, choices=Kind.choices)
    body_name = models.CharField(_("body"), max_length=200, help_text=_("E.g. Kommunledningsutskottet."))
    meeting_date = models.DateField(_("meeting date"))
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True, help_text=_("E.g. § 60."))
    text = models.TextField(_("text of the decision or proposal"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    extract = models.FileField(
        _("protocol extract (PDF)"),
        upload_to=uploads.upload_to("adoption-extracts"),
        blank=True,
        validators=[validate_pdf],
    )
    source_ref = source_ref_field()
    history = HistoricalRecords()
    cooperation_path = "adoption__round__cooperation"

    class Meta:
        verbose_name = _("adoption step")
        verbose_name_plural = _("adoption steps")
        ordering = ["meeting_date", "id"]
        constraints = [
            # The same step twice is a retry or a double click (issue 11); the service refuses it with a
            # Conflict under a lock, this is the database's backstop.
            models.UniqueConstraint(
                fields=["adoption", "kind", "body_name", "meeting_date", "paragraph"],
                name="one_identical_adoption_step",
            ),
        ]

    def __str__(self):
        return f"{self.body_name} {self.meeting_date} {self.paragraph}".strip()

    def extract_url(self) -> str:
        """Where the protocol extract is downloaded (a checking view, never /media/); "" without one."""
        if not self.extract:
            return ""
        return reverse("programme:extract", args=[self.adoption.round.cooperation.slug, self.pk])

    def clean(self):
        import datetime as dt

        if self.meeting_date and self.meeting_date > dt.date.today():
            raise ValidationError({"meeting_date": _("The meeting date cannot be in the future.")})
        if self.kind == self.Kind.DECISION and self.outcome == self.Outcome.PROPOSED:
            raise ValidationError({"outcome": _("A decision by the deciding body cannot have the outcome 'proposed'.")})
        if self.kind == self.Kind.PREPARATION and self.outcome in (
            self.Outcome.ADOPTED,
            self.Outcome.ADOPTED_WITH_CHANGES,
        ):
            raise ValidationError({"outcome": _("Only the deciding body can adopt; a preparing body proposes.")})


#: The bodies that may decide on a member's adoption (the seeds name kommunstyrelsen; some members let
#: kommunfullmäktige decide).
DECIDING_BODIES = ["Kommunstyrelsen", "Kommunfullmäktige"]


class AdoptionReminder(models.Model):
    """A reminder sent to a member's board that has not decided yet: who was reminded, when, by whom."""

    round = models.ForeignKey(
        AdoptionRound, verbose_name=_("adoption round"), on_delete=models.CASCADE, related_name="reminders"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="adoption_reminders"
    )
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recipients = models.TextField(
        _("recipients"), blank=True, help_text=_("The e-mail addresses the reminder went to, one a line.")
    )
    history = HistoricalRecords()
    cooperation_path = "round__cooperation"

    class Meta:
        verbose_name = _("adoption reminder")
        verbose_name_plural = _("adoption reminders")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.municipality} – {self.round} ({self.sent_at:%Y-%m-%d})"
