from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)
from moderation import views

app_name = "moderation"

urlpatterns = [
    path("rules/", views.rules, name="rules"),
    path("rules/accept/", views.rules_accept, name="rules_accept"),
    path("help/", views.get_help, name="help"),
    path("help/country/", views.help_remember_country, name="help_country"),
    path("help/check-in/", views.help_check_in, name="help_check_in"),
    path("help/worried/", views.help_worried, name="help_worried"),
    path("help/bar/hide/", views.help_bar_hide, name="help_bar_hide"),
    path("messages/moderators/", views.support_conversation, name="support"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("report/sent/", views.report_sent, name="report_sent"),
    path("report/<str:kind>/<str:key>/", views.report, name="report"),
    path("decisions/<id:pk>/", views.decision, name="decision"),
    path("transparency/", views.transparency, name="transparency"),
]
