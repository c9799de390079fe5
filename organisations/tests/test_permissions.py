"""Permission matrix of the organisation register: who may add, change and delete, checked both in the
rules registry and through the admin over HTTP. Only the secretariat of the object's own cooperation
(and superusers) may change the register; outsiders do not even see the object."""

import datetime as dt
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.test import RequestFactory

from organisations import services
from organisations.models import Body, Membership, Organisation, Ownership, Person
from organisations.testing import build_body, build_user

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "secretariat",
    "management",
    "committee",
    "registrar",
    "network_lead",
    "network_member",
]
ALLOWED = {"secretariat"}


@pytest.fixture
def register(coop):
    body = build_body(coop, kind=Body.Kind.COMMITTEE, name="Kommittén", slug="kommitten")
    person = Person.objects.create(cooperation=coop, name="Demo Ordförande", is_demo=True)
    membership = Membership.objects.create(
        person=person, body=body, role=Membership.Role.CHAIR, start=dt.date(2020, 1, 1)
    )
    org = Organisation.objects.create(
        cooperation=coop, kind=Organisation.Kind.COMPANY, name="Bolaget AB", slug="bolaget"
    )
    ownership = Ownership.objects.create(
        organisation=org, owner_municipality=coop.members.first().municipality, share_percent=Decimal("50")
    )
    return {"body": body, "membership": membership, "organisation": org, "ownership": ownership}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["body", "membership", "organisation", "ownership"])
@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_rules_matrix(users, register, role, kind, action):
    from core.access import can

    user = users[role]
    obj = register[kind]
    assert can(user, action, obj) is (role in ALLOWED), f"{role} {action} {kind}"


def test_superuser_may_do_everything(register):
    from core.access import can

    root = build_user(is_superuser=True, is_staff=True, username="root")
    assert all(can(root, a, register[k]) for a in ("add", "change", "delete") for k in register)


def test_municipalities_are_for_superusers_only(users, coop):
    from core.access import can

    muni = coop.members.first().municipality
    for role in ROLES:
        assert not can(users[role], "change", muni)


# --- the same matrix through the admin, over HTTP -----------------------------------------------------

ADMIN_URL = {
    "body": "/admin/organisations/body/",
    "membership": "/admin/organisations/membership/",
    "organisation": "/admin/organisations/organisation/",
    "ownership": "/admin/organisations/ownership/",
}
NAME_FIELD = {"body": "name", "membership": "role", "organisation": "name", "ownership": "share_percent"}
NEW_VALUE = {"body": "Nytt namn", "membership": "vice_chair", "organisation": "Nytt namn AB", "ownership": "40"}


def admin_form_data(obj, **changes) -> dict:
    """POST data for the object's admin change form: its fields plus empty inline formsets."""
    from django.contrib import admin

    model_admin = admin.site._registry[type(obj)]
    root = build_user(is_superuser=True, is_staff=True, username=f"formroot{obj.pk}{type(obj).__name__}")
    request = RequestFactory().get("/")
    request.user = root
    form_class = model_admin.get_form(request, obj)
    data = {}
    for name in form_class.base_fields:
        value = model_to_dict(obj).get(name)
        if value is None:
            continue
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    for inline in model_admin.get_inline_instances(request, obj):
        prefix = inline.get_formset(request, obj).get_default_prefix()
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def expected_status(role: str, allowed_code: int):
    if role == "anonymous":
        return 302  # to the admin login
    if role == "outsider":
        return 302  # not in their queryset: redirected to the admin index, nothing revealed
    if role in ALLOWED:
        return allowed_code
    return 403  # staff but not permitted: the admin's Swedish 403 page (core.views.not_permitted, issue 15)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["body", "membership", "organisation", "ownership"])
def test_admin_change_matrix(users, register, client_for, role, kind):
    obj = register[kind]
    field = NAME_FIELD[kind]
    before = getattr(obj, field)
    data = admin_form_data(obj, **{field: NEW_VALUE[kind]})
    response = client_for(users[role]).post(f"{ADMIN_URL[kind]}{obj.pk}/change/", data)
    assert response.status_code == expected_status(role, 302), response.content.decode()[:2000]
    obj.refresh_from_db()
    if role in ALLOWED:
        assert str(getattr(obj, field)).rstrip("0").rstrip(".") == NEW_VALUE[kind]
        assert obj.history.first().history_user == users[role]
    else:
        assert getattr(obj, field) == before
        if role == "anonymous":
            assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["body", "membership", "organisation", "ownership"])
def test_admin_delete_matrix(users, register, client_for, role, kind):
    obj = register[kind]
    if kind == "organisation":
        obj.ownerships.all().delete()
    response = client_for(users[role]).post(f"{ADMIN_URL[kind]}{obj.pk}/delete/", {"post": "yes"})
    assert response.status_code == expected_status(role, 302)
    exists = type(obj).objects.filter(pk=obj.pk).exists()
    assert exists is (role not in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_admin_add_matrix(users, coop, other_coop, client_for, role):
    """Adding a body to `coop` through the admin: only coop's secretariat succeeds."""
    data = {
        "cooperation": coop.pk,
        "kind": "network",
        "name": "Nytt nätverk",
        "slug": "nytt-natverk",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = client_for(users[role]).post("/admin/organisations/body/add/", data)
    created = Body.objects.filter(cooperation=coop, slug="nytt-natverk").exists()
    assert created is (role in ALLOWED)
    if role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif role == "outsider":
        # May add bodies to their own cooperation, but coop is not among the choices.
        assert response.status_code == 200
        assert "cooperation" in response.context["adminform"].form.errors
    elif role in ALLOWED:
        assert response.status_code == 302
    else:
        assert response.status_code == 403  # the admin's Swedish 403 page (issue 15)


def test_admin_change_view_readable_for_own_staff_only(users, register, client_for):
    url = f"{ADMIN_URL['body']}{register['body'].pk}/change/"
    assert client_for(users["secretariat"]).get(url).status_code == 200
    assert client_for(users["committee"]).get(url).status_code == 200  # view-only
    assert client_for(users["network_member"]).get(url).status_code == 200  # view-only
    assert client_for(users["outsider"]).get(url).status_code == 302
    listing = client_for(users["outsider"]).get(ADMIN_URL["body"])
    assert listing.status_code == 200
    assert "Kommittén" not in listing.content.decode()


def test_audit_history_records_the_actor_and_the_admin_lists_it(users, register, client_for):
    body = register["body"]
    services.body_update(actor=users["secretariat"], body=body, name="Omdöpt kommitté")
    record = body.history.first()
    assert record.history_user == users["secretariat"]
    assert record.history_change_reason == "samverkan.organisations.body.changed"
    assert record.prev_record.name == "Kommittén"
    response = client_for(users["secretariat"]).get(f"{ADMIN_URL['body']}{body.pk}/history/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "kansli" in html and "Organ ändrat" in html
    outsider = client_for(users["outsider"]).get(f"{ADMIN_URL['body']}{body.pk}/history/")
    assert outsider.status_code == 404
