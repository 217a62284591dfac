from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)
from conversations import views

app_name = "conversations"

urlpatterns = [
    path("messages/", views.conversation_list, name="list"),
    path("messages/new/", views.conversation_start, name="start"),
    path("messages/<id:pk>/", views.conversation_detail, name="detail"),
    path("messages/<id:pk>/accept/", views.request_answer, {"accept": True}, name="accept"),
    path("messages/<id:pk>/decline/", views.request_answer, {"accept": False}, name="decline"),
    path("messages/<id:pk>/leave/", views.conversation_leave, name="leave"),
    path("messages/report/<id:pk>/", views.message_report, name="report"),
    path("messages/check-in/<id:pk>/", views.message_check_in, name="check_in"),
    path("settings/messages/", views.message_settings, name="settings"),
]
