"""Builders for the arrangements tests."""

from __future__ import annotations

import datetime as dt

from arrangements import services
from core.services import SYSTEM
from organisations.models import Organisation, Ownership


def members(coop):
    return list(coop.current_members().order_by("name"))


def build_agreement(coop, *, parties=None, lead=None, name="Avtal om gemensam nämnd"):
    parties = parties if parties is not None else members(coop)
    return services.agreement_save(
        actor=SYSTEM, cooperation=coop, name=name, agreement_type="joint_committee", parties=parties, lead=lead
    )


def build_procurement(coop, name="Gemensam upphandling", **kwargs):
    kwargs.setdefault("subject", "Datakommunikation")
    return services.procurement_save(actor=SYSTEM, cooperation=coop, name=name, **kwargs)


def build_company(coop, owners=(), slug="bolaget"):
    org = Organisation.objects.create(
        cooperation=coop, kind=Organisation.Kind.COMPANY, name=f"Bolaget {slug}", slug=slug
    )
    for m in owners:
        Ownership.objects.create(organisation=org, owner_municipality=m)
    return org


TODAY = dt.date(2026, 11, 26)
