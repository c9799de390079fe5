"""Writes of the onboarding: a new cooperation with its secretariat, its members from the national list, its
bodies, their meeting rules and its Kolada group. Each function checks its actor (the rules of the app whose
rows it writes: organisations, meetings, kpi), runs in one transaction and refuses bad input with a Swedish
message, naming every bad row, with nothing changed."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.services import require_permission
from kpi import services as kpi_services
from kpi.models import KeyFigureGroup
from meetings import services as meetings_services
from meetings.models import CalendarRule
from organisations import services as org_services
from organisations.models import Body, Cooperation, CooperationMember, Municipality, StaffRole

#: A Kolada municipality group's id, e.g. G96274.
KOLADA_GROUP_ID = re.compile(r"^G\d{1,10}$")


def _messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# A new cooperation (a system administrator) ------------------------------------------------------------


@transaction.atomic
def cooperation_start(*, actor, name: str, slug: str = "", secretariat_email: str, base_url: str):
    """Create the cooperation and give its secretariat to the person with `secretariat_email`.

    Returns (cooperation, user, invited): `invited` is true when a new account was made and sent a link to
    set its password. A system administrator only (organisations' rules); nothing is saved on any error."""
    email = (secretariat_email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"secretariat_email": _("Enter a valid e-mail address.")}) from None
    cooperation = org_services.cooperation_create(actor=actor, name=name, slug=slug)
    user, invited = _invite_secretariat(actor=actor, cooperation=cooperation, email=email, base_url=base_url)
    return cooperation, user, invited


