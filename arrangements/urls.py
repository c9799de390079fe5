from django.urls import path

from arrangements import views

app_name = "arrangements"

urlpatterns = [
    path("gemensamt/", views.overview, name="overview"),
    path("gemensamt/deltagande/", views.matrix, name="matrix"),
    path("gemensamt/deltagande.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("gemensamt/ny-upphandling/", views.procurement_edit, name="procurement_new"),
    path("gemensamt/nytt-avtal/", views.agreement_edit, name="agreement_new"),
    path("gemensamt/nytt-projekt/", views.project_edit, name="project_new"),
    path("gemensamt/agarstyrning/<slug:org_slug>/", views.owner_steering, name="owner_steering"),
    path("gemensamt/agarstyrning/<slug:org_slug>/dialog/<int:pk>/", views.dialogue, name="dialogue"),
    path(
        "gemensamt/agarstyrning/<slug:org_slug>/direktiv/<int:pk>.<str:fmt>",
        views.directive_document,
        name="directive_document",
    ),
    path("gemensamt/register/<slug:arrangement_slug>/", views.detail, name="detail"),
    path("gemensamt/register/<slug:arrangement_slug>/upphandling/", views.procurement_edit, name="procurement_edit"),
    path("gemensamt/register/<slug:arrangement_slug>/avtal/", views.agreement_edit, name="agreement_edit"),
    path("gemensamt/register/<slug:arrangement_slug>/projekt/", views.project_edit, name="project_edit"),
    path("gemensamt/register/<slug:arrangement_slug>/ny-version/", views.version_add, name="version_add"),
    path(
        "gemensamt/register/<slug:arrangement_slug>/version/<int:number>/fil/", views.version_file, name="version_file"
    ),
    path(
        "gemensamt/register/<slug:arrangement_slug>/version/<int:number>/skicka-ut/",
        views.version_send,
        name="version_send",
    ),
    path(
        "gemensamt/register/<slug:arrangement_slug>/version/<int:number>/antagande/",
        views.version_round,
        name="version_round",
    ),
    path(
        "gemensamt/register/<slug:arrangement_slug>/version/<int:number>/antagande/<str:code>/",
        views.record_adoption,
        name="record_adoption",
    ),
    path("gemensamt/<slug:kind_slug>/", views.register, name="register"),
]
