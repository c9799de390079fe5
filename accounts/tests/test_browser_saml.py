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
