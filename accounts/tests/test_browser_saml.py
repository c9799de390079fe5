"""In Chromium: sign in through a municipality's SAML 2.0 identity provider (pysaml2 on 127.0.0.1, signing
with xmlsec1), get the mapped secretariat role, lose it at the next sign-in when the provider no longer
asserts the group; a tampered assertion is refused with a Swedish message."""

import pytest

from organisations.models import StaffRole

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROPOSAL = "/test/kalender/forslag/"


def sign_in_through_idp(page, municipality_name: str, username: str, lands_on: str = "/test/kalender/"):
    page.goto(page.base_url + "/konto/logga-in/?next=/test/kalender/")
    page.click(f"text=Logga in med ditt kommunkonto: {municipality_name}")
    page.wait_for_url("http://127.0.0.1:*/sso?SAMLRequest=*")  # the municipality's own sign-in page
    page.fill("input[name=username]", username)
    page.click("button:has-text('Logga in hos kommunen')")  # its answer posts itself back to our ACS
    page.wait_for_url(page.base_url + lands_on)


def test_municipality_account_gets_and_loses_the_mapped_role(coop, saml_idp, page, axe):
    municipality = coop.members.order_by("municipality__name").last().municipality
    saml_idp.register(municipality, key="kommun-b", mappings=[("samverkan-kansli", StaffRole.Role.SECRETARIAT, None)])

    saml_idp.set_user("eva", email="eva@kommun-b.se", groups=["samverkan-kansli"])
    sign_in_through_idp(page, municipality.name, "eva")
    assert page.locator(f"a[href^='{PROPOSAL}']").count() == 1  # the secretariat's link
    assert page.goto(page.base_url + PROPOSAL).status == 200
    assert list(StaffRole.objects.filter(user__email="eva@kommun-b.se").values_list("role", "granted_by")) == [
        (StaffRole.Role.SECRETARIAT, "kommun-b")
    ]

    page.click("header button:has-text('Logga ut')")
    saml_idp.set_user("eva", email="eva@kommun-b.se", groups=["annan-grupp"])
    sign_in_through_idp(page, municipality.name, "eva")
    assert page.locator(f"a[href^='{PROPOSAL}']").count() == 0
    assert page.goto(page.base_url + PROPOSAL).status == 404
    assert not StaffRole.objects.filter(user__email="eva@kommun-b.se").exists()

    page.click("header button:has-text('Logga ut')")
    saml_idp.edit_after_signing(">annan-grupp<", ">samverkan-kansli<")
    sign_in_through_idp(page, municipality.name, "eva", lands_on="/konto/saml/kommun-b/acs/finish/")
    assert "kunde inte verifieras (ogiltig signatur)" in page.inner_text("#refusal")
    axe(page, "refused SAML sign-in")
    assert page.locator("header button:has-text('Logga ut')").count() == 0
    assert not StaffRole.objects.filter(user__email="eva@kommun-b.se").exists()


def test_secretariat_sign_in_page_passes_axe_at_320_px(coop, saml_idp, page, axe):
    from django.test import Client

    from accounts import audit
    from accounts.services import sign_in_event_record
    from organisations.testing import build_body, build_user

    municipality = coop.members.order_by("municipality__name").last().municipality
    network = build_body(coop, name="Nätverk för folkhälsa")
    provider = saml_idp.register(municipality, key="kommun-b", mappings=[])
    provider.role_mappings.create(cooperation=coop, group="samverkan-kansli", role=StaffRole.Role.SECRETARIAT)
    provider.role_mappings.create(
        cooperation=coop, group="natverk-folkhalsa", role=StaffRole.Role.NETWORK_LEAD, body=network
    )
    sign_in_event_record(action=audit.SIGN_IN_FAILED, provider="kommun-b", detail="Signature validation failed")
    user = build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli-browser")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}])
    page.goto(page.base_url + "/test/inloggning/")
    assert "natverk-folkhalsa" in page.inner_text("main")
    axe(page, "secretariat's sign-in page")
    page.locator("#id_provider").select_option(str(provider.pk))
    page.locator("#id_group").fill("samverkan-registrator")
    page.locator("#id_role").select_option(StaffRole.Role.REGISTRAR)
    page.get_by_role("button", name="Lägg till", exact=True).click()
    assert "Rollmappningen lades till." in page.inner_text("main")
    assert provider.role_mappings.filter(group="samverkan-registrator").exists()
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe(page, "secretariat's sign-in page after adding a mapping")
