"""Writes to the organisation register. Every change goes through one of these functions:

keyword-only arguments including `actor` (the user making the change, or `core.services.SYSTEM`
for trusted code without a user, e.g. a management command or the demo loader), one transaction,
validation with a Swedish message (ValidationError or DomainError; nothing is saved on error), a
permission check against the rules registry (PermissionDenied otherwise), and
`audited_save`/`audited_delete` so the audit history records who did it and an action code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.audit import reason as audit_reason
from core.services import audited_delete, audited_save, history_user, require_permission
from organisations import audit
from organisations.access import forget_roles
from organisations.models import (
    Body,
    Cooperation,
    CooperationMember,
    Membership,
    Municipality,
    Organisation,
    Ownership,
    OwnerSteeringRecord,
    Person,
    Population,
    StaffRole,
)

#: The Django group that mirrors each staff role (created by migration 0002_role_groups).
ROLE_GROUPS = {
    StaffRole.Role.SECRETARIAT: "Sekretariat",
    StaffRole.Role.COMMITTEE: "Samarbetskommitté",
    StaffRole.Role.MANAGEMENT: "Ledningsgrupp",
    StaffRole.Role.NETWORK_LEAD: "Nätverksledare",
    StaffRole.Role.NETWORK_MEMBER: "Nätverksmedlem",
    StaffRole.Role.REGISTRAR: "Registrator",
}


def _check(actor, action: str, obj) -> None:
    """Refuse the change unless `actor` (a user, or `core.services.SYSTEM`) may do `action` on `obj`."""
    require_permission(actor, action, obj)


def _apply(obj, fields: dict, allowed: set[str]):
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields for {type(obj).__name__}: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


# Municipalities (a national register: superusers only when an actor is given) -----------------------


@transaction.atomic
def municipality_create(*, actor, code: str, name: str, county: str = "") -> Municipality:
    municipality = Municipality(code=(code or "").strip(), name=(name or "").strip(), county=county)
    _check(actor, "add", municipality)
    return audited_save(municipality, actor=actor, action=audit.MUNICIPALITY_CREATED)


@transaction.atomic
def municipality_update(*, actor, municipality: Municipality, **fields) -> Municipality:
    _check(actor, "change", municipality)
    _apply(municipality, fields, {"code", "name", "county"})
    return audited_save(municipality, actor=actor, action=audit.MUNICIPALITY_CHANGED)


# The national list of municipalities and regions (shipped with the project, from Kolada) -------------

#: The shipped list: Kolada's /v3/municipality (290 municipalities of type K, 21 regions and the country of
#: type L), copied from kpi/data (organisations/data/SOURCES.md).
NATIONAL_LIST = Path(__file__).resolve().parent / "data" / "kolada_municipalities.json"

#: SCB's county codes (the first two digits of a municipality's code) and the counties' names.
COUNTIES = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}

#: Kolada's id of the whole country ("Riket"): no member of a cooperation, left out of the list.
COUNTRY_CODE = "0000"


def national_list_rows(path: Path | None = None) -> list[dict]:
    """The shipped list as rows {code, name, kind, county}: municipalities (K) and regions (L, code 00 + the
    county's code), without the country."""
    rows = []
    for entry in json.loads((path or NATIONAL_LIST).read_text(encoding="utf-8")):
        code = str(entry.get("id", "")).strip()
        if code == COUNTRY_CODE:
            continue
        region = entry.get("type") == "L"
        county = COUNTIES.get(code[2:] if region else code[:2], "")
        rows.append(
            {
                "code": code,
                "name": str(entry.get("title", "")).strip(),
                "county": county,
                "kind": Municipality.Kind.REGION if region else Municipality.Kind.MUNICIPALITY,
            }
        )
    return rows


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def municipalities_import(*, actor, rows: Iterable[dict]) -> ImportResult:
    """Create or update municipalities (and regions) by SCB code: a code already there gets the row's name,
    county and kind, never a second row. A system administrator (or SYSTEM) only; every row is checked
    first, and any bad row refuses the whole import (nothing changed)."""
    _check(actor, "add", Municipality())
    rows = list(rows)
    errors = []
    seen = set()
    for number, row in enumerate(rows, start=1):
        code, name = str(row.get("code", "")).strip(), str(row.get("name", "")).strip()
        if not re.fullmatch(r"\d{4}", code):
            errors.append(_("Row %(row)s: the SCB code must be exactly four digits, e.g. 0127.") % {"row": number})
        elif code in seen:
            errors.append(_("Row %(row)s: the code %(code)s is listed twice.") % {"row": number, "code": code})
        if not name:
            errors.append(_("Row %(row)s: the name is missing.") % {"row": number})
        seen.add(code)
    if errors:
        raise ValidationError(errors)
    existing = {m.code: m for m in Municipality.objects.filter(code__in=seen)}
    result = ImportResult()
    new: list[Municipality] = []
    for row in rows:
        code = str(row["code"]).strip()
        wanted = {
            "name": str(row["name"]).strip()[:100],
            "county": str(row.get("county") or "")[:100],
            "kind": row.get("kind") or Municipality.Kind.MUNICIPALITY,
        }
        municipality = existing.get(code)
        if municipality is None:
            new.append(Municipality(code=code, **wanted))
            result.created += 1
        elif any(getattr(municipality, k) != v for k, v in wanted.items()):
            _apply(municipality, wanted, {"name", "county", "kind"})
            audited_save(municipality, actor=actor, action=audit.MUNICIPALITY_CHANGED)
            result.updated += 1
        else:
            result.unchanged += 1
    for municipality in new:
        municipality.full_clean(validate_unique=False)  # the codes were checked above, in one query
    # One insert for the new rows, each with its history row and action code (as audited_save would write).
    bulk_create_with_history(
        new,
        Municipality,
        batch_size=500,
        default_user=history_user(actor),
        default_change_reason=audit_reason(audit.MUNICIPALITY_CREATED, ""),
    )
    return result


def national_list_import(*, actor) -> ImportResult:
    """Import the shipped national list (`NATIONAL_LIST`); again and again gives the same rows."""
    return municipalities_import(actor=actor, rows=national_list_rows())


# Cooperations and their members ------------------------------------------------------------------

#: First segments of the site's own addresses (config/urls.py): no cooperation may take one as its slug.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "konto",
        "i18n",
        "healthz",
        "mina-uppgifter",
        "static",
        "media",
        "system",
    }
)


