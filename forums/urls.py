import os

from django.urls import include, path

import core.converters  # noqa: F401  (registers the "id" converter)
from forums import views

app_name = "forums"

urlpatterns = [
    path("", views.index, name="index"),
    path("f/<slug:slug>/", views.forum_detail, name="forum"),
    path("f/<slug:slug>/new/", views.thread_create, name="thread_create"),
    path("f/<slug:slug>/follow/", views.forum_follow, name="forum_follow"),
    path("t/<id:pk>/", views.thread_redirect, name="thread_redirect"),
    path("t/<id:pk>/unread/", views.thread_unread, name="thread_unread"),
    path("t/<id:pk>/reply/", views.post_reply, name="reply"),
    path("t/<id:pk>/subscription/", views.thread_subscription, name="thread_subscription"),
    path("t/<id:pk>/<str:slug>/", views.thread_detail, name="thread"),
    path("p/<id:pk>/", views.post_redirect, name="post"),
    path("p/<id:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<id:pk>/delete/", views.post_delete, name="post_delete"),
    path("p/<id:pk>/react/", views.post_react, name="post_react"),
    path("p/<id:pk>/bookmark/", views.post_bookmark, name="post_bookmark"),
    path("p/<id:pk>/revisions/", views.post_revisions, name="post_revisions"),
    path("bookmarks/", views.bookmark_list, name="bookmarks"),
    path("waiting/", views.waiting, name="waiting"),
    path("supporters/", views.supporter_page, name="supporters"),
    path("search/", views.search, name="search"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_read_all, name="notifications_read_all"),
    path("notifications/<id:pk>/read/", views.notification_read, name="notification_read"),
]

# Benchmark-only reference views (bench/web_bench.py); never mounted unless asked for.
if os.environ.get("HEARTH_BENCH_REFERENCE_VIEWS") == "1":
    urlpatterns += [path("bench/", include("forums.bench_urls"))]
