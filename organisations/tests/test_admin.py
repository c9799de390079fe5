"""The admin works for every register model: Swedish labels, search, filters, history."""

import pytest
from django.contrib import admin

from organisations import models as m
from organisations.testing import build_user

pytestmark = pytest.mark.django_db

REGISTER_MODELS = [
    m.Municipality,
    m.Cooperation,
    m.Body,
    m.Person,
    m.Membership,
    m.Organisation,
    m.Ownership,
    m.OwnerSteeringRecord,
    m.StaffRole,
]


@pytest.fixture
def root_client(client):
    client.force_login(
        build_user(is_superuser=True, is_staff=True, username="root"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return client


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda model: model.__name__)
def test_every_register_model_has_a_working_swedish_admin(sodertorn, root_client, model):
    model_admin = admin.site._registry[model]
    assert model_admin.search_fields, f"{model.__name__} has no search"
    base = f"/admin/organisations/{model._meta.model_name}/"
    response = root_client.get(base, {"q": "Södertörn"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="sv"' in html
    assert str(model._meta.verbose_name_plural).capitalize() in html or "Välj" in html
    assert root_client.get(base + "add/").status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert root_client.get(f"{base}{obj.pk}/change/").status_code == 200
        assert root_client.get(f"{base}{obj.pk}/history/").status_code == 200


def test_admin_index_lists_the_register_in_swedish(sodertorn, root_client):
    html = root_client.get("/admin/").content.decode()
    for label in ["Organisationsregister", "Kommuner", "Organ", "Uppdrag", "Organisationer", "Ägarandelar"]:
        assert label in html, label


def test_admin_filters_work(sodertorn, root_client):
    response = root_client.get("/admin/organisations/body/", {"kind__exact": "secretariat"})
    html = response.content.decode()
    assert "Kansliet (sekretariatet)" in html and "IT-chefer" not in html
    response = root_client.get("/admin/organisations/body/", {"q": "IT-chefer"})
    assert "IT-chefer" in response.content.decode()
