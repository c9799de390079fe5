from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Bare health check for monitoring: pings the database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error"}, status=503)
    return HttpResponse("ok", content_type="text/plain")


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def not_permitted(request, exception=None):
    """Signed in but not permitted (PermissionDenied from a service, a view or the admin) looks
    exactly like not found: the error policy is 404, so outsiders do not learn what exists."""
    return not_found(request, exception)


def server_error(request):
    return render(request, "500.html", status=500)
