from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("budget/", views.index, name="index"),
    path("budget/<int:year>/", views.detail, name="detail"),
    path("budget/<int:year>/redigera/", views.budget_edit, name="edit"),
    path("budget/<int:year>/exempelfordelning/", views.apply_example_split, name="apply_example_split"),
    path("budget/<int:year>/utfall/", views.outcome_edit, name="outcome_edit"),
    path("budget/<int:year>/budget.xlsx", views.export, {"kind": "xlsx"}, name="export_xlsx"),
    path("budget/<int:year>/budget.csv", views.export, {"kind": "csv"}, name="export_csv"),
    path("budget/<int:year>/avgifter.csv", views.export, {"kind": "fees_csv"}, name="export_fees_csv"),
    path("budget/<int:year>/budget.pdf", views.export, {"kind": "pdf"}, name="export_pdf"),
    path("budget/<int:year>/budget.docx", views.export, {"kind": "docx"}, name="export_docx"),
]
