"""The onboarding's item in "Mina uppgifter": a cooperation without members or bodies waits for its secretariat."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.worklist import Item
from onboarding.selectors import setup_state
from organisations.access import cooperations_where


def setup_items(user) -> list[Item]:
    items = []
    for cooperation in cooperations_where(user, "secretariat"):
        state = setup_state(cooperation)
        if state.done:
            continue
        items.append(
            Item(
                title=_("Set up %(name)s: members, bodies and meeting rules") % {"name": cooperation.name},
                url=reverse("onboarding:setup", args=[cooperation.slug]),
                kind="onboarding",
                cooperation=cooperation,
            )
        )
    return items