def _check_cooperation(cooperation: Cooperation) -> None:
    if cooperation.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This short address is used by the site itself; choose another.")})
    if cooperation.is_default and Cooperation.objects.filter(is_default=True).exclude(pk=cooperation.pk).exists():
        raise ValidationError({"is_default": _("Another cooperation is already the default.")})


@transaction.atomic
def cooperation_create(*, actor, name: str, slug: str = "", **fields) -> Cooperation:
    """A new cooperation (a system administrator only). The slug defaults to the name's."""
    name = (name or "").strip()
    cooperation = _apply(
        Cooperation(name=name, slug=(slug or "").strip() or slugify(name)),
        fields,
        {
            "short_name",
            "agreement_date",
            "purpose",
            "description",
            "is_default",
        },
    )
    _check(actor, "add", cooperation)
    if not name:
        raise ValidationError({"name": _("The cooperation needs a name.")})
    _check_cooperation(cooperation)
    return audited_save(cooperation, actor=actor, action=audit.COOPERATION_CREATED)


@transaction.atomic
def cooperation_update(*, actor, cooperation: Cooperation, **fields) -> Cooperation:
    _check(actor, "change", cooperation)
    _apply(
        cooperation,
        fields,
        {
            "name",
            "short_name",
            "agreement_date",
            "host_municipality",
            "purpose",
            "description",
            "is_default",
        },
    )
    _check_cooperation(cooperation)
    return audited_save(cooperation, actor=actor, action=audit.COOPERATION_CHANGED)


@transaction.atomic
def cooperation_vocabulary_update(
    *, actor, cooperation: Cooperation, plan_sections: list | None = None, **fields
) -> Cooperation:
    """The cooperation's own words (issue 15): its names of the kinds of bodies and of the groups of focus areas
    (`Cooperation.VOCABULARY_FIELDS`, empty = the neutral word), and its template of operating plans
    (`plan_sections`, a list of {"key", "heading"} that the plans app validates; [] = the default template)."""
    _check(actor, "change", cooperation)
    _apply(
        cooperation,
        {name: " ".join(str(value or "").split()) for name, value in fields.items()},
        set(Cooperation.VOCABULARY_FIELDS),
    )
    if plan_sections is not None:
        if not isinstance(plan_sections, list) or not all(
            isinstance(e, dict) and set(e) == {"key", "heading"} and all(isinstance(v, str) for v in e.values())
            for e in plan_sections
        ):
            raise ValidationError(_("The template of the operating plan is not valid."))
        cooperation.plan_sections = plan_sections
    return audited_save(cooperation, actor=actor, action=audit.VOCABULARY_CHANGED)


