from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggning/", views.sign_in_admin, name="sign_in_admin"),
    path("inloggning/rollmappningar/", views.role_mapping_add, name="role_mapping_add"),
    path("inloggning/rollmappningar/<int:pk>/ta-bort/", views.role_mapping_remove, name="role_mapping_remove"),
    path("inbjudningar/", views.invitations, name="invitations"),
    path("inbjudningar/<int:pk>/aterkalla/", views.invitation_withdraw, name="invitation_withdraw"),
]
