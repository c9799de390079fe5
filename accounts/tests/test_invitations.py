"""Invitations: the secretariat invites a person by e-mail to a role; the role is granted only when the
person accepts through the link (with a new local password, an existing account, or the municipality's
provider); the link expires, works once and can be withdrawn; all audited."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts import audit
from accounts.models import Invitation
from accounts.services import invitation_accept, invitation_withdraw, invite
from core.errors import DomainError
from organisations.models import Body, Membership, StaffRole
from organisations.testing import build_body, build_user

pytestmark = pytest.mark.django_db

R = StaffRole.Role
PAGE = "/test/inbjudningar/"
PASSWORD = "Ett-langt-losenord-2026"


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/konto/inbjudan/[^/\s]+/)", message.body).group(1)


def accept_with_password(client, path, **extra):
    data = {
        "action": "password",
        "first_name": "Ida",
        "last_name": "Ek",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post(path, data)


def test_secretariat_invites_and_the_role_is_granted_on_acceptance_only(client_for, users, coop, mailoutbox):
    response = client_for(users["secretariat"]).post(PAGE, {"email": " Ida.Ek@Kommun.se ", "role": R.SECRETARIAT})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "ida.ek@kommun.se",
        R.SECRETARIAT,
        users["secretariat"],
    )
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ida.ek@kommun.se"]
    assert "Inbjudan till Samverkan test" == mailoutbox[0].subject
    path = link_path(mailoutbox[0])
    assert path.split("/")[-2] not in str(Invitation.objects.values_list().get())  # only a hash is stored
    assert not get_user_model().objects.filter(email="ida.ek@kommun.se").exists()

    anonymous = client_for(None)
    page = anonymous.get(path)
    assert page.status_code == 200 and "rollen kansli i Samverkan test" in page.content.decode()
    response = accept_with_password(anonymous, path)
    assert (response.status_code, response["Location"]) == (302, "/test/")
    user = get_user_model().objects.get(username="ida.ek@kommun.se")
    assert (user.first_name, user.email, user.check_password(PASSWORD)) == ("Ida", "ida.ek@kommun.se", True)
    assert anonymous.session["_auth_user_id"] == str(user.pk)
    role = StaffRole.objects.get(user=user)
    assert (role.cooperation, role.role, role.granted_by) == (coop, R.SECRETARIAT, "")
    assert role.history.get().history_user == users["secretariat"]  # granted on behalf of the inviter
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", user)
    reasons = list(invitation.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == [f"{audit.INVITATION_SENT}: ida.ek@kommun.se", f"{audit.INVITATION_ACCEPTED}: ida.ek@kommun.se"]


def test_the_link_works_once(client_for, users, mailoutbox):
    invite(
        users["secretariat"],
        cooperation=users["secretariat"].staff_roles.get().cooperation,
        email="bo@kommun.se",
        role=R.SECRETARIAT,
    )
    path = link_path(mailoutbox[0])
    accept_with_password(client_for(None), path)
    again = client_for(None).get(path)
    assert again.status_code == 410
    assert "Inbjudan har redan använts." in again.content.decode()
    other = client_for(users["registrar"])
    assert other.post(path, {"action": "accept"}).status_code == 410
    assert not StaffRole.objects.filter(user=users["registrar"], role=R.SECRETARIAT).exists()


def test_an_expired_invitation_grants_nothing(client_for, users, coop, mailoutbox):
    invite(users["secretariat"], cooperation=coop, email="cia@kommun.se", role=R.SECRETARIAT)
    path = link_path(mailoutbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        response = accept_with_password(client_for(None), path)
        assert response.status_code == 410
        assert "Inbjudan har gått ut. Be sekretariatet om en ny." in response.content.decode()
        assert Invitation.objects.get().status == "expired"
    assert not get_user_model().objects.filter(username="cia@kommun.se").exists()


def test_a_withdrawn_invitation_grants_nothing(client_for, users, coop, mailoutbox):
    client = client_for(users["secretariat"])
    client.post(PAGE, {"email": "dan@kommun.se", "role": R.SECRETARIAT})
    invitation = Invitation.objects.get()
    assert client.post(f"{PAGE}{invitation.pk}/aterkalla/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    assert invitation.history.latest("history_id").history_change_reason == audit.INVITATION_WITHDRAWN
    response = accept_with_password(client_for(None), link_path(mailoutbox[0]))
    assert response.status_code == 410
    assert "Inbjudan har återkallats." in response.content.decode()
    with pytest.raises(DomainError):
        invitation_withdraw(actor=users["secretariat"], invitation=invitation)


def test_only_the_secretariat_of_the_cooperation(client_for, users, coop, mailoutbox):
    assert client_for(None).get(PAGE)["Location"].startswith("/konto/logga-in/")
    for name in ["outsider", "management", "committee", "registrar", "network_lead", "network_member"]:
        client = client_for(users[name])
        assert client.get(PAGE).status_code == 404, name
        assert client.post(PAGE, {"email": "x@kommun.se", "role": R.SECRETARIAT}).status_code == 404, name
        with pytest.raises(PermissionDenied):
            invite(users[name], cooperation=coop, email="x@kommun.se", role=R.SECRETARIAT)
    assert not Invitation.objects.exists() and mailoutbox == []
    mine = invite(users["secretariat"], cooperation=coop, email="x@kommun.se", role=R.SECRETARIAT)
    outsider = client_for(users["outsider"])
    assert outsider.post(f"/annan/inbjudningar/{mine.pk}/aterkalla/").status_code == 404
    assert Invitation.objects.get().status == "pending"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": "inte-en-adress", "role": R.SECRETARIAT}, "Fyll i en giltig e-postadress."),
        ({"email": "a@kommun.se", "role": "superuser"}, "Välj ett giltigt alternativ."),
        ({"email": "a@kommun.se", "role": R.REGISTRAR}, "En registrator måste vara knuten till en kommun."),
        ({"email": "a@kommun.se", "role": R.NETWORK_LEAD}, "Välj nätverket för den här rollen."),
        ({"email": "a@kommun.se", "role": "network_member"}, "Välj nätverket för den här rollen."),
        (
            {"email": "a@kommun.se", "role": R.SECRETARIAT, "network": "mine"},
            "Bara en nätverksmedlem eller nätverksledare knyts till ett nätverk.",
        ),
    ],
)
def test_bad_input_shows_a_swedish_message_and_sends_nothing(client_for, users, coop, mailoutbox, data, message):
    network = build_body(coop, name="Nätverk Z")
    if data.get("network") == "mine":
        data = {**data, "network": network.pk}
    response = client_for(users["secretariat"]).post(PAGE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invitation.objects.exists() and mailoutbox == []


def test_network_of_another_cooperation_and_non_member_municipality_are_refused(users, coop, other_coop):
    foreign = build_body(other_coop, name="Främmande nätverk")
    with pytest.raises(ValidationError, match="annan samverkan"):
        invite(users["secretariat"], cooperation=coop, email="a@kommun.se", role=R.NETWORK_LEAD, network=foreign)
    outside = other_coop.members.first().municipality
    with pytest.raises(ValidationError, match="inte medlem"):
        invite(users["secretariat"], cooperation=coop, email="a@kommun.se", role=R.REGISTRAR, organisation=outside)
    assert not Invitation.objects.exists()


def test_a_second_pending_invitation_to_the_same_role_is_refused(users, coop, mailoutbox):
    invite(users["secretariat"], cooperation=coop, email="a@kommun.se", role=R.SECRETARIAT)
    with pytest.raises(DomainError, match="väntande inbjudan"):
        invite(users["secretariat"], cooperation=coop, email="A@kommun.se", role=R.SECRETARIAT)
    assert Invitation.objects.count() == 1 and len(mailoutbox) == 1


def test_registrar_and_network_roles_are_granted_where_they_belong(users, coop):
    municipality = coop.members.order_by("municipality__name").last().municipality
    network = build_body(coop, name="Nätverk för IT", kind=Body.Kind.NETWORK)
    person = build_user(username="pia", first_name="Pia", last_name="Lund", email="pia@kommun.se")
    for role, kwargs in [
        (R.REGISTRAR, {"organisation": municipality}),
        (R.NETWORK_LEAD, {"network": network}),
        (R.NETWORK_MEMBER, {"network": network}),
    ]:
        invitation = invite(users["secretariat"], cooperation=coop, email="pia@kommun.se", role=role, **kwargs)
        invitation_accept(invitation=invitation, user=person)
    assert sorted(StaffRole.objects.filter(user=person).values_list("role", "municipality", "body")) == [
        (R.NETWORK_LEAD, None, network.pk),
        (R.NETWORK_MEMBER, None, network.pk),
        (R.REGISTRAR, municipality.pk, None),
    ]
    membership = Membership.objects.get(person__user=person)
    assert (membership.body, membership.role, membership.person.name, membership.person.cooperation) == (
        network,
        Membership.Role.MEMBER,
        "Pia Lund",
        coop,
    )


def test_a_signed_in_person_accepts_with_their_account(client_for, users, coop, mailoutbox):
    invite(users["secretariat"], cooperation=coop, email="natverk@kommun.se", role=R.SECRETARIAT)
    path = link_path(mailoutbox[0])
    client = client_for(users["network_lead"])
    page = client.get(path).content.decode()
    assert "Acceptera som natverk" in page and 'name="password1"' not in page
    assert client.post(path, {"action": "accept"}).status_code == 302
    assert StaffRole.objects.filter(user=users["network_lead"], role=R.SECRETARIAT, cooperation=coop).exists()


def test_an_inviter_who_lost_the_secretariat_role_cannot_grant(client_for, users, coop, mailoutbox):
    invite(users["secretariat"], cooperation=coop, email="eva@kommun.se", role=R.SECRETARIAT)
    StaffRole.objects.filter(user=users["secretariat"]).delete()
    response = accept_with_password(client_for(None), link_path(mailoutbox[0]))
    assert response.status_code == 400
    assert "Inbjudan gäller inte längre" in response.content.decode()
    assert not get_user_model().objects.filter(username="eva@kommun.se").exists()
    assert Invitation.objects.get().status == "pending"


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"password1": "kort", "password2": "kort"}, "Det här lösenordet är för kort."),
        ({"password2": "något-annat-helt-2026"}, "De två lösenorden är inte lika."),
        ({"first_name": ""}, "Detta fält måste fyllas i."),
    ],
)
def test_bad_password_form_is_refused_in_swedish(client_for, users, coop, mailoutbox, extra, message):
    invite(users["secretariat"], cooperation=coop, email="fia@kommun.se", role=R.SECRETARIAT)
    response = accept_with_password(client_for(None), link_path(mailoutbox[0]), **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="fia@kommun.se").exists()
    assert Invitation.objects.get().status == "pending"


def test_an_unknown_link_is_a_404_with_a_message(client):
    response = client.get("/konto/inbjudan/finns-inte/")
    assert response.status_code == 404
    assert "Inbjudningslänken är inte giltig." in response.content.decode()


def test_mail_failure_saves_nothing(users, coop, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with pytest.raises(DomainError, match="kunde inte skickas"):
        invite(users["secretariat"], cooperation=coop, email="a@kommun.se", role=R.SECRETARIAT)
    assert not Invitation.objects.exists()


def test_invitation_list_queries_are_bounded(client_for, users, coop, django_assert_max_num_queries):
    network = build_body(coop, name="Nätverk Q")
    for n in range(30):
        invite(
            users["secretariat"],
            cooperation=coop,
            email=f"p{n}@kommun.se",
            role="network_member" if n % 2 else R.SECRETARIAT,
            network=network if n % 2 else None,
        )
    client = client_for(users["secretariat"])
    with django_assert_max_num_queries(15):
        html = client.get(PAGE).content.decode()
    assert html.count("Återkalla") >= 30


def test_accepted_by_signing_in_with_the_municipality_provider(client, users, coop, oidc, mailoutbox):
    from urllib.parse import urlsplit

    import httpx

    municipality = coop.members.order_by("municipality__name").first().municipality
    oidc.register(municipality, provider_id="kommun-a")
    network = build_body(coop, name="Nätverk för kultur")
    invite(users["secretariat"], cooperation=coop, email="gun@kommun-a.se", role=R.NETWORK_LEAD, network=network)
    path = link_path(mailoutbox[0])
    page = client.get(path).content.decode()
    assert f"Logga in med ditt kommunkonto: {municipality.name}" in page
    assert f'<input type="hidden" name="next" value="{path}">' in page

    oidc.set_user("gun@kommun-a.se", email="gun@kommun-a.se", given_name="Gun", family_name="Berg", groups=[])
    authorize = client.post("/konto/oidc/kommun-a/login/", {"next": path})["Location"]
    callback = urlsplit(httpx.post(authorize, data={"sub": "gun@kommun-a.se"}).headers["location"])
    response = client.get(f"{callback.path}?{callback.query}")
    assert (response.status_code, response["Location"]) == (302, path)  # back to the invitation, signed in
    user = get_user_model().objects.get(socialaccount__uid="gun@kommun-a.se")
    assert not StaffRole.objects.filter(user=user).exists()  # nothing before accepting
    assert client.post(path, {"action": "accept"}).status_code == 302
    role = StaffRole.objects.get(user=user)
    assert (role.role, role.body, role.granted_by) == (R.NETWORK_LEAD, network, "")
    # A local grant: the provider's next sign-in (asserting no group) does not end it.
    client.post("/konto/logga-ut/")
    authorize = client.post("/konto/oidc/kommun-a/login/")["Location"]
    callback = urlsplit(httpx.post(authorize, data={"sub": "gun@kommun-a.se"}).headers["location"])
    client.get(f"{callback.path}?{callback.query}")
    assert StaffRole.objects.filter(user=user, role=R.NETWORK_LEAD).exists()
