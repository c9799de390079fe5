"""The organisation register: municipalities, cooperations, bodies, people, memberships and
organisations (partners and jointly owned ones)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import uploads
from core.provenance import source_ref_field

# ---- Who is current on a date: the one rule ----------------------------------------------------------
#
# A member municipality (joined..left) and a membership of a body in a role (start..end) are current on a
# date when it lies within the period, both ends included: current on the day it starts and on the day it
# ends, no longer the day after. An open end (no `left`/`end`) means current since the start; a
# membership without a start has always been current. "Today" is the local date (Europe/Stockholm).


def is_current_on(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    """The rule over plain values."""
    return (start is None or start <= on) and (end is None or end >= on)


def current_on_q(on: dt.date | None = None, *, start: str = "start", end: str = "end", prefix: str = "") -> Q:
    """The same rule as a query condition, for fields `start`/`end` (behind `prefix`, e.g. "memberships__")."""
    on = on or timezone.localdate()
    return (Q(**{f"{prefix}{start}__isnull": True}) | Q(**{f"{prefix}{start}__lte": on})) & (
        Q(**{f"{prefix}{end}__isnull": True}) | Q(**{f"{prefix}{end}__gte": on})
    )


class CooperationMemberQuerySet(models.QuerySet):
    def current_on(self, on: dt.date | None = None):
        """Memberships of municipalities in cooperations current on `on` (today by default)."""
        return self.filter(current_on_q(on, start="joined", end="left"))


class MembershipQuerySet(models.QuerySet):
    def current_on(self, on: dt.date | None = None):
        """Memberships of people in bodies (in their roles) current on `on` (today by default)."""
        return self.filter(current_on_q(on))

    def past_or_future_on(self, on: dt.date | None = None):
        return self.exclude(current_on_q(on))


scb_code_validator = RegexValidator(
    r"^\d{4}$", _("The SCB code must be exactly four digits, e.g. 0127."), code="invalid_scb_code"
)


def validate_share(value):
    """An ownership share in percent: 0–100 (a plain message: no %-formatting of the text)."""
    if value is not None and not (Decimal("0") <= value <= Decimal("100")):
        raise ValidationError(_("A share must be between 0 and 100 %."), code="share_range")


class Municipality(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        REGION = "region", _("region")

    code = models.CharField(
        _("SCB code"),
        max_length=4,
        unique=True,
        validators=[scb_code_validator],
        error_messages={"unique": _("A municipality with this SCB code already exists.")},
    )
    name = models.CharField(_("name"), max_length=100)
    county = models.CharField(_("county"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Population(models.Model):
    """A municipality's number of inhabitants on a reference date: the one population store.

    National data shared by every cooperation. `source` says where the figure comes from in words
    (e.g. "Kolada N01951" or "CSV: befolkning.csv"), `source_kind` what kind of source it is. The
    budget's fee split and the key-figure pages read it through organisations.selectors.
    """

    class SourceKind(models.TextChoices):
        KOLADA = "kolada", _("Kolada import")
        CSV = "csv", _("uploaded file")
        MANUAL = "manual", _("entered by hand")
        TEST_DATA = "test_data", _("test data (not Kolada)")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)])
    reference_date = models.DateField(_("reference date"))
    inhabitants = models.PositiveIntegerField(
        _("population"), validators=[MinValueValidator(1, _("A population must be larger than zero."))]
    )
    source = models.CharField(_("source"), max_length=300)
    source_kind = models.CharField(_("kind of source"), max_length=20, choices=SourceKind.choices)
    import_batch = models.CharField(_("import batch"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("imported at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["municipality__name", "-reference_date"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "reference_date"], name="unique_population_on_date")
        ]

    def __str__(self):
        return f"{self.municipality} {self.reference_date}: {self.inhabitants}"


class Cooperation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(
        _("slug"), unique=True, error_messages={"unique": _("A cooperation with this slug already exists.")}
    )
    agreement_date = models.DateField(_("agreement date"), null=True, blank=True)
    host_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("host municipality of the secretariat"),
        on_delete=models.PROTECT,
        related_name="hosted_cooperations",
        null=True,
        blank=True,
    )
    purpose = models.TextField(_("purpose"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default cooperation"), default=False)
    municipalities = models.ManyToManyField(
        Municipality, through="CooperationMember", related_name="cooperations", verbose_name=_("members")
    )
    # The cooperation's own vocabulary (issue 15): what it calls its kinds of bodies and its groups of focus
    # areas, and the template of its operating plans. Empty: the neutral word of the user interface.
    kind_name_committee = models.CharField(
        _("name of the kind 'committee'"),
        max_length=100,
        blank=True,
        help_text=_("E.g. 'förbundsstyrelse' or 'styrgrupp'. Empty: 'committee'."),
    )
    kind_name_management_group = models.CharField(_("name of the kind 'management group'"), max_length=100, blank=True)
    kind_name_secretariat = models.CharField(_("name of the kind 'secretariat'"), max_length=100, blank=True)
    kind_name_network = models.CharField(_("name of the kind 'network'"), max_length=100, blank=True)
    kind_name_working_group = models.CharField(_("name of the kind 'working group'"), max_length=100, blank=True)
    focus_group_regional = models.CharField(
        _("name of the first group of focus areas"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the focus areas of this group are listed without a group heading."),
    )
    focus_group_internal = models.CharField(
        _("name of the second group of focus areas"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the focus areas of this group are listed without a group heading."),
    )
    plan_sections = models.JSONField(
        _("sections of the operating plan"),
        default=list,
        blank=True,
        help_text=_("The template of the operating plan: a list of {key, heading}. Empty: the default template."),
    )
    history = HistoricalRecords()

    #: The vocabulary fields a secretariat edits (organisations.services.cooperation_vocabulary_update).
    VOCABULARY_FIELDS = (
        "kind_name_committee",
        "kind_name_management_group",
        "kind_name_secretariat",
        "kind_name_network",
        "kind_name_working_group",
        "focus_group_regional",
        "focus_group_internal",
    )

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["name"]
        constraints = [
            # One default cooperation at most (the start page lists it first; sign-in prefers it).
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="only_one_default_cooperation",
                violation_error_message=_("Another cooperation is already the default."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:overview", args=[self.slug])

    def kind_name(self, kind: str) -> str:
        """What this cooperation calls bodies of `kind` (its own word, else the interface's neutral one)."""
        own = getattr(self, f"kind_name_{kind}", "") if kind in Body.Kind.values else ""
        return own or (str(Body.Kind(kind).label) if kind in Body.Kind.values else kind)

    def kind_names(self) -> list[tuple[str, str]]:
        """(kind, this cooperation's name for it) for every kind of body, as choices."""
        return [(kind, self.kind_name(kind)) for kind in Body.Kind.values]

    def focus_group_name(self, group: str) -> str:
        """What this cooperation calls a group of focus areas ("" when it names none)."""
        return {"regional": self.focus_group_regional, "internal": self.focus_group_internal}.get(group, "")

    def current_members(self, on: dt.date | None = None):
        """Municipalities that are members on the given date (today by default), by name; the rule is
        `CooperationMember.objects.current_on` (one membership row must cover the date)."""
        current = CooperationMember.objects.filter(cooperation=self).current_on(on)
        return Municipality.objects.filter(pk__in=current.values("municipality_id")).order_by("name")

    def is_member(self, municipality, on: dt.date | None = None) -> bool:
        return self.current_members(on).filter(pk=municipality.pk).exists()


class CooperationMember(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="memberships_in_cooperations")
    joined = models.DateField(
        _("joined"), null=True, blank=True, help_text=_("Leave empty when the date is not known.")
    )
    left = models.DateField(_("left"), null=True, blank=True)
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    objects = CooperationMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member municipality")
        verbose_name_plural = _("member municipalities")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "municipality", "joined"], name="unique_cooperation_member")
        ]

    def __str__(self):
        return _("%(municipality)s in %(cooperation)s") % {
            "municipality": self.municipality,
            "cooperation": self.cooperation,
        }

    def clean(self):
        if self.left and self.joined and self.left < self.joined:
            raise ValidationError({"left": _("A membership cannot end before it starts.")})

    @property
    def is_coming(self) -> bool:
        """Joins after today: a coming member (issue 15), neither a current nor a former one."""
        return self.joined is not None and self.joined > timezone.localdate()

    @property
    def has_left(self) -> bool:
        return self.left is not None and self.left < timezone.localdate()


