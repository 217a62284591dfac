from django.urls import path

from conversations import views

app_name = "conversations"

urlpatterns = [
    path("messages/", views.conversation_list, name="list"),
    path("messages/new/", views.conversation_start, name="start"),
    path("messages/<int:pk>/", views.conversation_detail, name="detail"),
    path("messages/<int:pk>/accept/", views.request_answer, {"accept": True}, name="accept"),
    path("messages/<int:pk>/decline/", views.request_answer, {"accept": False}, name="decline"),
    path("messages/<int:pk>/leave/", views.conversation_leave, name="leave"),
    path("messages/report/<int:pk>/", views.message_report, name="report"),
    path("messages/check-in/<int:pk>/", views.message_check_in, name="check_in"),
    path("settings/messages/", views.message_settings, name="settings"),
]
