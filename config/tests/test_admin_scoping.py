"""Every admin form offers only the user's own cooperations' objects (issue 15): dropdowns and autocompletes of
foreign keys and many-to-many fields to cooperation-scoped models (bodies, programmes, meetings, people, …), in
every registered admin and in each of its inlines. Before, a secretariat's dropdown offered the other
cooperation's bodies, programmes and meetings, and the save was refused with a bare 403."""

import re

from django.contrib import admin
from django.test import RequestFactory

from meetings.models import CalendarRule
from organisations.admin import ScopedChoicesMixin
from organisations.models import Body, StaffRole
from organisations.testing import build_body, build_user


def _scoped_admins():
    for model, model_admin in admin.site._registry.items():
        if getattr(model, "cooperation_path", None):
            yield model, model_admin


def _relations(model_admin):
    """(admin or inline instance, field) of every foreign key and many-to-many field to a cooperation-scoped model."""
    owners = [model_admin] + [inline(model_admin.model, admin.site) for inline in model_admin.inlines]
    for owner in owners:
        for field in owner.model._meta.get_fields():
            if (
                (field.many_to_one or field.many_to_many)
                and field.concrete
                and getattr(field.related_model, "cooperation_path", None)
            ):
                yield owner, field


def test_every_scoped_admin_and_inline_scopes_its_choices():
    missing = []
    for _model, model_admin in _scoped_admins():
        for owner in [model_admin] + list(model_admin.inlines):
            if not isinstance(owner, ScopedChoicesMixin) and not issubclass(owner, ScopedChoicesMixin):
                missing.append(getattr(owner, "__name__", type(owner).__name__))
    assert not missing


def test_no_dropdown_offers_another_cooperations_objects(sodertorn, coop):
    user = build_user(coop, StaffRole.Role.SECRETARIAT)
    own_body = build_body(coop, Body.Kind.COMMITTEE)
    request = RequestFactory().get("/admin/")
    request.user = user
    checked, leaks = 0, []
    for model, model_admin in _scoped_admins():
        for owner, field in _relations(model_admin):
            formfield = owner.formfield_for_dbfield(field, request)
            if formfield is None or not hasattr(formfield, "queryset"):
                continue
            checked += 1
            path = field.related_model.cooperation_path
            foreign = formfield.queryset.exclude(**{path: coop})
            if foreign.exists():
                leaks.append(f"{model.__name__}.{field.name} ({type(owner).__name__}): {foreign.count()}")
            if field.related_model is Body:
                assert own_body in formfield.queryset, f"{model.__name__}.{field.name}"
    assert checked > 20 and not leaks, leaks


def test_a_superuser_still_sees_every_cooperation(sodertorn, coop):
    request = RequestFactory().get("/admin/")
    request.user = build_user(is_superuser=True, is_staff=True)
    formfield = admin.site._registry[CalendarRule].formfield_for_dbfield(CalendarRule._meta.get_field("body"), request)
    assert formfield.queryset.filter(cooperation=sodertorn).exists()


def test_the_calendar_rule_form_offers_and_accepts_only_own_bodies(sodertorn, coop, client):
    user = build_user(coop, StaffRole.Role.SECRETARIAT)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    own = build_body(coop, Body.Kind.COMMITTEE, name="Förbundsstyrelsen")
    demo_body = Body.objects.get(cooperation=sodertorn, slug="samarbetskommitten")
    before = CalendarRule.objects.count()
    html = client.get("/admin/meetings/calendarrule/add/").content.decode()
    assert "Förbundsstyrelsen" in html and "Samarbetskommittén" not in html
    # the inlines' management forms (the host order), empty
    inlines = {
        f"{prefix}-{name}": "0"
        for prefix in re.findall(r'name="([-\w]+)-TOTAL_FORMS"', html)
        for name in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    assert inlines
    response = client.post(
        "/admin/meetings/calendarrule/add/",
        {
            "body": demo_body.pk,
            "precede_min_days": 7,
            "precede_max_days": 21,
            "order": 100,
            **inlines,
        },
    )
    assert response.status_code == 200 and "Välj ett giltigt alternativ" in response.content.decode()
    assert CalendarRule.objects.count() == before
    response = client.post(
        "/admin/meetings/calendarrule/add/",
        {
            "body": own.pk,
            "precede_min_days": 7,
            "precede_max_days": 21,
            "order": 100,
            **inlines,
        },
    )
    assert response.status_code == 302 and CalendarRule.objects.filter(body=own).exists()


def test_the_secretariat_grants_a_role_by_username_without_a_superuser(coop, other_coop, client):
    secretariat = build_user(coop, StaffRole.Role.SECRETARIAT)
    newcomer = build_user(username="ny-handlaggare")
    build_user(other_coop, StaffRole.Role.SECRETARIAT, username="annans-kansli")
    client.force_login(secretariat, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get("/admin/organisations/staffrole/add/").content.decode()
    assert "annans-kansli" not in html and "ny-handlaggare" not in html  # no list of the installation's accounts
    response = client.post(
        "/admin/organisations/staffrole/add/",
        {"user": "finns-inte", "cooperation": coop.pk, "role": StaffRole.Role.COMMITTEE},
    )
    assert (
        response.status_code == 200
        and "Det finns inget aktivt konto med det användarnamnet" in response.content.decode()
    )
    assert not StaffRole.objects.filter(cooperation=coop, role=StaffRole.Role.COMMITTEE).exists()
    response = client.post(
        "/admin/organisations/staffrole/add/",
        {"user": "ny-handlaggare", "cooperation": coop.pk, "role": StaffRole.Role.COMMITTEE},
    )
    assert response.status_code == 302
    role = StaffRole.objects.get(user=newcomer, cooperation=coop)
    assert role.role == StaffRole.Role.COMMITTEE
    html = client.get(f"/admin/organisations/staffrole/{role.pk}/change/").content.decode()
    assert 'value="ny-handlaggare"' in html  # the change form shows the username, not the account's id
    # Not in another cooperation: it is not offered, and a forged choice is refused.
    client.post(
        "/admin/organisations/staffrole/add/",
        {"user": "ny-handlaggare", "cooperation": other_coop.pk, "role": StaffRole.Role.COMMITTEE},
    )
    assert not StaffRole.objects.filter(user=newcomer, cooperation=other_coop).exists()
