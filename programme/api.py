"""The programme API: programmes with their goal tree and adoptions (read, public), and recording an
adoption step or a municipality's case (write: the municipality's registrar or the secretariat,
bearer token or session)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from core.api import ErrorOut, Pagination, write_auth
from organisations.access import get_cooperation_or_404
from organisations.models import Municipality
from programme import selectors, services
from programme.models import AdoptionStep, Programme

router = Router(tags=["programme"])


class SubGoalOut(Schema):
    id: int
    text: str
    order: int


class GoalOut(Schema):
    id: int
    text: str
    order: int
    subgoals: list[SubGoalOut]


class FocusAreaOut(Schema):
    id: int
    group: str
    name: str
    description: str
    order: int
    goals: list[GoalOut]


class ExternalGoalOut(Schema):
    framework: str
    text: str


class StepOut(Schema):
    id: int
    kind: str
    body_name: str
    meeting_date: dt.date
    paragraph: str
    text: str
    outcome: str
    extract_url: str | None
    source_ref: str


class AdoptionOut(Schema):
    municipality_code: str
    municipality_name: str
    status: str
    case_number: str
    deciding_body: str | None
    decided_on: dt.date | None
    steps: list[StepOut]


class ProgrammeOut(Schema):
    id: int
    cooperation: str
    slug: str
    name: str
    short_name: str
    year: int
    target_year: int | None
    term_start_year: int | None
    term_end_year: int | None
    replaces: str | None
    status: str
    in_force_on: dt.date | None
    members: int | None
    adopted: int | None
    unknown: int | None
    url: str


class ProgrammeDetailOut(ProgrammeOut):
    vision: str
    vision_tagline: str
    purpose: str
    overarching_goal: str
    cross_cutting_theme: str
    adoption_note: str
    working_forms: str
    changes: list[str]
    source_ref: str
    principles: list[str]
    focus_areas: list[FocusAreaOut]
    external_goals: list[ExternalGoalOut]
    adoptions: list[AdoptionOut]


def _summary(p: Programme, state) -> dict:
    rs = state.round_state
    return {
        "id": p.pk,
        "cooperation": p.cooperation.slug,
        "slug": p.slug,
        "name": p.name,
        "short_name": p.short_name,
        "year": p.year,
        "target_year": p.target_year,
        "term_start_year": p.term_start_year,
        "term_end_year": p.term_end_year,
        "replaces": p.replaces.slug if p.replaces_id else None,
        "status": state.status,
        "in_force_on": state.in_force_on,
        "members": rs.members if rs else None,
        "adopted": rs.adopted if rs else None,
        "unknown": rs.unknown if rs else None,
        "url": p.get_absolute_url(),
    }


def _step(s) -> dict:
    return {
        "id": s.pk,
        "kind": s.kind,
        "body_name": s.body_name,
        "meeting_date": s.meeting_date,
        "paragraph": s.paragraph,
        "text": s.text,
        "outcome": s.outcome,
        "extract_url": s.extract_url() or None,
        "source_ref": s.source_ref,
    }


def _detail(p: Programme) -> dict:
    cooperation = p.cooperation
    _, states = selectors.programme_states(cooperation)
    state = states[p.pk]
    areas = selectors.goal_tree(p)
    rows = selectors.adoption_matrix(cooperation, state.round)
    return {
        **_summary(p, state),
        "vision": p.vision,
        "vision_tagline": p.vision_tagline,
        "purpose": p.purpose,
        "overarching_goal": p.overarching_goal,
        "cross_cutting_theme": p.cross_cutting_theme,
        "adoption_note": p.adoption_note,
        "working_forms": p.working_forms,
        "changes": [line.strip() for line in p.changes.splitlines() if line.strip()],
        "source_ref": p.source_ref,
        "principles": [x.text for x in selectors.principles(p)],
        "focus_areas": [
            {
                "id": a.pk,
                "group": a.group,
                "name": a.name,
                "description": a.description,
                "order": a.order,
                "goals": [
                    {
                        "id": g.pk,
                        "text": g.text,
                        "order": g.order,
                        "subgoals": [{"id": s.pk, "text": s.text, "order": s.order} for s in g.children],
                    }
                    for g in a.top_goals
                ],
            }
            for a in areas
        ],
        "external_goals": [{"framework": e.framework, "text": e.text} for e in selectors.external_goals(p)],
        "adoptions": [
            {
                "municipality_code": r.municipality.code,
                "municipality_name": r.municipality.name,
                "status": r.state.status,
                "case_number": r.adoption.case_number if r.adoption else "",
                "deciding_body": r.adoption.deciding_body if r.adoption else None,
                "decided_on": r.state.decided_on,
                "steps": [_step(s) for s in r.steps],
            }
            for r in rows
        ],
    }


@router.get("/cooperations/{slug}/programmes", response=list[ProgrammeOut], summary="List programmes")
@paginate(Pagination)
def list_programmes(request, slug: str):
    """Every programme of a cooperation, newest first, with its derived status and adoption count."""
    cooperation = get_cooperation_or_404(slug)
    programmes, states = selectors.programme_states(cooperation)
    programmes = selectors.visible_programmes(cooperation, request.user, programmes)
    for p in programmes:
        p.cooperation = cooperation
    return [_summary(p, states[p.pk]) for p in programmes]


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeDetailOut, 404: ErrorOut},
    summary="A programme with its goal tree and adoptions",
)
def get_programme(request, programme_id: int):
    p = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("cooperation", "replaces"), pk=programme_id
    )
    return _detail(p)


class StepIn(Schema):
    kind: str
    body_name: str
    meeting_date: dt.date
    outcome: str
    paragraph: str = ""
    text: str = ""
    case_number: str | None = None
    deciding_body: str | None = None


class AdoptionIn(Schema):
    municipality_code: str
    case_number: str = ""
    deciding_body: str = ""


def _round_or_400(p: Programme):
    state = selectors.programme_state(p)
    if state.round is None:
        raise HttpError(400, "Programmet har inte skickats ut för antagande.")
    return state.round


@router.post(
    "/programmes/{programme_id}/adoptions/{code}/steps",
    auth=write_auth,
    response={201: StepOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Record a step of a municipality's adoption",
)
def record_step(request, programme_id: int, code: str, payload: StepIn):
    """Record a preparing body's proposal or the deciding body's decision (creates the municipality's case
    on its first step). The protocol extract (PDF) is uploaded in the web form. The same step again (same
    kind, body, date and paragraph: a retry or a double click) answers 409 and records nothing."""
    p = get_object_or_404(Programme.objects.select_related("cooperation"), pk=programme_id)
    municipality = get_object_or_404(Municipality, code=code)
    step = services.adoption_step_record(
        actor=request.user,
        adoption_round=_round_or_400(p),
        municipality=municipality,
        **payload.dict(),
    )
    return Status(201, _step(AdoptionStep.objects.get(pk=step.pk)))


@router.post(
    "/programmes/{programme_id}/adoptions",
    auth=write_auth,
    response={201: AdoptionOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Register a municipality's case",
)
def create_adoption(request, programme_id: int, payload: AdoptionIn):
    p = get_object_or_404(Programme.objects.select_related("cooperation"), pk=programme_id)
    municipality = get_object_or_404(Municipality, code=payload.municipality_code)
    a = services.adoption_create(
        actor=request.user,
        adoption_round=_round_or_400(p),
        municipality=municipality,
        case_number=payload.case_number,
        deciding_body=payload.deciding_body,
    )
    return Status(
        201,
        {
            "municipality_code": municipality.code,
            "municipality_name": municipality.name,
            "status": "not_handled",
            "case_number": a.case_number,
            "deciding_body": a.deciding_body,
            "decided_on": None,
            "steps": [],
        },
    )
