"""URLconf for the error-page tests: the real URLs plus a view that fails."""

from django.urls import path

from config.urls import handler404, handler500  # noqa: F401
from config.urls import urlpatterns as base_patterns


def boom(request):
    raise RuntimeError("secret internal detail that must not leak")


urlpatterns = [path("test-boom/", boom), *base_patterns]
