"""Writes of the programme app: atomic, validated, audited; a Swedish message and nothing saved on error."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.services import audited_save
from programme.models import Adoption, AdoptionRound, AdoptionStep, Programme
from programme.rules import can_record_adoption


def _require_secretariat(actor, cooperation):
    from organisations.access import has_role

    if not (getattr(actor, "is_superuser", False) or has_role(actor, cooperation, "secretariat")):
        raise PermissionDenied(_("Only the secretariat may do this."))


@transaction.atomic
def adoption_round_open(*, actor, programme: Programme, sent_on: dt.date, deadline: dt.date | None = None,
                        title: str = "") -> AdoptionRound:
    """Send a programme out to every member's board for adoption."""
    _require_secretariat(actor, programme.cooperation)
    if AdoptionRound.objects.filter(programme=programme).exists():
        raise DomainError(_("This programme has already been sent out for adoption."))
    rnd = AdoptionRound(
        cooperation=programme.cooperation, kind=AdoptionRound.Kind.PROGRAMME, programme=programme,
        title=title or programme.name, sent_on=sent_on, deadline=deadline,
    )
    return audited_save(rnd, actor=actor, reason="Skickat för antagande")


def _require_recorder(actor, cooperation, municipality):
    if not can_record_adoption(actor, cooperation, municipality):
        raise PermissionDenied(_("You may only record adoptions for your own municipality."))


@transaction.atomic
def adoption_create(*, actor, adoption_round: AdoptionRound, municipality, case_number: str = "",
                    deciding_body: str = "") -> Adoption:
    cooperation = adoption_round.cooperation
    _require_recorder(actor, cooperation, municipality)
    if not cooperation.is_member(municipality):
        raise DomainError({"municipality": [_("%(name)s is not a member of %(coop)s.") % {
            "name": municipality.name, "coop": cooperation.name}]})
    if Adoption.objects.filter(round=adoption_round, municipality=municipality).exists():
        raise DomainError({"municipality": [_("%(name)s already has an adoption of this document; "
                                              "record a new step in it instead.") % {"name": municipality.name}]})
    adoption = Adoption(round=adoption_round, municipality=municipality, case_number=case_number.strip())
    if deciding_body.strip():
        adoption.deciding_body = deciding_body.strip()
    return audited_save(adoption, actor=actor, reason="Ärende registrerat")


@transaction.atomic
def adoption_step_record(*, actor, adoption_round: AdoptionRound, municipality, kind: str, body_name: str,
                         meeting_date: dt.date, outcome: str, paragraph: str = "", text: str = "",
                         extract=None, case_number: str | None = None,
                         deciding_body: str | None = None) -> AdoptionStep:
    """Record one step of a municipality's case (creating the case on its first step)."""
    cooperation = adoption_round.cooperation
    _require_recorder(actor, cooperation, municipality)
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
            audited_save(adoption, actor=actor, reason="Ärendeuppgifter ändrade")
    step = AdoptionStep(
        adoption=adoption, kind=kind, body_name=body_name.strip(), meeting_date=meeting_date,
        paragraph=_normalise_paragraph(paragraph), text=text.strip(), outcome=outcome,
    )
    if extract:
        step.extract = extract
    return audited_save(step, actor=actor, reason="Steg registrerat")


@transaction.atomic
def adoption_step_correct(*, actor, step: AdoptionStep, reason: str = "", **fields) -> AdoptionStep:
    """Correct a recorded step (its history keeps the earlier version)."""
    adoption = step.adoption
    _require_recorder(actor, adoption.round.cooperation, adoption.municipality)
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
    return audited_save(step, actor=actor, reason=reason or "Steg rättat")


def _normalise_paragraph(value: str) -> str:
    """'60' and '§60' become '§ 60'."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = value.lstrip("§").strip()
    return f"§ {digits}"