@transaction.atomic
def cooperation_member_add(
    *, actor, cooperation: Cooperation, municipality: Municipality, joined: dt.date, left: dt.date | None = None
) -> CooperationMember:
    member = CooperationMember(cooperation=cooperation, municipality=municipality, joined=joined, left=left)
    _check(actor, "add", member)
    return audited_save(member, actor=actor, action=audit.MEMBER_ADDED)


@transaction.atomic
def cooperation_member_leave(*, actor, member: CooperationMember, left: dt.date) -> CooperationMember:
    _check(actor, "change", member)
    member.left = left
    return audited_save(member, actor=actor, action=audit.MEMBER_LEFT)


# Bodies -----------------------------------------------------------------------------------------

BODY_FIELDS = {"kind", "name", "slug", "field", "purpose", "min_meetings_per_year", "host_municipality", "parent"}


@transaction.atomic
def body_create(*, actor, cooperation: Cooperation, kind: str, name: str, slug: str = "", **fields) -> Body:
    from django.utils.text import slugify

    body = _apply(Body(cooperation=cooperation, kind=kind, name=name, slug=slug or slugify(name)), fields, BODY_FIELDS)
    _check(actor, "add", body)
    if Body.objects.filter(cooperation=cooperation, slug=body.slug).exists():
        raise ValidationError({"slug": _("The cooperation already has a body with this short address.")})
    return audited_save(body, actor=actor, action=audit.BODY_CREATED)


@transaction.atomic
def body_update(*, actor, body: Body, **fields) -> Body:
    _check(actor, "change", body)
    _apply(body, fields, BODY_FIELDS)
    if Body.objects.filter(cooperation_id=body.cooperation_id, slug=body.slug).exclude(pk=body.pk).exists():
        raise ValidationError({"slug": _("The cooperation already has a body with this short address.")})
    return audited_save(body, actor=actor, action=audit.BODY_CHANGED)


@transaction.atomic
def body_delete(*, actor, body: Body) -> None:
    _check(actor, "delete", body)
    audited_delete(body, actor=actor, action=audit.BODY_DELETED)


# People and memberships ---------------------------------------------------------------------------


@transaction.atomic
def person_create(*, actor, cooperation: Cooperation, name: str, title: str = "", **fields) -> Person:
    person = _apply(
        Person(cooperation=cooperation, name=name, title=title),
        fields,
        {"employer_municipality", "employer_organisation", "email", "phone", "user", "is_demo"},
    )
    _check(actor, "add", person)
    return audited_save(person, actor=actor, action=audit.PERSON_CREATED)


@transaction.atomic
def membership_create(
    *,
    actor,
    person: Person,
    body: Body,
    role: str = Membership.Role.MEMBER,
    municipality: Municipality | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Membership:
    membership = Membership(person=person, body=body, role=role, municipality=municipality, start=start, end=end)
    _check(actor, "add", membership)
    return audited_save(membership, actor=actor, action=audit.MEMBERSHIP_CREATED)


@transaction.atomic
def membership_update(*, actor, membership: Membership, **fields) -> Membership:
    _check(actor, "change", membership)
    _apply(membership, fields, {"role", "municipality", "start", "end"})
    return audited_save(membership, actor=actor, action=audit.MEMBERSHIP_CHANGED)


@transaction.atomic
def membership_end(*, actor, membership: Membership, end: dt.date) -> Membership:
    return membership_update(actor=actor, membership=membership, end=end)


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    _check(actor, "delete", membership)
    audited_delete(membership, actor=actor, action=audit.MEMBERSHIP_DELETED)


# Organisations, ownership and owner steering -----------------------------------------------------

ORGANISATION_FIELDS = {"short_name", "founded_year", "purpose", "host_municipality", "website", "kind", "name", "slug"}


@transaction.atomic
def organisation_create(*, actor, cooperation: Cooperation, kind: str, name: str, slug: str = "", **fields):
    from django.utils.text import slugify

    org = _apply(
        Organisation(cooperation=cooperation, kind=kind, name=name, slug=slug or slugify(name)),
        fields,
        ORGANISATION_FIELDS,
    )
    _check(actor, "add", org)
    if Organisation.objects.filter(cooperation=cooperation, slug=org.slug).exists():
        raise ValidationError({"slug": _("The cooperation already has an organisation with this short address.")})
    return audited_save(org, actor=actor, action=audit.ORGANISATION_CREATED)


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, **fields) -> Organisation:
    _check(actor, "change", organisation)
    _apply(organisation, fields, ORGANISATION_FIELDS)
    return audited_save(organisation, actor=actor, action=audit.ORGANISATION_CHANGED)


