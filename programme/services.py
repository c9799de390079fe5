"""Writes of the programme app: atomic, validated, audited; a Swedish message and nothing saved on error."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict, DomainError
from core.services import audited_save, lock, may, refuse_duplicate
from programme import audit
from programme.models import Adoption, AdoptionRound, AdoptionStep, Programme


def _require_recorder(actor, action: str, obj) -> None:
    """A municipality's adoption is recorded by its registrar or the secretariat (programme/rules.py)."""
    if not may(actor, action, obj):
        raise PermissionDenied(_("You may only record adoptions for your own municipality."))


@transaction.atomic
def adoption_round_open(*, actor, programme: Programme, sent_on: dt.date, deadline: dt.date | None = None,
                        title: str = "") -> AdoptionRound:
    """Send a programme out to every member's board for adoption."""
    rnd = AdoptionRound(
        cooperation=programme.cooperation, kind=AdoptionRound.Kind.PROGRAMME, programme=programme,
        title=title or programme.name, sent_on=sent_on, deadline=deadline,
    )
    if not may(actor, "add", rnd):
        raise PermissionDenied(_("Only the secretariat may do this."))
    if AdoptionRound.objects.filter(programme=programme).exists():
        raise DomainError(_("This programme has already been sent out for adoption."))
    return audited_save(rnd, actor=actor, action=audit.ROUND_OPENED)


@transaction.atomic
def adoption_create(*, actor, adoption_round: AdoptionRound, municipality, case_number: str = "",
                    deciding_body: str = "") -> Adoption:
    cooperation = adoption_round.cooperation
    _require_recorder(actor, "add", Adoption(round=adoption_round, municipality=municipality))
    if not cooperation.is_member(municipality):
        raise DomainError({"municipality": [_("%(name)s is not a member of %(coop)s.") % {
            "name": municipality.name, "coop": cooperation.name}]})
    lock(adoption_round)  # serialises parallel creates in this round (a double click, a retry)
    if Adoption.objects.filter(round=adoption_round, municipality=municipality).exists():
        raise Conflict({"municipality": [_("%(name)s already has an adoption of this document; "
                                           "record a new step in it instead.") % {"name": municipality.name}]})
    adoption = Adoption(round=adoption_round, municipality=municipality, case_number=case_number.strip())
    if deciding_body.strip():
        adoption.deciding_body = deciding_body.strip()
    return audited_save(adoption, actor=actor, action=audit.ADOPTION_CREATED)


@transaction.atomic
def adoption_step_record(*, actor, adoption_round: AdoptionRound, municipality, kind: str, body_name: str,
                         meeting_date: dt.date, outcome: str, paragraph: str = "", text: str = "",
                         extract=None, case_number: str | None = None,
                         deciding_body: str | None = None) -> AdoptionStep:
    """Record one step of a municipality's case (creating the case on its first step). Steps of a round
    are serialised on the round's row; the same step twice (a double click, a retried request, parallel
    identical decisions) is refused with a Conflict, so exactly one is recorded."""
    _require_recorder(actor, "add", Adoption(round=adoption_round, municipality=municipality))
    lock(adoption_round)
    adoption = Adoption.objects.filter(round=adoption_round, municipality=municipality).first()
    if adoption is None:
        adoption = adoption_create(actor=actor, adoption_round=adoption_round, municipality=municipality,
                                   case_number=case_number or "", deciding_body=deciding_body or "")
    else:
        changed = False
        if case_number is not None and case_number.strip() and case_number.strip() != adoption.case_number:
            adoption.case_number = case_number.strip()
            changed = True
        if deciding_body is not None and deciding_body.strip() and deciding_body.strip() != adoption.deciding_body:
            adoption.deciding_body = deciding_body.strip()
            changed = True
        if changed:
            audited_save(adoption, actor=actor, action=audit.ADOPTION_CHANGED)
    step = AdoptionStep(
        adoption=adoption, kind=kind, body_name=body_name.strip(), meeting_date=meeting_date,
        paragraph=_normalise_paragraph(paragraph), text=text.strip(), outcome=outcome,
    )
    refuse_duplicate(
        AdoptionStep.objects.filter(adoption=adoption, kind=step.kind, body_name=step.body_name,
                                    meeting_date=meeting_date, paragraph=step.paragraph),
        _("This step (%(body)s, %(date)s %(paragraph)s) is already recorded for %(name)s.") % {
            "body": step.body_name, "date": meeting_date, "paragraph": step.paragraph, "name": municipality.name},
    )
    if extract:
        step.extract = extract
    return audited_save(step, actor=actor, action=audit.STEP_RECORDED)


@transaction.atomic
def adoption_step_correct(*, actor, step: AdoptionStep, reason: str = "", **fields) -> AdoptionStep:
    """Correct a recorded step (its history keeps the earlier version)."""
    _require_recorder(actor, "change", step)
    allowed = {"kind", "body_name", "meeting_date", "paragraph", "text", "outcome", "extract"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        if name == "extract" and not value:
            continue
        if name == "paragraph":
            value = _normalise_paragraph(value)
        setattr(step, name, value)
    return audited_save(step, actor=actor, action=audit.STEP_CORRECTED, reason=reason)


def _normalise_paragraph(value: str) -> str:
    """'60' and '§60' become '§ 60'."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = value.lstrip("§").strip()
    return f"§ {digits}"
