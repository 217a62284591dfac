from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("members/<str:handle>/", views.profile, name="profile"),
    path("settings/", views.settings_index, name="settings"),
    path("settings/email/", views.email_settings, name="email_settings"),
    path("settings/email/resume/", views.email_resume, name="email_resume"),
    path("email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