@transaction.atomic
def organisation_delete(*, actor, organisation: Organisation) -> None:
    _check(actor, "delete", organisation)
    audited_delete(organisation, actor=actor, action=audit.ORGANISATION_DELETED)


def _as_share(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"share_percent": _("A share must be between 0 and 100 %.")}) from None


@transaction.atomic
def ownership_set(
    *,
    actor,
    organisation: Organisation,
    owner_municipality: Municipality | None = None,
    owner_organisation: Organisation | None = None,
    share_percent=None,
) -> Ownership:
    """Add an owner to `organisation`, or change the share of an existing one.

    Refused (nothing saved) when the share is outside 0–100 % or all owners' shares would exceed 100 %.
    The row is locked against concurrent changes of the same organisation's owners.
    """
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    existing = (
        Ownership.objects.filter(
            organisation=organisation, owner_municipality=owner_municipality, owner_organisation=owner_organisation
        ).first()
        if (owner_municipality or owner_organisation)
        else None
    )
    ownership = existing or Ownership(
        organisation=organisation, owner_municipality=owner_municipality, owner_organisation=owner_organisation
    )
    ownership.share_percent = _as_share(share_percent)
    _check(actor, "change" if existing else "add", ownership)
    return audited_save(ownership, actor=actor, action=audit.OWNER_SHARE_CHANGED if existing else audit.OWNER_ADDED)


@transaction.atomic
def ownership_delete(*, actor, ownership: Ownership) -> None:
    _check(actor, "delete", ownership)
    audited_delete(ownership, actor=actor, action=audit.OWNER_DELETED)


@transaction.atomic
def steering_record_add(
    *, actor, organisation: Organisation, kind: str, date: dt.date, title: str, text: str = ""
) -> OwnerSteeringRecord:
    record = OwnerSteeringRecord(organisation=organisation, kind=kind, date=date, title=title, text=text)
    _check(actor, "add", record)
    return audited_save(record, actor=actor, action=audit.STEERING_RECORDED)


# Staff roles and their groups ----------------------------------------------------------------------


def sync_role_groups(user) -> None:
    """Make the user's Django groups mirror their staff roles (in any cooperation)."""
    held = set(StaffRole.objects.filter(user=user).values_list("role", flat=True))
    for role, group_name in ROLE_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        if role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)


@transaction.atomic
def staff_role_grant(
    *,
    actor,
    user,
    cooperation: Cooperation,
    role: str,
    municipality: Municipality | None = None,
    body: Body | None = None,
) -> StaffRole:
    """Give `user` a role in `cooperation`: the StaffRole row, staff status and the role's group."""
    staff_role = StaffRole(user=user, cooperation=cooperation, role=role, municipality=municipality, body=body)
    _check(actor, "add", staff_role)
    existing = StaffRole.objects.filter(
        user=user, cooperation=cooperation, role=role, municipality=municipality, body=body
    ).first()
    if existing is not None:
        raise ValidationError(_("The user already has this role."))
    audited_save(staff_role, actor=actor, action=audit.ROLE_GRANTED)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    sync_role_groups(user)
    forget_roles(user)
    return staff_role


@transaction.atomic
def staff_role_revoke(*, actor, staff_role: StaffRole) -> None:
    _check(actor, "delete", staff_role)
    user = staff_role.user
    audited_delete(staff_role, actor=actor, action=audit.ROLE_REVOKED)
    sync_role_groups(user)
    forget_roles(user)


#: One role as a plain key: (cooperation id, role, municipality id or None, body id or None).
RoleKey = tuple[int, str, "int | None", "int | None"]


def _role_key(staff_role: StaffRole) -> RoleKey:
    return (staff_role.cooperation_id, staff_role.role, staff_role.municipality_id, staff_role.body_id)


