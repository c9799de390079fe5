"""Content-Security-Policy (django-csp): every response carries the strict policy, and a sample of
every page type, public, staff and the Django admin, works under it in Chromium: no
`securitypolicyviolation` event and no "Refused to …" console message. A negative control proves
the listener does catch a violation."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

#: The policy's directives (django-csp writes them in no fixed order).
POLICY = sorted(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

PUBLIC_PAGES = [
    "/sodertorn/",  # overview
    "/sodertorn/kommuner/",
    "/sodertorn/program/",  # programme: goal tree, adoption matrix
    "/sodertorn/kalender/?ar=2011",  # calendar
    "/sodertorn/budget/2011/",  # budget with fee split
    "/sodertorn/budget/",  # comparison between years
    "/sodertorn/nyckeltal/",  # key figures
    "/sodertorn/nyckeltal/sodertorns-nyckeltal/",  # comparison with inline SVG charts
    "/sodertorn/program/sup-2013/maltrad/",  # goal tree
    "/sodertorn/verksamhetsplan/2011/",  # operating plan
    "/konto/logga-in/",
    "/admin/login/",
    "/api/v1/docs",
]
STAFF_PAGES = [
    "/sodertorn/budget/2011/utfall/",  # outcome entry form
    "/sodertorn/kalender/forslag/",  # calendar proposal
    "/sodertorn/nyckeltal/importera/",
    "/sodertorn/verksamhetsplan/uppfoljning/",  # follow-up rounds
    "/admin/",
    "/admin/organisations/municipality/",  # a change list with filters and actions
    "/admin/organisations/cooperation/",
]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || ""}:${event.lineNumber}`);
});
"""


@pytest.fixture
def csp_page(page):
    """The page, listening for CSP violations from the first script on; `violations()` collects them."""
    console = []
    page.on(
        "console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.add_init_script(LISTEN)

    def visit(path: str) -> list[str]:
        response = page.goto(page.base_url + path)
        assert response.status == 200, f"{path}: {response.status}"
        header = response.headers.get("content-security-policy", "")
        assert sorted(directive.strip() for directive in header.split(";")) == POLICY, path
        page.wait_for_load_state("networkidle")
        return violations()

    def violations() -> list[str]:
        found = page.evaluate("window.__cspViolations") + console
        console.clear()
        page.evaluate("window.__cspViolations = []")
        return found

    page.visit = visit
    page.violations = violations
    return page


def log_in(page, user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}])


def test_the_listener_catches_a_violation(csp_page):
    """Negative control: an inline script and an inline style are refused and reported."""
    assert csp_page.visit("/konto/logga-in/") == []
    csp_page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true;";
        document.body.appendChild(script);
        document.body.setAttribute("style", "color: red");
    }""")
    csp_page.wait_for_timeout(200)
    assert csp_page.evaluate("window.__ran === undefined")
    found = csp_page.violations()
    assert any(v.startswith("script-src-elem blocked inline") for v in found), found
    assert any(v.startswith("style-src-attr blocked inline") for v in found), found


def test_public_staff_and_admin_pages_work_under_the_policy(sodertorn, csp_page):
    violations = {path: found for path in PUBLIC_PAGES if (found := csp_page.visit(path))}

    superuser = get_user_model().objects.create_superuser("csp-root", "root@example.org", "pw-for-tests-only")
    log_in(csp_page, superuser)
    cooperation_change = f"/admin/organisations/cooperation/{sodertorn.pk}/change/"
    for path in [*STAFF_PAGES, cooperation_change, f"/admin/organisations/cooperation/{sodertorn.pk}/history/"]:
        if found := csp_page.visit(path):
            violations[path] = found
    assert violations == {}
    # The admin's own scripts ran (a script blocked by the policy would leave these undone).
    csp_page.visit("/admin/organisations/municipality/")
    assert csp_page.locator("#action-toggle").is_visible()
    assert csp_page.evaluate("typeof django !== 'undefined' && typeof django.jQuery === 'function'")
    # The history list's inline style lives in a stylesheet now (templates/core/admin/object_history_list.html).
    csp_page.visit(f"/admin/organisations/cooperation/{sodertorn.pk}/history/")
    assert csp_page.locator("p.paginator").evaluate("p => getComputedStyle(p).borderTopStyle") == "none"
