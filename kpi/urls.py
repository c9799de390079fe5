from django.urls import path

from kpi import views

app_name = "kpi"

urlpatterns = [
    path("nyckeltal/", views.index, name="index"),
    path("nyckeltal/importera/", views.import_values, name="import"),
    path("nyckeltal/importera/kolada/", views.kolada_import_start, name="kolada_import"),
    path("nyckeltal/importera/<int:run_id>/", views.import_run, name="import_run"),
    path("nyckeltal/importera/<int:run_id>/status.json", views.import_run_status, name="import_run_status"),
    path("nyckeltal/tal/<str:kolada_id>/", views.figure_detail, name="figure"),
    path("nyckeltal/grupper/ny/", views.group_create, name="group_create"),
    path("nyckeltal/<slug:group_slug>/", views.group_detail, name="group"),
    path("nyckeltal/<slug:group_slug>/redigera/", views.group_edit, name="group_edit"),
    path("nyckeltal/<slug:group_slug>/varden.csv", views.group_csv, name="group_csv"),
    path("nyckeltal/<slug:group_slug>/varden.xlsx", views.group_values_xlsx, name="group_xlsx"),
    path("nyckeltal/<slug:group_slug>/<int:year>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("nyckeltal/<slug:group_slug>/<int:year>/rapport.docx", views.report_docx, name="report_docx"),
    path("nyckeltal/<slug:group_slug>/<int:year>/publicera/", views.report_publish, name="report_publish"),
    path("nyckeltal/<slug:group_slug>/<int:year>/jamforelse.xlsx", views.comparison_xlsx, name="comparison_xlsx"),
]
