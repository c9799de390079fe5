"""Writes of the arrangements app: atomic, actor checked (arrangements/rules.py, organisations/rules.py),
validated with a Swedish message and nothing saved on error, audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from arrangements import audit
from arrangements.models import Agreement, AgreementVersion, CommitteeMinutes, OwnerDecision, Procurement, Project
from core.errors import DomainError
from core.services import audited_delete, audited_save, lock, refuse_duplicate, require_permission
from organisations.models import JointArrangement, Organisation, OwnerSteeringRecord, Participation
from programme import services as programme_services
from programme.models import AdoptionRound

Kind = JointArrangement.Kind
ROLE = Participation.Role


def kronor(value) -> Decimal | None:
    """Whole kronor from user input ("1 200 000", "1200000 kr"); None for empty; refuses anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        amount = value
    else:
        text = str(value).replace("\u00a0", "").replace(" ", "").removesuffix("kr").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise DomainError({"value": [_("Give the amount in whole kronor, e.g. 1200000.")]}) from None
    if amount != amount.to_integral_value() or amount < 0:
        raise DomainError({"value": [_("Give the amount in whole kronor, e.g. 1200000.")]})
    return amount


def _refuse_period(start, end, field: str) -> None:
    if start and end and end < start:
        raise DomainError({field: [_("The end cannot be before the start.")]})


