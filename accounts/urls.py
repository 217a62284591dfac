from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)
from accounts import bounce_views, peer_views, privacy_views, views

app_name = "accounts"

urlpatterns = [
    path("safety-plan/", peer_views.safety_plan, name="safety_plan"),
    path("safety-plan/edit/", peer_views.safety_plan_edit, name="safety_plan_edit"),
    path("safety-plan/delete/", peer_views.safety_plan_remove, name="safety_plan_delete"),
    path("members/<str:handle>/", views.profile, name="profile"),
    path("settings/", views.settings_index, name="settings"),
    path("settings/email/", views.email_settings, name="email_settings"),
    path("settings/email/resume/", views.email_resume, name="email_resume"),
    path("settings/profile/", privacy_views.profile_settings, name="profile_settings"),
    path("settings/blocks-and-mutes/", privacy_views.filters_settings, name="filters"),
    path("settings/blocks-and-mutes/block/", privacy_views.block, name="block"),
    path(
        "settings/blocks-and-mutes/unblock/<id:member_id>/",
        privacy_views.unblock,
        name="unblock",
    ),
    path("settings/blocks-and-mutes/mute/", privacy_views.mute, name="mute"),
    path(
        "settings/blocks-and-mutes/unmute/<str:kind>/<id:target_id>/",
        privacy_views.unmute,
        name="unmute",
    ),
    path("settings/blocks-and-mutes/words/", privacy_views.mute_words_add, name="mute_words_add"),
    path(
        "settings/blocks-and-mutes/words/<id:word_id>/delete/",
        privacy_views.mute_word_delete,
        name="mute_word_delete",
    ),
    path("welcome/", privacy_views.welcome, name="welcome"),
    path("settings/healthy-use/", privacy_views.wellbeing_settings, name="wellbeing"),
    path("settings/break/", privacy_views.take_a_break, name="break"),
    path("settings/break/end/", privacy_views.break_end, name="break_end"),
    path("settings/reminders/dismiss/", privacy_views.reminder_dismiss, name="reminder_dismiss"),
    path("settings/data/", privacy_views.data_settings, name="data"),
    path("settings/data/export/", privacy_views.export_request, name="export_request"),
    path(
        "settings/data/export/<str:token>/", privacy_views.export_download, name="export_download"
    ),
    path("settings/data/delete-account/", privacy_views.erase_account, name="erase"),
    path("account-deletion-scheduled/", privacy_views.erasure_scheduled, name="erasure_scheduled"),
    path("email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("email/bounces/", bounce_views.email_bounce_webhook, name="email_bounce_webhook"),
]
