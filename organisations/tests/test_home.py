"""`/` goes to the default cooperation (or the first one), or explains what to do when there is none."""

import pytest
from django.db import connection, transaction

from organisations.models import Cooperation

pytestmark = pytest.mark.django_db


def test_home_redirects_to_the_default_cooperation(sodertorn, coop, other_coop, client):
    assert client.get("/")["Location"] == "/sodertorn/"  # the demo is the default
    Cooperation.objects.filter(pk=sodertorn.pk).update(is_default=False)
    coop.is_default = True
    coop.save()
    assert client.get("/")["Location"] == "/test/"
    coop.is_default = False
    coop.save()
    other_coop.is_default = True
    other_coop.save()
    assert client.get("/")["Location"] == "/annan/"
    Cooperation.objects.update(is_default=False)
    assert client.get("/")["Location"] == "/sodertorn/"  # no default: the first one created


def test_home_without_any_cooperation_explains_what_to_do(db, client):
    # The one test that needs a database without cooperations. The session's demo is in the way: remove
    # every cooperation inside a savepoint (foreign keys are deferred, so nothing cascades) and roll back.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Cooperation._meta.db_table}")
        assert not Cooperation.objects.exists()
        response = client.get("/")
        transaction.set_rollback(True)
    assert Cooperation.objects.filter(slug="sodertorn").exists()
    assert response.status_code == 200
    assert "Ingen samverkan är upplagd ännu" in response.content.decode()