class Body(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("committee")
        MANAGEMENT_GROUP = "management_group", _("management group")
        SECRETARIAT = "secretariat", _("secretariat")
        NETWORK = "network", _("network")
        WORKING_GROUP = "working_group", _("working group")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    field = models.CharField(
        _("field"), max_length=100, blank=True, help_text=_("Used to group networks, e.g. 'Sociala frågor'.")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    min_meetings_per_year = models.PositiveSmallIntegerField(_("minimum meetings per year"), null=True, blank=True)
    host_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("host municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_bodies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    source_ref = source_ref_field()
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["cooperation", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "slug"], name="unique_body_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:body_detail", args=[self.cooperation.slug, self.slug])

    def get_kind_display(self):
        """The kind in the cooperation's own vocabulary (issue 15), not a fixed word."""
        return self.cooperation.kind_name(self.kind)

    def clean(self):
        if self.host_municipality_id and self.cooperation_id:
            if not CooperationMember.objects.filter(
                cooperation_id=self.cooperation_id, municipality_id=self.host_municipality_id
            ).exists():
                raise ValidationError({"host_municipality": _("The host must be a member municipality.")})


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PARTNER = "partner", _("external partner")
        COMPANY = "company", _("company")
        MUNICIPAL_FEDERATION = "municipal_federation", _("municipal federation")
        JOINT_COMMITTEE = "joint_committee", _("joint committee")
        OTHER = "other", _("other organisation")

    JOINTLY_OWNED_KINDS = (Kind.COMPANY, Kind.MUNICIPAL_FEDERATION, Kind.JOINT_COMMITTEE)

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("kept in the register of"),
        on_delete=models.CASCADE,
        related_name="organisations",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=100)
    founded_year = models.PositiveSmallIntegerField(
        _("founded"), null=True, blank=True, validators=[MinValueValidator(1000), MaxValueValidator(2200)]
    )
    purpose = models.TextField(_("purpose"), blank=True)
    host_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("host municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_organisations",
    )
    website = models.URLField(_("website"), blank=True)
    source_ref = source_ref_field()
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "slug"], name="unique_organisation_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation_detail", args=[self.cooperation.slug, self.slug])

    @property
    def is_jointly_owned(self) -> bool:
        return self.kind in self.JOINTLY_OWNED_KINDS

    def clean(self):
        if self.host_municipality_id and self.kind != self.Kind.JOINT_COMMITTEE:
            raise ValidationError({"host_municipality": _("Only a joint committee has a host municipality.")})


