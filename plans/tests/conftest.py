import pytest

from organisations.models import StaffRole
from organisations.testing import build_user
from plans.tests.builders import build_action_plan, build_network_with_lead, build_programme


@pytest.fixture
def world(coop, users):
    """A programme with goals, two networks with leads (the `users` network lead leads a third) and
    an action plan per network for 2011; `network_member_a` holds the network member role of the first network."""
    programme = build_programme(coop)
    net_a, lead_a, member_a = build_network_with_lead(coop, "Näringslivschefer")
    net_b, lead_b, member_b = build_network_with_lead(coop, "IT-chefer")
    return {
        "programme": programme,
        "net_a": net_a,
        "lead_a": lead_a,
        "member_a": member_a,
        "network_member_a": build_user(coop, StaffRole.Role.NETWORK_MEMBER, body=net_a, username="medlem_a"),
        "plan_a": build_action_plan(coop, net_a),
        "net_b": net_b,
        "lead_b": lead_b,
        "member_b": member_b,
        "plan_b": build_action_plan(coop, net_b),
    }
