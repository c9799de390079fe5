"""In Chromium: the two-factor set-up page at 320 px, and a security key (WebAuthn) registered and used
through Chromium's virtual authenticator (DevTools protocol: WebAuthn.addVirtualAuthenticator)."""

import pytest
from allauth.mfa.models import Authenticator

from accounts import audit
from accounts.models import SignInEvent
from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIVATE = "/konto/tvastegsverifiering/totp/activate/"


def local_sign_in(page, username: str, next_url: str = "/test/"):
    page.goto(page.base_url + f"/konto/logga-in/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-only")
    page.click("#local-login")


def test_set_up_page_reflows_at_320_px(coop, page, axe, settings):
    settings.REQUIRE_MFA = True
    build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli")
    page.set_viewport_size({"width": 320, "height": 800})
    local_sign_in(page, "kansli")
    page.wait_for_url(page.base_url + f"{ACTIVATE}?next=/test/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe(page, "two-factor set-up at 320 px")
    page.keyboard.press("Tab")  # the code field is reachable by keyboard
    page.focus("input[name=code]")
    assert page.evaluate("document.activeElement.name") == "code"


def test_security_key_registered_and_used_to_sign_in(coop, page, axe, settings):
    settings.REQUIRE_MFA = True
    user = build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    local_sign_in(page, "kansli")
    page.wait_for_url(page.base_url + f"{ACTIVATE}?next=/test/")
    page.click("text=Använd en säkerhetsnyckel (WebAuthn) i stället")
    page.wait_for_url(page.base_url + "/konto/tvastegsverifiering/webauthn/add/**")
    axe(page, "adding a security key")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(page.base_url + "/konto/tvastegsverifiering/")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count() == 1
    assert page.goto(page.base_url + "/test/kalender/forslag/").status == 200  # no longer sent to set-up

    page.click("header button:has-text('Logga ut')")
    local_sign_in(page, "kansli", next_url="/test/kalender/")
    page.wait_for_url(page.base_url + "/konto/tvastegsverifiering/kod/")
    assert page.locator("input[name=code]").count() == 0  # no authenticator app set up: only the key
    axe(page, "two-factor sign-in with a security key")
    page.click("#webauthn-authenticate")
    page.wait_for_url(page.base_url + "/test/kalender/")
    assert page.locator("header button:has-text('Logga ut')").count() == 1
    assert list(SignInEvent.objects.filter(user=user).order_by("pk").values_list("action", "detail")) == [
        (audit.SIGNED_IN, ""),
        (audit.SIGNED_IN, "webauthn"),
    ]
