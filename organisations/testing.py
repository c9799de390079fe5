"""Small builders for tests (no giant fixtures): every later permission matrix is a few lines.

coop = build_cooperation("test", members=3)
user = build_user(coop, StaffRole.Role.SECRETARIAT)
"""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from organisations.models import Body, Cooperation, CooperationMember, Municipality, StaffRole

_codes = itertools.count()
_names = itertools.count(1)


def build_municipality(name: str | None = None, code: str | None = None) -> Municipality:
    # Codes cycle through 9000–9999 (no real SCB code): unique within any one test, never 5 digits.
    code = code or f"{9000 + next(_codes) % 1000:04d}"
    return Municipality.objects.create(code=code, name=name or f"Kommun {code}", county="Testlän")


def build_cooperation(slug: str = "test", members: int = 3, joined=dt.date(2010, 1, 1), **kwargs) -> Cooperation:
    municipalities = [build_municipality() for _ in range(members)]
    coop = Cooperation.objects.create(
        name=kwargs.pop("name", f"Samverkan {slug}"),
        slug=slug,
        host_municipality=municipalities[0] if municipalities else None,
        **kwargs,
    )
    for muni in municipalities:
        CooperationMember.objects.create(cooperation=coop, municipality=muni, joined=joined)
    return coop


def build_body(coop: Cooperation, kind=Body.Kind.NETWORK, name: str | None = None, **kwargs) -> Body:
    n = next(_names)
    name = name or f"Organ {n}"
    return Body.objects.create(cooperation=coop, kind=kind, name=name, slug=kwargs.pop("slug", f"organ-{n}"), **kwargs)


def build_user(
    coop: Cooperation | None = None,
    role: str | None = None,
    *,
    municipality=None,
    body=None,
    username: str | None = None,
    **kwargs,
):
    User = get_user_model()
    user = User.objects.create_user(
        username=username or f"user{next(_names)}",
        password="pw-for-tests-only",
        is_staff=kwargs.pop("is_staff", role is not None),
        **kwargs,
    )
    if coop is not None and role is not None:
        if role == StaffRole.Role.REGISTRAR and municipality is None:
            municipality = coop.members.order_by("municipality__name").first().municipality
        if role in StaffRole.NETWORK_ROLES and body is None:
            body = build_body(coop)
        StaffRole.objects.create(user=user, cooperation=coop, role=role, municipality=municipality, body=body)
    return user
