"""The secretariat's onboarding pages, under the cooperation's slug (/<slug>/kom-igang/...)."""

from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("mina-uppgifter/", views.cooperation_worklist, name="worklist"),
    path("kom-igang/", views.setup, name="setup"),
    path("kom-igang/medlemmar/", views.setup_members, name="members"),
    path("kom-igang/organ/", views.setup_bodies, name="bodies"),
    path("kom-igang/motesregler/", views.setup_rules, name="rules"),
    path("kom-igang/nyckeltal/", views.setup_kolada, name="kolada"),
]