def _invite_secretariat(*, actor, cooperation: Cooperation, email: str, base_url: str):
    """Give the secretariat role in `cooperation` to the account with `email`: an existing account gets the
    role; for a new address an inactive account is made and sent a link (Django's password-reset tokens) where
    its owner sets a password, which activates it. Returns (user, invited).

    The one place that knows how a secretariat is invited: replace it with the accounts app's invitations."""
    User = get_user_model()
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise ValidationError(
            {
                "secretariat_email": _(
                    "Several accounts have this e-mail address; give the role to one of them in the administration."
                )
            }
        )
    invited = not matches
    if matches:
        user = matches[0]
    else:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError({"secretariat_email": _("An account with this user name already exists.")})
        user = User(username=email, email=email, is_active=False)
        user.set_unusable_password()
        user.save()
    if not StaffRole.objects.filter(user=user, cooperation=cooperation, role=StaffRole.Role.SECRETARIAT).exists():
        org_services.staff_role_grant(actor=actor, user=user, cooperation=cooperation, role=StaffRole.Role.SECRETARIAT)
    if invited:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        context = {
            "cooperation": cooperation,
            "user": user,
            "link": base_url.rstrip("/") + reverse("system:welcome", args=[uid, token]),
        }
        subject = render_to_string("onboarding/invite_subject.txt", context).strip()
        body = render_to_string("onboarding/invite_email.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    return user, invited


# Members from the national list ---------------------------------------------------------------------


def parse_codes(text: str) -> list[str]:
    """SCB codes from pasted text: separated by spaces, commas, semicolons or lines; a code may carry its
    name after it (`1280 Malmö`, `1280_malmo`). Anything else is refused, naming it."""
    codes, bad = [], []
    for line in (text or "").replace(";", "\n").replace(",", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        words = line.split()
        match = re.match(r"^(\d{4})[\s_]+\D", line)
        if all(re.fullmatch(r"\d{4}", w) for w in words):
            codes.extend(words)
        elif match:
            codes.append(match.group(1))
        else:
            bad.append(line)
    if bad:
        raise ValidationError(
            {"codes": _("Not an SCB code (four digits, e.g. 0127): %(bad)s.") % {"bad": ", ".join(bad[:10])}}
        )
    return list(dict.fromkeys(codes))


@transaction.atomic
def members_add(*, actor, cooperation: Cooperation, codes: list[str], joined: dt.date | None = None):
    """Make the municipalities (or regions) with `codes` members of `cooperation` from `joined` (unknown when
    empty). Codes that are members already are skipped; unknown codes refuse the whole list."""
    require_permission(actor, "add", CooperationMember(cooperation=cooperation))
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise ValidationError({"codes": _("Choose at least one municipality.")})
    found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError(
            {
                "codes": _(
                    "No municipality or region has the code(s) %(codes)s. Check the codes, or ask a system "
                    "administrator to import the national list."
                )
                % {"codes": ", ".join(unknown)}
            }
        )
    current = set(
        CooperationMember.objects.filter(cooperation=cooperation)
        .current_on(joined)
        .values_list("municipality__code", flat=True)
    )
    added = []
    for code in codes:
        if code in current:
            continue
        added.append(
            org_services.cooperation_member_add(
                actor=actor, cooperation=cooperation, municipality=found[code], joined=joined
            )
        )
    return added


# Bodies -------------------------------------------------------------------------------------------------


@transaction.atomic
def bodies_create(*, actor, cooperation: Cooperation, rows: list[dict]) -> list[Body]:
    """Create the bodies of `rows` ({name, kind, min_meetings_per_year}); rows without a name are skipped.
    Every bad row is named in one refusal and nothing is saved."""
    require_permission(actor, "add", Body(cooperation=cooperation))
    kinds = set(Body.Kind.values)
    taken = set(Body.objects.filter(cooperation=cooperation).values_list("slug", flat=True))
    errors, wanted = [], []
    for number, row in enumerate(rows, start=1):
        name = (row.get("name") or "").strip()
        if not name:
            continue
        slug = slugify(name)[:100]
        if row.get("kind") not in kinds:
            errors.append(_("Row %(row)s: choose what kind of body %(name)s is.") % {"row": number, "name": name})
        elif not slug:
            errors.append(_("Row %(row)s: the name needs at least one letter or digit.") % {"row": number})
        elif slug in taken:
            errors.append(
                _("Row %(row)s: the cooperation already has a body called %(name)s.") % {"row": number, "name": name}
            )
        taken.add(slug)
        wanted.append((number, name, slug, row))
    if not wanted and not errors:
        raise ValidationError(_("Name at least one body."))
    if errors:
        raise ValidationError(errors)
    created = []
    for number, name, slug, row in wanted:
        try:
            created.append(
                org_services.body_create(
                    actor=actor,
                    cooperation=cooperation,
                    kind=row["kind"],
                    name=name,
                    slug=slug,
                    min_meetings_per_year=row.get("min_meetings_per_year"),
                )
            )
        except ValidationError as exc:
            errors.extend(_("Row %(row)s: %(error)s") % {"row": number, "error": m} for m in _messages(exc))
    if errors:
        raise ValidationError(errors)
    return created


# Meeting rules ------------------------------------------------------------------------------------------

RULE_FIELDS = ("weekday", "start_time", "end_time", "min_meetings", "must_precede", "rotate_hosts")


@transaction.atomic
def meeting_rules_set(*, actor, cooperation: Cooperation, rules: dict) -> list[CalendarRule]:
    """Set the calendar rule of each body in `rules` ({body: {weekday, start_time, end_time, min_meetings,
    must_precede, rotate_hosts}}); a body without any rule given and without a stored one is left alone."""
    saved, errors = [], []
    for body, fields in rules.items():
        if body.cooperation_id != cooperation.pk:
            raise ValidationError(_("The body belongs to another cooperation."))
        fields = {k: v for k, v in fields.items() if k in RULE_FIELDS}
        precede = fields.get("must_precede")
        if precede is not None and precede.cooperation_id != cooperation.pk:
            raise ValidationError(_("The body belongs to another cooperation."))
        if precede is not None and precede.pk == body.pk:
            errors.append(_("%(body)s: a body cannot meet before its own meetings.") % {"body": body.name})
            continue
        given = any(v not in (None, "", False) for v in fields.values())
        if not given and not CalendarRule.objects.filter(body=body).exists():
            continue
        try:
            saved.append(meetings_services.calendar_rule_set(actor=actor, body=body, **fields))
        except ValidationError as exc:
            errors.extend(f"{body.name}: {m}" for m in _messages(exc))
    if errors:
        raise ValidationError(errors)
    return saved


# Kolada group ----------------------------------------------------------------------------------------------


@transaction.atomic
def kolada_group_set(*, actor, cooperation: Cooperation, kolada_group_id: str) -> KeyFigureGroup | None:
    """The cooperation's own Kolada municipality group (its members' unweighted mean in Kolada), or none
    (""). Stored on the cooperation's key-figure group, which is made when there is none yet."""
    kolada_group_id = (kolada_group_id or "").strip().upper()
    if kolada_group_id and not KOLADA_GROUP_ID.match(kolada_group_id):
        raise ValidationError(
            {"kolada_group_id": _("A Kolada group id is a G followed by digits, e.g. G12345; leave it empty for none.")}
        )
    group = KeyFigureGroup.objects.filter(cooperation=cooperation).order_by("pk").first()
    if group is None and not kolada_group_id:
        require_permission(actor, "add", KeyFigureGroup(cooperation=cooperation))
        return None
    if group is None:
        return kpi_services.key_figure_group_save(
            actor=actor,
            cooperation=cooperation,
            slug="nyckeltal",
            name=_("Key figures of %(name)s") % {"name": cooperation.short_name or cooperation.name},
            kolada_group_id=kolada_group_id,
        )
    return kpi_services.key_figure_group_save(
        actor=actor, cooperation=cooperation, slug=group.slug, kolada_group_id=kolada_group_id
    )
