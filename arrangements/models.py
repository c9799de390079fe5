"""The joint arrangements' own fields, one table per kind of arrangement.

The register of arrangements is `organisations.JointArrangement` (name, kind, period in years, lead,
`Participation` of the other member municipalities); a procurement, an agreement or a project has one row
here with the fields of its kind. Jointly owned organisations and joint committees are
`organisations.Organisation` (owners, shares, owner directives and dialogues); here are what their
owners decided on a dialogue (`OwnerDecision`) and a joint committee's own minutes.

An agreement's new version is adopted by every party's board through the programme app's adoption
rounds (`AgreementVersion.adoption_round`): it is in force only once every party has adopted it
(`arrangements.status`).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core import uploads
from core.publication import PublishableQuerySet
from organisations.models import JointArrangement, Municipality, Organisation, Ownership, OwnerSteeringRecord
from programme.models import AdoptionRound

kronor_validators = [MinValueValidator(Decimal("0"))]


def _period_error(start, end, field: str):
    if start and end and end < start:
        raise ValidationError({field: _("The end cannot be before the start.")})


class Procurement(models.Model):
    class Status(models.TextChoices):
        UNKNOWN = "unknown", _("not known")
        PLANNED = "planned", _("planned")
        TENDERING = "tendering", _("being procured")
        CONTRACTED = "contracted", _("contract in force")
        ENDED = "ended", _("ended")

    arrangement = models.OneToOneField(JointArrangement, on_delete=models.CASCADE, related_name="procurement")
    subject = models.TextField(_("object of the procurement"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNKNOWN)
    contract_start = models.DateField(_("contract from"), null=True, blank=True)
    contract_end = models.DateField(_("contract to"), null=True, blank=True)
    extension_until = models.DateField(_("may be extended to"), null=True, blank=True)
    notice_date = models.DateField(_("last day to give notice or extend"), null=True, blank=True)
    value = models.DecimalField(
        _("value (kr)"), max_digits=14, decimal_places=0, null=True, blank=True, validators=kronor_validators
    )
    notice_url = models.URLField(_("link to the notice"), blank=True)
    history = HistoricalRecords()
    cooperation_path = "arrangement__cooperation"

    class Meta:
        verbose_name = _("joint procurement")
        verbose_name_plural = _("joint procurements")

    def __str__(self):
        return str(self.arrangement)

    def clean(self):
        _period_error(self.contract_start, self.contract_end, "contract_end")
        if self.extension_until and self.contract_end and self.extension_until < self.contract_end:
            raise ValidationError({"extension_until": _("An extension cannot end before the contract.")})
        if self.notice_date and self.contract_end and self.notice_date > self.contract_end:
            raise ValidationError({"notice_date": _("Notice must be given before the contract ends.")})


class Agreement(models.Model):
    class Type(models.TextChoices):
        COOPERATION = "cooperation", _("cooperation agreement")
        JOINT_COMMITTEE = "joint_committee", _("agreement on a joint committee")
        FEDERATION_CHARTER = "federation_charter", _("federation charter")
        RULES = "rules", _("rules of procedure")

    arrangement = models.OneToOneField(JointArrangement, on_delete=models.CASCADE, related_name="agreement")
    agreement_type = models.CharField(_("type of agreement"), max_length=30, choices=Type.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("concerns"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("The joint committee or federation the agreement governs."),
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    history = HistoricalRecords()
    cooperation_path = "arrangement__cooperation"

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return str(self.arrangement)

    def clean(self):
        if (
            self.organisation_id
            and self.arrangement_id
            and (self.organisation.cooperation_id != self.arrangement.cooperation_id)
        ):
            raise ValidationError({"organisation": _("The organisation belongs to another cooperation.")})


class AgreementVersionQuerySet(PublishableQuerySet):
    def published_q(self) -> Q:
        """A version is public once it is sent out for adoption or is in force according to the sources."""
        return Q(adoption_round__isnull=False) | Q(documented_in_force=True)


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(pgettext_lazy("agreement version", "valid until"), null=True, blank=True)
    file = models.FileField(
        _("file"), upload_to=uploads.upload_to("agreements"), blank=True, validators=[uploads.validate_pdf_or_docx]
    )
    documented_in_force = models.BooleanField(
        _("in force according to the sources"),
        default=False,
        help_text=_("The sources say the version is in force, but the parties' decisions are not recorded."),
    )
    adoption_round = models.OneToOneField(
        AdoptionRound,
        verbose_name=_("adoption round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_version",
    )
    history = HistoricalRecords()
    cooperation_path = "agreement__arrangement__cooperation"
    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["agreement", "-number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="unique_agreement_version")]

    def __str__(self):
        return f"{self.agreement} – {self.title}"

    def clean(self):
        _period_error(self.valid_from, self.valid_until, "valid_until")

    def file_url(self) -> str:
        if not self.file:
            return ""
        arrangement = self.agreement.arrangement
        return reverse("arrangements:version_file", args=[arrangement.cooperation.slug, arrangement.slug, self.number])


class Project(models.Model):
    arrangement = models.OneToOneField(JointArrangement, on_delete=models.CASCADE, related_name="project")
    funding = models.CharField(_("funding"), max_length=200, blank=True, help_text=_("E.g. the EU fund."))
    budget = models.DecimalField(
        _("budget (kr)"), max_digits=14, decimal_places=0, null=True, blank=True, validators=kronor_validators
    )
    partners = models.TextField(_("partners outside the cooperation"), blank=True)
    results = models.TextField(_("results"), blank=True)
    history = HistoricalRecords()
    cooperation_path = "arrangement__cooperation"

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return str(self.arrangement)


class OwnerDecision(models.Model):
    """One owner's decision on an owner dialogue or directive (e.g. its board adopting the directive)."""

    record = models.ForeignKey(OwnerSteeringRecord, on_delete=models.CASCADE, related_name="owner_decisions")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owner_decisions"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    body_name = models.CharField(_("deciding body"), max_length=200, default="Kommunstyrelsen")
    text = models.TextField(_("decision"))
    history = HistoricalRecords()
    cooperation_path = "record__organisation__cooperation"

    class Meta:
        verbose_name = _("owner's decision")
        verbose_name_plural = _("owners' decisions")
        ordering = ["municipality__name"]
        constraints = [models.UniqueConstraint(fields=["record", "municipality"], name="one_decision_per_owner")]

    def __str__(self):
        return f"{self.municipality}: {self.record}"

    def clean(self):
        if (
            self.record_id
            and self.municipality_id
            and not Ownership.objects.filter(
                organisation_id=self.record.organisation_id, owner_municipality_id=self.municipality_id
            ).exists()
        ):
            raise ValidationError(
                {
                    "municipality": _("%(name)s is not an owner of %(org)s.")
                    % {"name": self.municipality.name, "org": self.record.organisation.name}
                }
            )


class CommitteeMinutes(models.Model):
    """A joint committee's own minutes (the committee is an `Organisation` of kind joint committee)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="committee_minutes")
    date = models.DateField(_("meeting date"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("minutes"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=uploads.upload_to("committee-minutes"),
        blank=True,
        validators=[uploads.validate_pdf_or_docx],
    )
    history = HistoricalRecords()
    cooperation_path = "organisation__cooperation"

    class Meta:
        verbose_name = _("minutes of a joint committee")
        verbose_name_plural = _("minutes of joint committees")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.organisation} {self.date}"

    def clean(self):
        if self.organisation_id and self.organisation.kind != Organisation.Kind.JOINT_COMMITTEE:
            raise ValidationError({"organisation": _("Only a joint committee keeps its own minutes here.")})
