from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
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
    """Signed in but not permitted (PermissionDenied from a service, a view or the admin) looks
    exactly like not found: the error policy is 404, so outsiders do not learn what exists."""
    return not_found(request, exception)


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
