"""Password reset by e-mail for local accounts: a single-use, expiring link; nothing for unknown addresses
or for accounts that sign in through a municipality's provider."""

import re

import pytest
from django.contrib.auth import get_user_model

from organisations.testing import build_user

pytestmark = pytest.mark.django_db

START = "/konto/losenord/aterstall/"


def link_in(message) -> str:
    return re.search(r"http://testserver(/konto/losenord/nytt/\S+/)", message.body).group(1)


def test_login_page_links_to_password_reset(client, db):
    assert f'href="{START}"' in client.get("/konto/logga-in/").content.decode()


def test_reset_by_email_sets_a_new_password_once(client, mailoutbox):
    build_user(username="anna", email="anna@example.se")
    response = client.post(START, {"email": "anna@example.se"})
    assert response["Location"] == "/konto/losenord/aterstall/skickat/"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["anna@example.se"]
    link = link_in(mailoutbox[0])
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    page = client.get(form_url)
    assert "Välj ett nytt lösenord" in page.content.decode() and 'name="new_password1"' in page.content.decode()
    weak = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and "Det här lösenordet är för kort" in weak.content.decode()
    done = client.post(form_url, {"new_password1": "ett-nytt-lösen-2026", "new_password2": "ett-nytt-lösen-2026"})
    assert done["Location"] == "/konto/losenord/klart/"
    assert get_user_model().objects.get(username="anna").check_password("ett-nytt-lösen-2026")
    assert "_auth_user_id" not in client.session  # signing in (with two factors if set up) is a separate step
    again = client.get(client.get(link).get("Location", link))
    assert "Länken är inte giltig" in again.content.decode()


def test_an_expired_link_is_refused(client, mailoutbox, settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 3600
    build_user(username="anna", email="anna@example.se")
    client.post(START, {"email": "anna@example.se"})
    link = link_in(mailoutbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1  # the link is older than the allowed age
    page = client.get(link, follow=True)
    assert "Länken är inte giltig" in page.content.decode()
    assert get_user_model().objects.get(username="anna").check_password("pw-for-tests-only")


def test_no_mail_for_unknown_addresses_or_provider_accounts(client, mailoutbox):
    user = build_user(username="via-kommun", email="eva@kommun.se")
    user.set_unusable_password()
    user.save()
    for address in ["ingen@example.se", "eva@kommun.se"]:
        assert client.post(START, {"email": address})["Location"] == "/konto/losenord/aterstall/skickat/"
    assert mailoutbox == []