class JointArrangement(models.Model):
    """A joint arrangement of the member municipalities that is neither a body of the cooperation nor a
    jointly owned organisation: a joint procurement, an agreement, an EU project or another project. Unknown
    period, lead or participants stay empty. Who takes part, and in which role, is `Participation`; the
    kinds' own fields live in the `arrangements` app (one row per arrangement of that kind)."""

    class Kind(models.TextChoices):
        EU_PROJECT = "eu_project", _("EU project or pre-study")
        OTHER = "other", _("other joint arrangement")
        PROCUREMENT = "procurement", _("joint procurement")
        AGREEMENT = "agreement", _("agreement")

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("kept in the register of"),
        on_delete=models.CASCADE,
        related_name="joint_arrangements",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.EU_PROJECT)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("from (year)"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to (year)"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    lead_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_arrangements",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    source_ref = source_ref_field()
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("joint arrangement")
        verbose_name_plural = _("joint arrangements")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "slug"], name="unique_arrangement_slug")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("A membership cannot end before it starts.")})
        if (
            self.lead_municipality_id
            and self.cooperation_id
            and not CooperationMember.objects.filter(
                cooperation_id=self.cooperation_id, municipality_id=self.lead_municipality_id
            ).exists()
        ):
            raise ValidationError(
                {
                    "lead_municipality": _("%(name)s is not a member municipality of the cooperation.")
                    % {"name": self.lead_municipality.name}
                }
            )


