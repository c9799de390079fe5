from django.urls import path

from meetings import views, work_views

app_name = "meetings"

urlpatterns = [
    path("kalender/", views.calendar, name="calendar"),
    path("kalender.ics", views.feed, name="feed"),
    path("kalender/forslag/", views.proposal, name="proposal"),
    path("kalender/<int:year>/<int:month>/", views.month, name="month"),
    path("kalender/mote/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("kalender/konferenser/<slug:series_slug>/", views.series_detail, name="series_detail"),
    path("kalender/organ/<slug:body_slug>.ics", views.body_feed, name="body_feed"),
    path("kalender/nytt-mote/", work_views.meeting_new, name="meeting_new"),
    path("kalender/mote/<int:pk>/arbete/", work_views.meeting_work, name="meeting_work"),
    path("kalender/mote/<int:pk>/punkt/<int:item_pk>/", work_views.agenda_item, name="agenda_item"),
    path("kalender/handling/<int:pk>/", work_views.paper_download, name="paper"),
    path("protokoll/<int:pk>/redigera/", work_views.minutes_edit, name="minutes_edit"),
    path("protokoll/<int:pk>/atgard/", work_views.minutes_action, name="minutes_action"),
    path("protokoll/<int:pk>/", views.minutes_detail, name="minutes_detail"),
    path("protokoll/<int:pk>/protokoll.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("protokoll/<int:pk>/utdrag/<int:number>.pdf", views.extract_pdf, name="extract_pdf"),
]
