"""Read endpoints of the register of joint arrangements: the arrangements with their own fields and who
takes part, and the participation matrix. Agreement versions not yet sent out are drafts: hidden from
anonymous users (core.publication)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from arrangements import selectors
from core.api import ErrorOut
from organisations.access import get_cooperation_or_404

router = Router(tags=["arrangements"])


class ParticipantOut(Schema):
    municipality_code: str
    municipality_name: str
    role: str


class VersionOut(Schema):
    number: int
    title: str
    status: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    in_force_from: dt.date | None
    adopted: int
    addressed: int


class ArrangementOut(Schema):
    slug: str
    kind: str
    name: str
    description: str
    start_year: int | None
    end_year: int | None
    lead_municipality_code: str | None
    participants: list[ParticipantOut]
    is_demo: bool
    source_ref: str
    url: str
    procurement: dict | None = None
    agreement: dict | None = None
    project: dict | None = None
    versions: list[VersionOut] = []


def _kronor(value: Decimal | None) -> int | None:
    return int(value) if value is not None else None


def _out(a, user) -> dict:
    out = {
        "slug": a.slug,
        "kind": a.kind,
        "name": a.name,
        "description": a.description,
        "start_year": a.start_year,
        "end_year": a.end_year,
        "lead_municipality_code": a.lead_municipality.code if a.lead_municipality_id else None,
        "participants": [
            {"municipality_code": p.municipality.code, "municipality_name": p.municipality.name, "role": p.role}
            for p in a.participations.all()
        ],
        "is_demo": a.is_demo,
        "source_ref": a.source_ref,
        "url": selectors.arrangement_url(a),
    }
    p = getattr(a, "procurement", None) if a.kind == "procurement" else None
    if p is not None:
        out["procurement"] = {
            "subject": p.subject,
            "status": p.status,
            "contract_start": p.contract_start,
            "contract_end": p.contract_end,
            "extension_until": p.extension_until,
            "notice_date": p.notice_date,
            "value_kronor": _kronor(p.value),
            "notice_url": p.notice_url,
        }
    g = getattr(a, "agreement", None) if a.kind == "agreement" else None
    if g is not None:
        out["agreement"] = {
            "type": g.agreement_type,
            "notice_months": g.notice_months,
            "organisation": g.organisation.slug if g.organisation_id else None,
        }
        out["versions"] = [
            {
                "number": r.version.number,
                "title": r.version.title,
                "status": r.status,
                "valid_from": r.version.valid_from,
                "valid_until": r.version.valid_until,
                "in_force_from": r.in_force_from if r.status != "draft" else None,
                "adopted": r.adopted,
                "addressed": r.addressed,
            }
            for r in selectors.version_rows(g, user)
        ]
    j = getattr(a, "project", None) if a.kind in ("eu_project", "other") else None
    if j is not None:
        out["project"] = {
            "funding": j.funding,
            "budget_kronor": _kronor(j.budget),
            "partners": j.partners,
            "results": j.results,
        }
    return out


@router.get(
    "/cooperations/{slug}/arrangements",
    response={200: list[ArrangementOut], 404: ErrorOut},
    summary="List the joint arrangements of a cooperation",
)
def list_arrangements(request, slug: str, kind: str = ""):
    cooperation = get_cooperation_or_404(slug)
    return [_out(a, request.user) for a in selectors.arrangements(cooperation, kind or None)]


class MatrixRowOut(Schema):
    name: str
    kind: str
    url: str
    is_demo: bool
    roles: dict[str, str]


@router.get(
    "/cooperations/{slug}/participation",
    response={200: list[MatrixRowOut], 404: ErrorOut},
    summary="Who takes part in what (member municipality code -> role)",
)
def participation(request, slug: str):
    cooperation = get_cooperation_or_404(slug)
    members, rows = selectors.participation_matrix(cooperation)
    return [
        {
            "name": r.name,
            "kind": r.kind,
            "url": r.url,
            "is_demo": r.is_demo,
            "roles": {m.code: c.role for m, c in zip(members, r.cells, strict=True) if c.role},
        }
        for r in rows
    ]
