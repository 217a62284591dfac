from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("rules/", views.rules, name="rules"),
    path("help/", views.get_help, name="help"),
]