def _unique_slug(cooperation, name: str, slug: str = "") -> str:
    base = slugify(slug or name)[:90] or "samverkan"
    candidate, n = base, 2
    while JointArrangement.objects.filter(cooperation=cooperation, slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _arrangement(
    *,
    actor,
    cooperation,
    kind: str,
    name: str,
    description: str,
    lead,
    start_year,
    end_year,
    arrangement: JointArrangement | None,
) -> JointArrangement:
    if arrangement is None:
        arrangement = JointArrangement(cooperation=cooperation, kind=kind, slug=_unique_slug(cooperation, name))
        require_permission(actor, "add", arrangement)
    else:
        require_permission(actor, "change", arrangement)
    arrangement.name = (name or "").strip()
    arrangement.description = (description or "").strip()
    arrangement.lead_municipality = lead
    arrangement.start_year = start_year
    arrangement.end_year = end_year
    return audited_save(arrangement, actor=actor, action=audit.ARRANGEMENT_SAVED)


def _participants(*, actor, arrangement: JointArrangement, roles: dict) -> None:
    """Set who takes part: `roles` maps a municipality to a Participation role (None: takes no part)."""
    existing = {p.municipality_id: p for p in arrangement.participations.all()}
    for municipality, role in roles.items():
        current = existing.get(municipality.pk)
        if role is None:
            if current is not None:
                require_permission(actor, "delete", current)
                audited_delete(current, actor=actor, action=audit.PARTICIPATION_REMOVED)
            continue
        if role not in ROLE.values:
            raise DomainError({"participants": [_("Unknown role.")]})
        p = current or Participation(arrangement=arrangement, municipality=municipality)
        require_permission(actor, "change" if current else "add", p)
        p.role = role
        try:
            audited_save(p, actor=actor, action=audit.PARTICIPATION_SET)
        except ValidationError as exc:  # e.g. not a member of the cooperation: shown with the participants
            raise DomainError({"participants": exc.messages}) from None


@transaction.atomic
def participation_set(*, actor, arrangement: JointArrangement, roles: dict) -> None:
    require_permission(actor, "change", arrangement)
    _participants(actor=actor, arrangement=arrangement, roles=roles)


@transaction.atomic
def procurement_save(
    *,
    actor,
    cooperation,
    name: str,
    subject: str,
    lead=None,
    roles: dict | None = None,
    status: str = Procurement.Status.UNKNOWN,
    contract_start: dt.date | None = None,
    contract_end: dt.date | None = None,
    extension_until: dt.date | None = None,
    notice_date: dt.date | None = None,
    value=None,
    notice_url: str = "",
    description: str = "",
    procurement: Procurement | None = None,
) -> Procurement:
    """Register a joint procurement (or change one): the arrangement, its own fields and who takes part."""
    _refuse_period(contract_start, contract_end, "contract_end")
    arrangement = _arrangement(
        actor=actor,
        cooperation=cooperation,
        kind=Kind.PROCUREMENT,
        name=name,
        description=description,
        lead=lead,
        start_year=contract_start.year if contract_start else None,
        end_year=(extension_until or contract_end).year if (extension_until or contract_end) else None,
        arrangement=procurement.arrangement if procurement else None,
    )
    p = procurement or Procurement(arrangement=arrangement)
    p.subject, p.status = (subject or "").strip(), status
    p.contract_start, p.contract_end, p.extension_until, p.notice_date = (
        contract_start,
        contract_end,
        extension_until,
        notice_date,
    )
    p.value, p.notice_url = kronor(value), (notice_url or "").strip()
    audited_save(p, actor=actor, action=audit.ARRANGEMENT_SAVED)
    if roles:
        _participants(actor=actor, arrangement=arrangement, roles=roles)
    return p


@transaction.atomic
def agreement_save(
    *,
    actor,
    cooperation,
    name: str,
    agreement_type: str,
    parties: list,
    organisation=None,
    notice_months: int | None = None,
    lead=None,
    description: str = "",
    agreement: Agreement | None = None,
) -> Agreement:
    """Register an agreement (or change one) with its parties (every party has the role "party")."""
    if organisation is not None and organisation.cooperation_id != cooperation.pk:
        raise DomainError({"organisation": [_("The organisation belongs to another cooperation.")]})
    arrangement = _arrangement(
        actor=actor,
        cooperation=cooperation,
        kind=Kind.AGREEMENT,
        name=name,
        description=description,
        lead=lead,
        start_year=None,
        end_year=None,
        arrangement=agreement.arrangement if agreement else None,
    )
    a = agreement or Agreement(arrangement=arrangement)
    a.agreement_type, a.organisation, a.notice_months = agreement_type, organisation, notice_months
    audited_save(a, actor=actor, action=audit.ARRANGEMENT_SAVED)
    roles = {m: ROLE.PARTY for m in parties if m.pk != arrangement.lead_municipality_id}
    for p in arrangement.participations.select_related("municipality"):
        roles.setdefault(p.municipality, None)
    _participants(actor=actor, arrangement=arrangement, roles=roles)
    return a


@transaction.atomic
def project_save(
    *,
    actor,
    cooperation,
    name: str,
    kind: str = Kind.EU_PROJECT,
    lead=None,
    roles: dict | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    funding: str = "",
    budget=None,
    partners: str = "",
    results: str = "",
    description: str = "",
    project: Project | None = None,
) -> Project:
    _refuse_period(start_year, end_year, "end_year")
    if kind not in (Kind.EU_PROJECT, Kind.OTHER):
        raise DomainError({"kind": [_("Unknown kind of project.")]})
    arrangement = _arrangement(
        actor=actor,
        cooperation=cooperation,
        kind=kind,
        name=name,
        description=description,
        lead=lead,
        start_year=start_year,
        end_year=end_year,
        arrangement=project.arrangement if project else None,
    )
    p = project or Project(arrangement=arrangement)
    p.funding, p.partners, p.results = funding.strip(), partners.strip(), results.strip()
    try:
        p.budget = kronor(budget)
    except DomainError:
        raise DomainError({"budget": [_("Give the amount in whole kronor, e.g. 1200000.")]}) from None
    audited_save(p, actor=actor, action=audit.ARRANGEMENT_SAVED)
    if roles:
        _participants(actor=actor, arrangement=arrangement, roles=roles)
    return p


@transaction.atomic
def agreement_version_add(
    *,
    actor,
    agreement: Agreement,
    title: str,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    file=None,
) -> AgreementVersion:
    """A new version of an agreement, as a draft: it is in force only once every party has adopted it."""
    _refuse_period(valid_from, valid_until, "valid_until")
    lock(agreement)
    last = agreement.versions.order_by("-number").first()
    version = AgreementVersion(
        agreement=agreement,
        number=(last.number + 1) if last else 1,
        title=title.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    require_permission(actor, "add", version)
    if file:
        version.file = file
    return audited_save(version, actor=actor, action=audit.VERSION_ADDED)


@transaction.atomic
def agreement_version_send(
    *, actor, version: AgreementVersion, sent_on: dt.date, deadline: dt.date | None, members: list[tuple]
) -> AdoptionRound:
    """Send a version out for adoption to the parties' boards (`members`: [(municipality, deciding body)]),
    through the programme app's adoption rounds. Only parties of the agreement may be chosen."""
    require_permission(actor, "change", version)
    given, version = version, lock(version)
    if version.adoption_round_id:
        raise DomainError(_("This version has already been sent out for adoption."))
    if version.documented_in_force:
        raise DomainError(_("This version is already in force."))
    arrangement = version.agreement.arrangement
    parties = {p.municipality_id for p in arrangement.participations.filter(role=ROLE.PARTY)}
    if arrangement.lead_municipality_id:
        parties.add(arrangement.lead_municipality_id)
    outside = [m.name for m, _body in members if m.pk not in parties]
    if outside:
        raise DomainError({"members": [_("Not a party to the agreement: %(names)s.") % {"names": ", ".join(outside)}]})
    if deadline and deadline < sent_on:
        raise DomainError({"deadline": [_("The deadline cannot be before the document is sent out.")]})
    rnd = programme_services.adoption_round_send_for(
        actor=actor,
        cooperation=arrangement.cooperation,
        kind=AdoptionRound.Kind.AGREEMENT,
        title=f"{arrangement.name}: {version.title}",
        sent_on=sent_on,
        deadline=deadline,
        members=members,
    )
    version.adoption_round = rnd
    audited_save(version, actor=actor, action=audit.VERSION_SENT)
    given.adoption_round = rnd  # the caller's object says it was sent, too
    return rnd


@transaction.atomic
def owner_dialogue_save(
    *,
    actor,
    organisation: Organisation,
    date: dt.date,
    title: str,
    text: str = "",
    minutes: str = "",
    record: OwnerSteeringRecord | None = None,
) -> OwnerSteeringRecord:
    """Plan an owner dialogue (a date in the yearly plan) or record its minutes once held."""
    if not organisation.is_jointly_owned:
        raise DomainError(_("Owner dialogues are held with jointly owned organisations only."))
    r = record or OwnerSteeringRecord(organisation=organisation, kind=OwnerSteeringRecord.Kind.DIALOGUE)
    require_permission(actor, "change" if record else "add", r)
    r.date, r.title, r.text, r.minutes = date, (title or "").strip(), (text or "").strip(), (minutes or "").strip()
    return audited_save(r, actor=actor, action=audit.DIALOGUE_SAVED)


@transaction.atomic
def owner_decision_record(
    *,
    actor,
    record: OwnerSteeringRecord,
    municipality,
    text: str,
    decided_on: dt.date | None = None,
    body_name: str = "",
) -> OwnerDecision:
    decision = OwnerDecision.objects.filter(record=record, municipality=municipality).first()
    decision = decision or OwnerDecision(record=record, municipality=municipality)
    require_permission(actor, "change" if decision.pk else "add", decision)
    decision.text, decision.decided_on = (text or "").strip(), decided_on
    if body_name.strip():
        decision.body_name = body_name.strip()
    return audited_save(decision, actor=actor, action=audit.DECISION_SAVED)


@transaction.atomic
def committee_minutes_add(
    *, actor, organisation: Organisation, date: dt.date, title: str, text: str = "", file=None
) -> CommitteeMinutes:
    minutes = CommitteeMinutes(
        organisation=organisation, date=date, title=(title or "").strip(), text=(text or "").strip()
    )
    require_permission(actor, "add", minutes)
    refuse_duplicate(
        CommitteeMinutes.objects.filter(organisation=organisation, date=date, title=minutes.title),
        _("These minutes are already registered."),
    )
    if file:
        minutes.file = file
    return audited_save(minutes, actor=actor, action=audit.MINUTES_ADDED)
