from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

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
