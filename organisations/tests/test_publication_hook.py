"""organisations answers core.publication's question: in which cooperations is this user staff?"""

import pytest
from django.contrib.auth.models import AnonymousUser

from core import publication
from organisations.models import StaffRole
from organisations.testing import build_cooperation, build_user

pytestmark = pytest.mark.django_db


def test_the_hook_is_provided_by_organisations():
    assert publication.staff_cooperations.is_provided


def test_staff_see_drafts_of_their_own_cooperations_only():
    mine, other = build_cooperation("pub-mine"), build_cooperation("pub-other")
    for role in StaffRole.Role.values:
        user = build_user(mine, role)
        assert publication.staff_cooperation_ids(user) == {mine.pk}, role
        assert other.pk not in publication.staff_cooperation_ids(user)


def test_anonymous_outsiders_and_inactive_users_see_no_drafts():
    coop = build_cooperation("pub-x")
    assert publication.staff_cooperation_ids(AnonymousUser()) == frozenset()
    assert publication.staff_cooperation_ids(None) == frozenset()
    assert publication.staff_cooperation_ids(build_user()) == frozenset()
    inactive = build_user(coop, StaffRole.Role.SECRETARIAT, is_active=False)
    assert publication.staff_cooperation_ids(inactive) == frozenset()


def test_superusers_see_every_cooperations_drafts():
    admin = build_user(is_superuser=True)
    assert publication.staff_cooperation_ids(admin) == publication.ALL