class Participation(models.Model):
    """A member municipality's part in a joint arrangement other than leading it (the lead is
    `JointArrangement.lead_municipality`): a party to an agreement, a participant, or one that may join."""

    class Role(models.TextChoices):
        PARTY = "party", _("party")
        PARTICIPANT = "participant", _("participant")
        MAY_JOIN = "may_join", _("may join")

    arrangement = models.ForeignKey(
        JointArrangement, verbose_name=_("joint arrangement"), on_delete=models.CASCADE, related_name="participations"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    history = HistoricalRecords()
    cooperation_path = "arrangement__cooperation"

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "municipality"], name="one_participation_per_municipality")
        ]

    def __str__(self):
        return f"{self.municipality} – {self.arrangement} ({self.get_role_display()})"

    def clean(self):
        if self.arrangement_id and self.municipality_id:
            if not CooperationMember.objects.filter(
                cooperation_id=self.arrangement.cooperation_id, municipality_id=self.municipality_id
            ).exists():
                raise ValidationError(
                    {
                        "municipality": _("%(name)s is not a member municipality of the cooperation.")
                        % {"name": self.municipality.name}
                    }
                )
            if self.municipality_id == self.arrangement.lead_municipality_id:
                raise ValidationError({"municipality": _("The lead municipality takes part as the lead.")})


class Ownership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ownerships")
    owner_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("owning municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ownerships",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_shares",
    )
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_share],
        help_text=_("Leave empty when the share is not known."),
    )
    history = HistoricalRecords()
    cooperation_path = "organisation__cooperation"

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_municipality__isnull=False) & Q(owner_organisation__isnull=True))
                | (Q(owner_municipality__isnull=True) & Q(owner_organisation__isnull=False)),
                name="ownership_exactly_one_owner",
            )
        ]

    def __str__(self):
        return _("%(owner)s owns %(organisation)s") % {"owner": self.owner, "organisation": self.organisation}

    @property
    def owner(self):
        return self.owner_municipality or self.owner_organisation

    def clean(self):
        if bool(self.owner_municipality_id) == bool(self.owner_organisation_id):
            raise ValidationError(_("Give exactly one owner: a municipality or an organisation."))
        if self.owner_organisation_id and self.owner_organisation_id == self.organisation_id:
            raise ValidationError(_("An organisation cannot own itself."))
        if self.share_percent is not None and self.organisation_id:
            others = Ownership.objects.filter(
                organisation_id=self.organisation_id, share_percent__isnull=False
            ).exclude(pk=self.pk).aggregate(total=models.Sum("share_percent"))["total"] or Decimal("0")
            if others + self.share_percent > Decimal("100"):
                raise ValidationError({"share_percent": _("The owners' shares would add up to more than 100 %.")})


