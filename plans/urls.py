from django.urls import path

from plans import views

app_name = "plans"

P = "verksamhetsplan/"

urlpatterns = [
    path(P, views.index, name="index"),
    path(f"{P}aktiviteter/", views.activities, name="activities"),
    path(f"{P}aktiviteter/<int:pk>/redigera/", views.activity_edit, name="activity_edit"),
    path(f"{P}uppfoljning/", views.rounds, name="rounds"),
    path(f"{P}uppfoljning/<int:round_id>/", views.round_detail, name="round"),
    path(f"{P}uppfoljning/<int:round_id>/stang/", views.round_close, name="round_close"),
    path(f"{P}uppfoljning/<int:round_id>/oppna-igen/", views.round_reopen, name="round_reopen"),
    path(f"{P}uppfoljning/<int:round_id>/bedomning/", views.assess, name="assess"),
    path(f"{P}uppfoljning/<int:round_id>/rapport/<slug:body_slug>/", views.report, name="report"),
    path(
        f"{P}uppfoljning/<int:round_id>/rapport/<slug:body_slug>/export.<str:fmt>",
        views.report_export,
        name="report_export",
    ),
    path(f"{P}uppfoljning/<int:round_id>/rapport/<slug:body_slug>/import/", views.report_import, name="report_import"),
    path(f"{P}<int:year>/", views.detail, name="detail"),
    path(f"{P}<int:year>/verksamhetsplan.pdf", views.plan_pdf, name="pdf"),
    path(f"{P}<int:year>/verksamhetsplan.docx", views.plan_docx, name="docx"),
    path(f"{P}<int:year>/handlingsplaner/", views.action_plans, name="action_plans"),
    path(f"{P}<int:year>/redigera/", views.plan_edit, name="edit"),
    path(f"{P}<int:year>/ny-handlingsplan/", views.action_plan_create, name="action_plan_create"),
    path(f"{P}<int:year>/handlingsplaner/<slug:body_slug>/", views.action_plan, name="action_plan"),
    path(
        f"{P}<int:year>/handlingsplaner/<slug:body_slug>/ny-aktivitet/", views.activity_create, name="activity_create"
    ),
    path(f"{P}<int:year>/utvardering/", views.evaluation, name="evaluation"),
    path(f"{P}<int:year>/utvardering.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path(f"{P}<int:year>/utvardering.docx", views.evaluation_docx, name="evaluation_docx"),
]
