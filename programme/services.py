"""Writes of the programme app: atomic, validated, audited; a Swedish message and nothing saved on error."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict, DomainError
from core.services import audited_delete, audited_save, lock, may, refuse_duplicate
from programme import audit
from programme.models import (
    DECIDING_BODIES,
    Adoption,
    AdoptionReminder,
    AdoptionRound,
    AdoptionStep,
    ExternalGoal,
    FocusArea,
    Goal,
    Principle,
    Programme,
)


def _require_recorder(actor, action: str, obj) -> None:
    """A municipality's adoption is recorded by its registrar or the secretariat (programme/rules.py)."""
    if not may(actor, action, obj):
        raise PermissionDenied(_("You may only record adoptions for your own municipality."))


@transaction.atomic
def adoption_round_open(
    *, actor, programme: Programme, sent_on: dt.date, deadline: dt.date | None = None, title: str = ""
) -> AdoptionRound:
    """Send a programme out to every member's board for adoption."""
    rnd = AdoptionRound(
        cooperation=programme.cooperation,
        kind=AdoptionRound.Kind.PROGRAMME,
        programme=programme,
        title=title or programme.name,
        sent_on=sent_on,
        deadline=deadline,
    )
    if not may(actor, "add", rnd):
        raise PermissionDenied(_("Only the secretariat may do this."))
    if AdoptionRound.objects.filter(programme=programme).exists():
        raise DomainError(_("This programme has already been sent out for adoption."))
    return audited_save(rnd, actor=actor, action=audit.ROUND_OPENED)


@transaction.atomic
def adoption_create(
    *, actor, adoption_round: AdoptionRound, municipality, case_number: str = "", deciding_body: str = ""
) -> Adoption:
    cooperation = adoption_round.cooperation
    _require_recorder(actor, "add", Adoption(round=adoption_round, municipality=municipality))
    if not cooperation.is_member(municipality):
        raise DomainError(
            {
                "municipality": [
                    _("%(name)s is not a member of %(coop)s.") % {"name": municipality.name, "coop": cooperation.name}
                ]
            }
        )
    lock(adoption_round)  # serialises parallel creates in this round (a double click, a retry)
    if Adoption.objects.filter(round=adoption_round, municipality=municipality).exists():
        raise Conflict(
            {
                "municipality": [
                    _("%(name)s already has an adoption of this document; record a new step in it instead.")
                    % {"name": municipality.name}
                ]
            }
        )
    adoption = Adoption(round=adoption_round, municipality=municipality, case_number=case_number.strip())
    if deciding_body.strip():
        adoption.deciding_body = deciding_body.strip()
    return audited_save(adoption, actor=actor, action=audit.ADOPTION_CREATED)


