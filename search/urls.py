from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("sok/", views.search_page, name="search"),
    path("beslut/", views.decisions, name="decisions"),
    path("beslut/beslut.<str:fmt>", views.decisions_export, name="decisions_export"),
]
