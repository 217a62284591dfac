"""The forums' HTTP layer: parse, check, call one service (or selector), respond."""

from forums.views.following import (
    bookmark_list,
    forum_follow,
    notification_list,
    notification_read,
    notification_read_all,
    post_bookmark,
    post_react,
    thread_subscription,
)
from forums.views.posting import post_delete, post_edit, post_reply, thread_create
from forums.views.reading import (
    forum_detail,
    index,
    post_redirect,
    post_revisions,
    thread_detail,
    thread_redirect,
    thread_unread,
)
from forums.views.searching import search
from forums.views.support import supporter_page, waiting

__all__ = [
    "bookmark_list",
    "forum_detail",
    "forum_follow",
    "index",
    "notification_list",
    "notification_read",
    "notification_read_all",
    "post_bookmark",
    "post_delete",
    "post_edit",
    "post_react",
    "post_redirect",
    "post_reply",
    "post_revisions",
    "search",
    "supporter_page",
    "thread_create",
    "thread_detail",
    "thread_redirect",
    "thread_subscription",
    "thread_unread",
    "waiting",
]
