"""allauth's SAML 2.0 views (python3-saml), routed by config/urls.py under /konto/saml/<key>/.

python3-saml builds the addresses it checks (ACS, destination, audience) from the request's Host
header, which allauth reads unchecked from request.META (a request without one was a 500). Here the
host is Django's validated one (ALLOWED_HOSTS; a bad host is a 400). The security settings every SAML
provider is held to (signed assertions, strict checks, no unsolicited responses) are forced by
accounts.adapters.SocialAccountAdapter.list_apps.
"""

from functools import wraps

from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.saml import views
from allauth.socialaccount.providers.saml.utils import get_app_or_404
from onelogin.saml2.errors import OneLogin_Saml2_Error


def _with_checked_host(view):
    @wraps(view)  # keeps csrf_exempt and login_required of allauth's view
    def wrapped(request, organization_slug):
        request.META["HTTP_HOST"] = request.get_host()
        try:
            return view(request, organization_slug=organization_slug)
        except OneLogin_Saml2_Error as exc:  # the provider's settings are wrong: a refused sign-in, not a 500
            provider = get_app_or_404(request, organization_slug).get_provider(request)
            return render_authentication_error(request, provider, exception=exc)

    return wrapped


login = _with_checked_host(views.login)
acs = _with_checked_host(views.acs)
finish_acs = _with_checked_host(views.finish_acs)
sls = _with_checked_host(views.sls)
metadata = _with_checked_host(views.metadata)
