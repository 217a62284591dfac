from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("members/<str:handle>/", views.profile, name="profile"),
    path("settings/", views.settings_index, name="settings"),
]
