"""The system administrator's pages (/system/...): a new cooperation, the national list of municipalities."""

from django.urls import path

from onboarding import views

app_name = "system"

urlpatterns = [
    path("samverkan/ny/", views.cooperation_new, name="cooperation_new"),
    path("kommuner/", views.national_list, name="national_list"),
    path("valkommen/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
]
