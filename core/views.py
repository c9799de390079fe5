from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core import worklist as worklist_registry
from core.checks import static_manifest_problem


@never_cache
def healthz(request):
    """Bare health check for monitoring: pings the database and asks whether static files resolve
    (without the manifest every page answers 500). 503 with a short reason when unhealthy."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "reason": "database unavailable"}, status=503)
    problem = static_manifest_problem()
    if problem:
        return JsonResponse({"status": "error", "reason": problem}, status=503)
    return HttpResponse("ok", content_type="text/plain")


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def not_permitted(request, exception=None):
    """Signed in but not permitted (PermissionDenied from a service or a view) looks exactly like not found on
    the site's pages: the error policy is 404, so outsiders do not learn what exists. In the admin, which only
    staff reach and where the refused object was offered to them, the refusal is the site's own Swedish 403 page
    (issue 15: it was a bare English one) with the refusal's reason, if it has one."""
    user = getattr(request, "user", None)
    if request.path.startswith(reverse("admin:index")) and getattr(user, "is_staff", False):
        reason = str(exception.args[0]) if exception is not None and exception.args else ""
        if reason == _("You do not have permission for this."):
            reason = ""
        referer = request.headers.get("Referer", "")
        back = referer if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}) else ""
        return render(request, "403.html", {"reason": reason, "back": back}, status=403)
    return not_found(request, exception)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: the site's own Swedish page (Django's is English), status 403."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)


@login_required
def worklist(request):
    """ "Mina uppgifter": what is waiting for the signed-in user, per cooperation and kind (core.worklist)."""
    items = worklist_registry.items_for(request.user)
    return render(
        request,
        "core/worklist.html",
        {
            "groups": worklist_registry.grouped(items),
            "item_count": len(items),
            "overdue_count": sum(1 for item in items if item.overdue),
        },
    )
