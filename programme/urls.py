from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("program/", views.index, name="index"),
    path("program/historik/", views.programme_list, name="list"),
    path("program/antagande/utdrag/<int:step_id>/", views.extract, name="extract"),
    path("program/styrdokument/<int:pk>/fil/", views.governing_document_file, name="governing_document_file"),
    path("program/<slug:programme_slug>/", views.detail, name="detail"),
    path("program/<slug:programme_slug>/maltrad/", views.goal_tree, name="goal_tree"),
    path("program/<slug:programme_slug>/andringar/", views.audit, name="audit"),
    path("program/<slug:programme_slug>/pdf/", views.download_pdf, name="pdf"),
    path("program/<slug:programme_slug>/docx/", views.download_docx, name="docx"),
    path("program/<slug:programme_slug>/antagande/<str:code>/", views.record_adoption, name="record_adoption"),
    path(
        "program/<slug:programme_slug>/antagande/<str:code>/steg/<int:step_id>/",
        views.correct_step,
        name="correct_step",
    ),
]

urlpatterns += [
    path("program/<slug:programme_slug>/redigera/", views.edit_tree, name="edit_tree"),
    path("program/<slug:programme_slug>/ny-version/", views.next_version, name="next_version"),
    path("program/<slug:programme_slug>/skicka-ut/", views.send_out, name="send_out"),
    path("program/<slug:programme_slug>/antagandeomgang/", views.adoption_round, name="adoption_round"),
]
