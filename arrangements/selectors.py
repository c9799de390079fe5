"""Reads of the arrangements app: the register per kind, the participation matrix, agreement versions and
their adoption, what a municipality takes part in. Each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from arrangements import status as vst
from arrangements.models import AgreementVersion
from organisations.models import JointArrangement, Organisation, Ownership, OwnerSteeringRecord, Participation
from programme import selectors as programme_selectors

Kind = JointArrangement.Kind
ORG = "organisation"

#: The roles of the matrix, in the order of the filter.
LEAD, PARTY, PARTICIPANT, MAY_JOIN, OWNER, HOST = "lead", "party", "participant", "may_join", "owner", "host"


def role_labels() -> dict[str, str]:
    return {
        LEAD: pgettext("arrangement role", "lead"),
        PARTY: pgettext("arrangement role", "party"),
        PARTICIPANT: pgettext("arrangement role", "participant"),
        MAY_JOIN: pgettext("arrangement role", "may join"),
        OWNER: pgettext("arrangement role", "owner"),
        HOST: pgettext("arrangement role", "host municipality"),
    }


def kind_labels() -> dict[str, str]:
    return {
        Kind.PROCUREMENT: _("Joint procurements"),
        Kind.AGREEMENT: _("Agreements"),
        Kind.EU_PROJECT: _("EU projects"),
        Kind.OTHER: _("Other projects"),
        ORG: _("Jointly owned organisations and joint committees"),
    }


def arrangement_url(arrangement) -> str:
    return reverse("arrangements:detail", args=[arrangement.cooperation.slug, arrangement.slug])


def arrangements(cooperation, kind: str | None = None):
    qs = (
        JointArrangement.objects.filter(cooperation=cooperation)
        .select_related("cooperation", "lead_municipality", "procurement", "agreement__organisation", "project")
        .prefetch_related(Prefetch("participations", queryset=Participation.objects.select_related("municipality")))
        .order_by("kind", "name")
    )
    return qs.filter(kind=kind) if kind else qs


def jointly_owned(cooperation):
    return (
        Organisation.objects.filter(cooperation=cooperation, kind__in=Organisation.JOINTLY_OWNED_KINDS)
        .select_related("cooperation", "host_municipality")
        .prefetch_related(Prefetch("ownerships", queryset=Ownership.objects.select_related("owner_municipality")))
        .order_by("name")
    )


@dataclass
class Cell:
    role: str = ""
    label: str = ""


@dataclass
class MatrixRow:
    name: str
    url: str
    kind: str
    kind_label: str
    is_demo: bool
    cells: list[Cell] = field(default_factory=list)


def _roles_of_arrangement(a) -> dict[int, tuple[str, str]]:
    labels = role_labels()
    roles = {p.municipality_id: (p.role, labels[p.role]) for p in a.participations.all()}
    if a.lead_municipality_id:
        roles[a.lead_municipality_id] = (LEAD, labels[LEAD])
    return roles


def _roles_of_organisation(o) -> dict[int, tuple[str, str]]:
    labels = role_labels()
    roles = {}
    for own in o.ownerships.all():
        if own.owner_municipality_id:
            label = labels[OWNER]
            if own.share_percent is not None:
                label = f"{label} {own.share_percent.normalize():f} %".replace(".", ",")
            roles[own.owner_municipality_id] = (OWNER, label)
    if o.host_municipality_id:
        roles[o.host_municipality_id] = (HOST, labels[HOST])
    return roles


def participation_matrix(cooperation, *, kind: str = "", municipality=None, role: str = "") -> tuple[list, list]:
    """(members, rows): the current member municipalities as columns and one row per arrangement or jointly
    owned organisation, filtered by kind, by a municipality taking part and by a role; six queries."""
    members = list(cooperation.current_members())
    kinds = kind_labels()
    rows = []
    sources = []
    if kind != ORG:
        sources += [
            (a, arrangement_url(a), a.kind, _roles_of_arrangement(a), a.is_demo)
            for a in arrangements(cooperation, kind or None)
        ]
    if not kind or kind == ORG:
        sources += [
            (o, o.get_absolute_url(), ORG, _roles_of_organisation(o), False) for o in jointly_owned(cooperation)
        ]
    for obj, url, k, roles, is_demo in sources:
        if municipality is not None and municipality.pk not in roles:
            continue
        if role and not any(r == role for r, _label in roles.values()):
            continue
        if municipality is not None and role and roles[municipality.pk][0] != role:
            continue
        cells = [Cell(*roles[m.pk]) if m.pk in roles else Cell() for m in members]
        rows.append(MatrixRow(obj.name, url, k, kinds.get(k, k), is_demo, cells))
    return members, rows


def municipality_participation(cooperation, municipality) -> list[dict]:
    """What `municipality` takes part in (for its page): name, url, kind, role, is_demo; two queries."""
    labels, kinds = role_labels(), kind_labels()
    role_of = Participation.objects.filter(arrangement=OuterRef("pk"), municipality=municipality).values("role")[:1]
    rows = []
    for a in (
        JointArrangement.objects.filter(cooperation=cooperation)
        .filter(Q(lead_municipality=municipality) | Q(participations__municipality=municipality))
        .select_related("cooperation")
        .annotate(part=Subquery(role_of))
        .distinct()
        .order_by("kind", "name")
    ):
        role = LEAD if a.lead_municipality_id == municipality.pk else a.part
        rows.append(
            {
                "name": a.name,
                "url": arrangement_url(a),
                "kind": kinds.get(a.kind, a.kind),
                "role": labels.get(role, role),
                "is_demo": a.is_demo,
            }
        )
    share_of = Ownership.objects.filter(organisation=OuterRef("pk"), owner_municipality=municipality)
    for o in (
        Organisation.objects.filter(cooperation=cooperation, kind__in=Organisation.JOINTLY_OWNED_KINDS)
        .filter(Q(ownerships__owner_municipality=municipality) | Q(host_municipality=municipality))
        .select_related("cooperation")
        .annotate(owns=Exists(share_of), share=Subquery(share_of.values("share_percent")[:1]))
        .distinct()
        .order_by("name")
    ):
        if o.host_municipality_id == municipality.pk:
            label = labels[HOST]
        else:
            label = labels[OWNER]
            if o.share is not None:
                label = f"{label} {o.share.normalize():f} %".replace(".", ",")
        rows.append({"name": o.name, "url": o.get_absolute_url(), "kind": kinds[ORG], "role": label, "is_demo": False})
    return rows


# ---- agreements ---------------------------------------------------------------------------------------


@dataclass
class VersionRow:
    version: AgreementVersion
    status: str
    in_force_from: dt.date | None
    adopted: int = 0
    addressed: int = 0

    @property
    def label(self) -> str:
        return {
            vst.DRAFT: _("draft"),
            vst.OUT_FOR_ADOPTION: _("out for adoption"),
            vst.IN_FORCE: _("in force"),
            vst.EXPIRED: pgettext("agreement", "expired"),
            vst.REPLACED: _("replaced"),
        }[self.status]


def version_rows(agreement, user=None) -> list[VersionRow]:
    versions = list(
        AgreementVersion.objects.visible_to(user)
        .filter(agreement=agreement)
        .select_related("adoption_round")
        .order_by("-number")
    )
    return rows_of_versions(versions)[agreement.pk] if versions else []


def rows_of_versions(versions: list[AgreementVersion]) -> dict[int, list[VersionRow]]:
    """agreement id -> its rows (newest first), for versions of any number of agreements; two queries when
    any was sent out for adoption, none otherwise."""
    rounds = [v.adoption_round for v in versions if v.adoption_round_id]
    states = programme_selectors.addressed_round_states(rounds) if rounds else {}
    facts = {}
    for v in versions:
        rs = states.get(v.adoption_round_id)
        facts[v.pk] = vst.VersionFacts(
            number=v.number,
            sent_out=v.adoption_round_id is not None,
            all_adopted_on=rs.completed_on if rs and rs.all_adopted else None,
            documented_in_force=v.documented_in_force,
            valid_from=v.valid_from,
            valid_until=v.valid_until,
        )
    today = timezone.localdate()
    result: dict[int, list[VersionRow]] = {}
    for v in sorted(versions, key=lambda v: (v.agreement_id, -v.number)):
        others = [facts[o.pk] for o in versions if o.agreement_id == v.agreement_id and o.pk != v.pk]
        rs = states.get(v.adoption_round_id)
        result.setdefault(v.agreement_id, []).append(
            VersionRow(
                v,
                vst.version_status(facts[v.pk], others, today),
                vst.in_force_from(facts[v.pk]),
                rs.adopted if rs else 0,
                rs.members if rs else 0,
            )
        )
    return result


def version_in_force(agreement, on: dt.date | None = None) -> AgreementVersion | None:
    return next((r.version for r in version_rows(agreement) if r.status == vst.IN_FORCE), None)


def agreement_round_url(rnd) -> str:
    v = (
        AgreementVersion.objects.select_related("agreement__arrangement__cooperation")
        .filter(adoption_round=rnd)
        .first()
    )
    if v is None:
        return reverse("arrangements:overview", args=[rnd.cooperation.slug])
    a = v.agreement.arrangement
    return reverse("arrangements:version_round", args=[a.cooperation.slug, a.slug, v.number])


def agreement_record_url(rnd, municipality) -> str:
    v = (
        AgreementVersion.objects.select_related("agreement__arrangement__cooperation")
        .filter(adoption_round=rnd)
        .first()
    )
    if v is None:
        return reverse("arrangements:overview", args=[rnd.cooperation.slug])
    a = v.agreement.arrangement
    return reverse("arrangements:record_adoption", args=[a.cooperation.slug, a.slug, v.number, municipality.code])


def dialogues(organisation):
    return (
        OwnerSteeringRecord.objects.filter(organisation=organisation)
        .prefetch_related("owner_decisions__municipality")
        .order_by("date", "pk")
    )