class OwnerSteeringRecord(models.Model):
    class Kind(models.TextChoices):
        DIRECTIVE = "directive", _("owner directive")
        DIALOGUE = "dialogue", _("owner dialogue")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="steering_records")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(
        _("file"), upload_to=uploads.upload_to("owner-steering"), blank=True, validators=[uploads.validate_pdf_or_docx]
    )
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("An owner dialogue's minutes, once it has been held.")
    )
    history = HistoricalRecords()
    cooperation_path = "organisation__cooperation"

    class Meta:
        verbose_name = _("owner directive or dialogue")
        verbose_name_plural = _("owner directives and dialogues")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date}: {self.title}"

    def file_url(self) -> str:
        """Where the file is downloaded (a checking view, never /media/); "" without a file."""
        if not self.file:
            return ""
        return reverse(
            "organisations:steering_file", args=[self.organisation.cooperation.slug, self.organisation.slug, self.pk]
        )


class Person(models.Model):
    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("kept in the register of"), on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    employer_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("employer (municipality)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
    )
    employer_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("employer (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
    )
    # Contact data is never shown publicly (not in public pages, not in the public API).
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_demo = models.BooleanField(
        _("demo placeholder"), default=False, help_text=_("A fictitious placeholder, not a real person.")
    )
    source_ref = source_ref_field()
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def employer(self):
        return self.employer_municipality or self.employer_organisation


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice chair")
        MEMBER = "member", _("member")
        SUBSTITUTE = "substitute", _("substitute")
        CO_OPTED = "co_opted", _("co-opted")
        SECRETARY = "secretary", _("secretary")
        DEVELOPMENT_LEAD = "development_lead", _("development lead")
        ADMINISTRATOR = "administrator", _("administrator")
        LEAD = "lead", _("network lead")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.MEMBER)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("represents"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_memberships",
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()
    cooperation_path = "body__cooperation"

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "person__name"]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.body}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A membership cannot end before it starts.")})
        if self.person_id and self.body_id and self.person.cooperation_id != self.body.cooperation_id:
            raise ValidationError(_("The person and the body belong to different cooperations."))

    def is_current(self, on: dt.date | None = None) -> bool:
        return is_current_on(self.start, self.end, on or timezone.localdate())

    def is_coming(self, on: dt.date | None = None) -> bool:
        """Starts after `on` (today by default): a coming member, not a former one."""
        return self.start is not None and self.start > (on or timezone.localdate())

    @property
    def status(self) -> str:
        """ "current", "coming" or "past" today."""
        return "current" if self.is_current() else "coming" if self.is_coming() else "past"


class StaffRole(models.Model):
    """A user's role in one cooperation: what they may change there (the rules in organisations/permissions.py)."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("secretariat")
        COMMITTEE = "committee", _("committee member")
        MANAGEMENT = "management", _("management group member")
        NETWORK_LEAD = "network_lead", _("network lead")
        NETWORK_MEMBER = "network_member", _("network member")
        REGISTRAR = "registrar", _("registrar")

    #: The roles tied to one network (`body`). A network member reads what the cooperation's staff read
    #: (drafts included) and may change nothing; a network lead also reports for the network.
    NETWORK_ROLES = (Role.NETWORK_LEAD, Role.NETWORK_MEMBER)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality (registrar)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("network (network lead or member)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    #: Who granted the role: "" when granted here (by the secretariat or an administrator), else the key of the
    #: identity provider that asserts it (a SocialApp's provider_id); such roles end when the provider stops.
    granted_by = models.CharField(_("granted by identity provider"), max_length=100, blank=True, default="")
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cooperation", "role", "municipality", "body"], name="unique_staff_role"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.cooperation}"

    def clean(self):
        if self.role == self.Role.REGISTRAR and not self.municipality_id:
            raise ValidationError({"municipality": _("A registrar must be tied to a municipality.")})
        if self.role == self.Role.NETWORK_LEAD and not self.body_id:
            raise ValidationError({"body": _("A network lead must be tied to a network.")})
        if self.role == self.Role.NETWORK_MEMBER and not self.body_id:
            raise ValidationError({"body": _("A network member must be tied to a network.")})
        if self.body_id and self.cooperation_id and self.body.cooperation_id != self.cooperation_id:
            raise ValidationError({"body": _("The network belongs to another cooperation.")})
