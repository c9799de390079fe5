from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path("kommuner/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("organ/", views.body_list, name="body_list"),
    path("organ/<slug:body_slug>/", views.body_detail, name="body_detail"),
    path("natverk/", views.network_list, name="network_list"),
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/<slug:org_slug>/", views.organisation_detail, name="organisation_detail"),
    path("benamningar/", views.vocabulary_edit, name="vocabulary"),
    path("organisationer/<slug:org_slug>/agarstyrning/<int:pk>/fil/", views.steering_file, name="steering_file"),
]
