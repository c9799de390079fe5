from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from organisations.models import Cooperation


def home(request):
    """`/` goes to the default cooperation (or the only one)."""
    coop = Cooperation.objects.filter(is_default=True).first() or Cooperation.objects.order_by("pk").first()
    if coop is None:
        return render(request, "core/empty.html")
    return redirect(coop.get_absolute_url())


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


def server_error(request):
    return render(request, "500.html", status=500)