@transaction.atomic
def staff_roles_sync_granted_by(
    *, actor, user, granted_by: str, wanted: set[RoleKey]
) -> tuple[list[StaffRole], list[StaffRole]]:
    """Make the roles that identity provider `granted_by` gives `user` exactly `wanted`; returns (granted,
    revoked). Roles granted here (granted_by "") are never touched, and a wanted role the user already
    holds from here is not granted twice. Audited with the provider's key as the reason."""
    if not granted_by:
        raise ValueError("granted_by names the identity provider; local roles are not synced.")
    held = {_role_key(r): r for r in StaffRole.objects.filter(user=user).select_related("cooperation")}
    granted: list[StaffRole] = []
    revoked: list[StaffRole] = []
    for key, staff_role in held.items():
        if staff_role.granted_by == granted_by and key not in wanted:
            _check(actor, "delete", staff_role)
            audited_delete(staff_role, actor=actor, action=audit.ROLE_REVOKED, reason=granted_by)
            revoked.append(staff_role)
    for key in sorted(wanted - held.keys(), key=lambda k: tuple(str(part) for part in k)):
        cooperation_id, role, municipality_id, body_id = key
        staff_role = StaffRole(
            user=user,
            cooperation_id=cooperation_id,
            role=role,
            municipality_id=municipality_id,
            body_id=body_id,
            granted_by=granted_by,
        )
        _check(actor, "add", staff_role)
        audited_save(staff_role, actor=actor, action=audit.ROLE_GRANTED, reason=granted_by)
        granted.append(staff_role)
    if granted or revoked:
        is_staff = StaffRole.objects.filter(user=user).exists()
        if user.is_staff != is_staff and not user.is_superuser:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff"])
        sync_role_groups(user)
        forget_roles(user)
    return granted, revoked


# Population (the one store of inhabitants per municipality and date) ------------------------------


def _clean_inhabitants(value) -> int:
    if isinstance(value, bool):
        raise ValidationError({"inhabitants": [_("The population must be a whole number.")]})
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"inhabitants": [_("The population must be a whole number.")]}) from None
    if str(value).strip() != str(number) and not isinstance(value, int):
        raise ValidationError({"inhabitants": [_("The population must be a whole number.")]})
    if number <= 0:
        raise ValidationError({"inhabitants": [_("A population must be larger than zero.")]})
    return number


@transaction.atomic
def population_set(
    *,
    actor,
    municipality: Municipality,
    reference_date: dt.date,
    inhabitants,
    source: str,
    source_kind: str = Population.SourceKind.MANUAL,
    import_batch: str = "",
) -> Population:
    """Record (or replace) a municipality's population on `reference_date`, naming its source."""
    number = _clean_inhabitants(inhabitants)
    if not (source or "").strip():
        raise ValidationError({"source": [_("Give the source of the population figure.")]})
    figure = Population.objects.filter(municipality=municipality, reference_date=reference_date).first()
    figure = figure or Population(municipality=municipality, reference_date=reference_date)
    _check(actor, "change" if figure.pk else "add", figure)
    figure.year = reference_date.year
    figure.inhabitants = number
    figure.source = source
    figure.source_kind = source_kind
    figure.import_batch = import_batch
    figure.recorded_at = timezone.now()
    return audited_save(figure, actor=actor, action=audit.POPULATION_SET)


@transaction.atomic
def population_import_csv(
    *,
    actor,
    text: str,
    source: str,
    source_kind: str = Population.SourceKind.CSV,
    month_day: tuple[int, int] = (12, 31),
    codes: Iterable[str] | None = None,
    import_batch: str = "",
) -> int:
    """Import `municipality,year,population` rows (municipality keyed '0127' or '0127_botkyrka');
    atomic: one bad row and nothing is saved. Returns the number of figures written."""
    wanted = set(codes) if codes is not None else None
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if not header or len(header) < 3:
        raise ValidationError(_("The file must have the columns municipality, year and population."))
    municipalities = {m.code: m for m in Municipality.objects.all()}
    batch = import_batch or timezone.now().strftime("csv-%Y%m%dT%H%M%S")
    count = 0
    for lineno, row in enumerate(reader, start=2):
        if not row:
            continue
        code = row[0].strip()[:4]
        if wanted is not None and code not in wanted:
            continue
        municipality = municipalities.get(code)
        if municipality is None:
            raise ValidationError(_("Row %(row)s: unknown municipality %(code)s.") % {"row": lineno, "code": code})
        try:
            year = int(row[1])
            reference_date = dt.date(year, *month_day)
        except (ValueError, IndexError):
            raise ValidationError(_("Row %(row)s: the year is not valid.") % {"row": lineno}) from None
        try:
            population_set(
                actor=actor,
                municipality=municipality,
                reference_date=reference_date,
                inhabitants=row[2].strip(),
                source=source,
                source_kind=source_kind,
                import_batch=batch,
            )
        except ValidationError as exc:
            raise ValidationError(
                _("Row %(row)s: %(error)s") % {"row": lineno, "error": "; ".join(exc.messages)}
            ) from None
        count += 1
    return count
