"""In Chromium: sign in through a municipality's OpenID Connect provider (oidc-provider-mock on
127.0.0.1), get the mapped secretariat role, and lose it at the next sign-in when the provider no longer
asserts the group."""

import pytest

from organisations.models import StaffRole

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_through_provider(page, municipality_name: str, sub: str):
    page.goto(page.base_url + "/konto/logga-in/?next=/test/kalender/")
    page.click(f"text=Logga in med ditt kommunkonto: {municipality_name}")
    # The provider's own consent page (another origin): sign in as `sub`.
    page.wait_for_url("http://127.0.0.1:*/oauth2/authorize*")
    page.fill("input[name=sub]", sub)
    page.click("button:has-text('Authorize')")
    page.wait_for_url(page.base_url + "/test/kalender/")


def test_municipality_account_gets_and_loses_the_mapped_role(coop, oidc, page, axe):
    municipality = coop.members.order_by("municipality__name").first().municipality
    oidc.register(
        municipality, provider_id="kommun-a", mappings=[("samverkan-kansli", StaffRole.Role.SECRETARIAT, None)]
    )
    proposal = "/test/kalender/forslag/"

    page.goto(page.base_url + "/konto/logga-in/")
    axe(page, "login page with a municipality's provider")

    oidc.set_user("eva@kommun-a.se", email="eva@kommun-a.se", name="Eva Ek", groups=["samverkan-kansli"])
    sign_in_through_provider(page, municipality.name, "eva@kommun-a.se")
    assert page.locator(f"a[href^='{proposal}']").count() == 1  # the secretariat's link
    assert page.goto(page.base_url + proposal).status == 200

    page.click("header button:has-text('Logga ut')")
    oidc.set_user("eva@kommun-a.se", email="eva@kommun-a.se", name="Eva Ek", groups=["annan-grupp"])
    sign_in_through_provider(page, municipality.name, "eva@kommun-a.se")
    assert page.locator(f"a[href^='{proposal}']").count() == 0
    assert page.goto(page.base_url + proposal).status == 404
    assert list(StaffRole.objects.filter(user__socialaccount__uid="eva@kommun-a.se")) == []


def test_secretariat_sets_up_two_factor_before_anything_else(coop, page, axe, settings):
    from organisations.testing import build_user

    settings.REQUIRE_MFA = True
    build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli")
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Refused" in message.text else None)
    page.goto(page.base_url + "/konto/logga-in/?next=/test/")
    page.fill("input[name=username]", "kansli")
    page.fill("input[name=password]", "pw-for-tests-only")
    page.click("#local-login")
    page.wait_for_url(page.base_url + "/konto/tvastegsverifiering/totp/activate/?next=/test/")
    assert "Aktivera autentiseringsapp" in page.inner_text("main")
    assert page.locator("main img[src^='data:']").count() == 1  # the QR code, allowed by the CSP
    axe(page, "two-factor set-up")
    assert refused == []