@transaction.atomic
def adoption_step_record(
    *,
    actor,
    adoption_round: AdoptionRound,
    municipality,
    kind: str,
    body_name: str,
    meeting_date: dt.date,
    outcome: str,
    paragraph: str = "",
    text: str = "",
    extract=None,
    case_number: str | None = None,
    deciding_body: str | None = None,
) -> AdoptionStep:
    """Record one step of a municipality's case (creating the case on its first step). Steps of a round
    are serialised on the round's row; the same step twice (a double click, a retried request, parallel
    identical decisions) is refused with a Conflict, so exactly one is recorded."""
    _require_recorder(actor, "add", Adoption(round=adoption_round, municipality=municipality))
    lock(adoption_round)
    adoption = Adoption.objects.filter(round=adoption_round, municipality=municipality).first()
    if adoption is None:
        adoption = adoption_create(
            actor=actor,
            adoption_round=adoption_round,
            municipality=municipality,
            case_number=case_number or "",
            deciding_body=deciding_body or "",
        )
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
        adoption=adoption,
        kind=kind,
        body_name=body_name.strip(),
        meeting_date=meeting_date,
        paragraph=_normalise_paragraph(paragraph),
        text=text.strip(),
        outcome=outcome,
    )
    refuse_duplicate(
        AdoptionStep.objects.filter(
            adoption=adoption,
            kind=step.kind,
            body_name=step.body_name,
            meeting_date=meeting_date,
            paragraph=step.paragraph,
        ),
        _("This step (%(body)s, %(date)s %(paragraph)s) is already recorded for %(name)s.")
        % {"body": step.body_name, "date": meeting_date, "paragraph": step.paragraph, "name": municipality.name},
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


# ---- the goal tree (staff pages) -----------------------------------------------------------------------------


def _require_editable(programme: Programme) -> None:
    """A programme's text is fixed once it has gone out for adoption: the boards decide on that text."""
    if AdoptionRound.objects.filter(programme=programme).exists():
        raise DomainError(
            _(
                "%(name)s has been sent out for adoption, so its goal tree can no longer be "
                "changed. Start the next version instead."
            )
            % {"name": programme}
        )


def _require_secretariat(actor, action: str, obj) -> None:
    if not may(actor, action, obj):
        raise PermissionDenied(_("Only the secretariat may do this."))


def _next_order(queryset) -> int:
    last = queryset.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


@transaction.atomic
def focus_area_create(
    *, actor, programme: Programme, name: str, group: str = FocusArea.Group.REGIONAL, description: str = ""
) -> FocusArea:
    area = FocusArea(programme=programme, name=name.strip(), group=group, description=description.strip())
    _require_secretariat(actor, "add", area)
    _require_editable(programme)
    area.order = _next_order(FocusArea.objects.filter(programme=programme))
    return audited_save(area, actor=actor, action=audit.AREA_CREATED)


@transaction.atomic
def focus_area_change(*, actor, area: FocusArea, name: str, group: str, description: str = "") -> FocusArea:
    _require_secretariat(actor, "change", area)
    _require_editable(area.programme)
    area.name, area.group, area.description = name.strip(), group, description.strip()
    return audited_save(area, actor=actor, action=audit.AREA_CHANGED)


@transaction.atomic
def focus_area_delete(*, actor, area: FocusArea) -> None:
    _require_secretariat(actor, "delete", area)
    _require_editable(area.programme)
    if area.goals.exists():
        raise DomainError(_("Remove the focus area's goals first."))
    audited_delete(area, actor=actor, action=audit.AREA_DELETED)


@transaction.atomic
def goal_create(*, actor, focus_area: FocusArea, text: str, parent: Goal | None = None) -> Goal:
    goal = Goal(focus_area=focus_area, parent=parent, text=text.strip())
    _require_secretariat(actor, "add", goal)
    _require_editable(focus_area.programme)
    goal.order = _next_order(Goal.objects.filter(focus_area=focus_area, parent=parent))
    return audited_save(goal, actor=actor, action=audit.GOAL_CREATED)


@transaction.atomic
def goal_change(*, actor, goal: Goal, text: str) -> Goal:
    _require_secretariat(actor, "change", goal)
    _require_editable(goal.focus_area.programme)
    goal.text = text.strip()
    return audited_save(goal, actor=actor, action=audit.GOAL_CHANGED)


@transaction.atomic
def goal_delete(*, actor, goal: Goal) -> None:
    _require_secretariat(actor, "delete", goal)
    _require_editable(goal.focus_area.programme)
    if goal.subgoals.exists():
        raise DomainError(_("Remove the goal's sub-goals first."))
    audited_delete(goal, actor=actor, action=audit.GOAL_DELETED)


@transaction.atomic
def tree_move(*, actor, item: FocusArea | Goal, direction: str) -> None:
    """Move a focus area or a goal one place up or down among its siblings (keyboard-friendly reorder)."""
    if direction not in ("up", "down"):
        raise DomainError(_("Unknown direction."))
    _require_secretariat(actor, "change", item)
    if isinstance(item, FocusArea):
        programme, siblings = item.programme, FocusArea.objects.filter(programme=item.programme)
        action = audit.AREA_MOVED
    else:
        programme = item.focus_area.programme
        siblings = Goal.objects.filter(focus_area=item.focus_area, parent=item.parent_id)
        action = audit.GOAL_MOVED
    _require_editable(programme)
    ordered = list(siblings.select_for_update().order_by("order", "id"))
    index = next(i for i, s in enumerate(ordered) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered):
        if sibling.order != position:
            sibling.order = position
            audited_save(sibling, actor=actor, action=action)


@transaction.atomic
def programme_next_version(
    *,
    actor,
    programme: Programme,
    name: str,
    short_name: str,
    slug: str,
    year: int,
    term_start_year: int | None = None,
    term_end_year: int | None = None,
) -> Programme:
    """Start the next version of a programme: a draft that replaces it, with a copy of its texts, principles,
    regional goals and goal tree, to be edited and then sent out for adoption."""
    new = Programme(
        cooperation=programme.cooperation,
        name=name.strip(),
        short_name=short_name.strip(),
        slug=slug.strip(),
        year=year,
        target_year=programme.target_year,
        term_start_year=term_start_year,
        term_end_year=term_end_year,
        replaces=programme,
    )
    for field in (
        "introduction",
        "vision",
        "vision_tagline",
        "purpose",
        "overarching_goal",
        "cross_cutting_theme",
        "focus_areas_intro",
        "regional_intro",
        "internal_intro",
        "external_goals_intro",
    ):
        setattr(new, field, getattr(programme, field))
    _require_secretariat(actor, "add", new)
    if Programme.objects.filter(cooperation=programme.cooperation, slug=new.slug).exists():
        raise DomainError({"slug": [_("Another programme already uses this address.")]})
    draft = Programme.objects.filter(replaces=programme).exclude(adoption_round__isnull=False).first()
    if draft is not None:
        raise DomainError(
            _("A next version of %(name)s is already being drafted: %(draft)s.") % {"name": programme, "draft": draft}
        )
    audited_save(new, actor=actor, action=audit.PROGRAMME_VERSION_STARTED)
    for p in Principle.objects.filter(programme=programme):
        audited_save(Principle(programme=new, text=p.text, order=p.order), actor=actor, action=audit.COPIED)
    for e in ExternalGoal.objects.filter(programme=programme):
        audited_save(
            ExternalGoal(programme=new, framework=e.framework, text=e.text, order=e.order),
            actor=actor,
            action=audit.COPIED,
        )
    for area in FocusArea.objects.filter(programme=programme).prefetch_related("goals"):
        copy = audited_save(
            FocusArea(programme=new, group=area.group, name=area.name, description=area.description, order=area.order),
            actor=actor,
            action=audit.COPIED,
        )
        goals = sorted(area.goals.all(), key=lambda g: (g.parent_id is not None, g.order, g.pk))
        copies: dict[int, Goal] = {}
        for goal in goals:
            copies[goal.pk] = audited_save(
                Goal(focus_area=copy, parent=copies.get(goal.parent_id), text=goal.text, order=goal.order),
                actor=actor,
                action=audit.COPIED,
            )
    return new


# ---- sending out for adoption, reminders ---------------------------------------------------------------------


@transaction.atomic
def adoption_round_send(
    *, actor, programme: Programme, sent_on: dt.date, deadline: dt.date | None, members: list[tuple], title: str = ""
) -> AdoptionRound:
    """Send a programme out to the chosen members' boards: `members` is [(municipality, deciding body)].
    Each chosen member gets its case with the body that decides there (kommunstyrelsen or -fullmäktige)."""
    _require_secretariat(actor, "add", AdoptionRound(cooperation=programme.cooperation, programme=programme))
    if not members:
        raise DomainError({"members": [_("Choose at least one member municipality to send the programme to.")]})
    for municipality, body in members:
        if body not in DECIDING_BODIES:
            raise DomainError({"members": [_("Choose the deciding body for %(name)s.") % {"name": municipality}]})
        if not programme.cooperation.is_member(municipality):
            raise DomainError(
                {
                    "members": [
                        _("%(name)s is not a member of %(coop)s.")
                        % {"name": municipality.name, "coop": programme.cooperation.name}
                    ]
                }
            )
    if not Goal.objects.filter(focus_area__programme=programme).exists():
        raise DomainError(_("The programme has no goals yet; build its goal tree before sending it out."))
    rnd = adoption_round_open(actor=actor, programme=programme, sent_on=sent_on, deadline=deadline, title=title)
    for municipality, body in members:
        adoption_create(actor=actor, adoption_round=rnd, municipality=municipality, deciding_body=body)
    return rnd


@transaction.atomic
def adoption_deciding_body_set(*, actor, adoption: Adoption, deciding_body: str) -> Adoption:
    _require_recorder(actor, "change", adoption)
    if deciding_body not in DECIDING_BODIES:
        raise DomainError({"deciding_body": [_("Choose kommunstyrelsen or kommunfullmäktige.")]})
    if adoption.deciding_body != deciding_body:
        adoption.deciding_body = deciding_body
        audited_save(adoption, actor=actor, action=audit.ADOPTION_CHANGED)
    return adoption


#: A board that has not decided is reminded at most once in this many days.
REMINDER_INTERVAL = dt.timedelta(days=14)


@transaction.atomic
def adoption_reminders_send(
    *, actor, adoption_round: AdoptionRound, now: dt.datetime | None = None
) -> list[AdoptionReminder]:
    """Remind every chosen member whose board has not decided yet (not reminded within REMINDER_INTERVAL):
    an e-mail to the municipality's registrars, and a record of who was reminded, when and by whom."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils import timezone

    from organisations.models import StaffRole
    from programme import status as st

    _require_secretariat(actor, "add", AdoptionReminder(round=adoption_round))
    now = now or timezone.now()
    adoptions = list(
        Adoption.objects.filter(round=adoption_round).select_related("municipality").prefetch_related("steps")
    )
    recent = set(
        AdoptionReminder.objects.filter(round=adoption_round, sent_at__gt=now - REMINDER_INTERVAL).values_list(
            "municipality_id", flat=True
        )
    )
    sent = []
    for adoption in adoptions:
        state = st.municipality_state(
            [st.StepFacts(s.kind, s.outcome, s.meeting_date, s.pk) for s in adoption.steps.all()]
        )
        if state.has_adopted or state.status == st.REJECTED or adoption.municipality_id in recent:
            continue
        addresses = sorted(
            set(
                StaffRole.objects.filter(
                    cooperation=adoption_round.cooperation,
                    role=StaffRole.Role.REGISTRAR,
                    municipality=adoption.municipality,
                    user__is_active=True,
                )
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
        )
        reminder = audited_save(
            AdoptionReminder(
                round=adoption_round,
                municipality=adoption.municipality,
                sent_at=now,
                sent_by=actor if getattr(actor, "is_authenticated", False) else None,
                recipients="\n".join(addresses),
            ),
            actor=actor,
            action=audit.REMINDED,
        )
        sent.append(reminder)
        if addresses:
            subject = _("Reminder: %(title)s awaits %(body)s's decision") % {
                "title": adoption_round.title,
                "body": adoption.deciding_body,
            }
            body = _("%(municipality)s has not yet recorded a decision by %(body)s on %(title)s.") % {
                "municipality": adoption.municipality.name,
                "body": adoption.deciding_body,
                "title": adoption_round.title,
            }
            if adoption_round.deadline:
                body += " " + _("The deadline is %(date)s.") % {"date": adoption_round.deadline.isoformat()}
            transaction.on_commit(
                lambda s=subject, b=body, a=addresses: send_mail(
                    s, b, settings.DEFAULT_FROM_EMAIL, a, fail_silently=True
                )
            )
    return sent
