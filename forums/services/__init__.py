"""Every write-side action on forum content: typed functions, keyword-only, one transaction each.

Moderation changes forum content only through the functions re-exported here (post_hide,
post_remove, post_release, thread_lock, thread_pin, thread_move, ...), passing `acting_user`.
"""

from forums.services.erasure import member_forum_content_erase
from forums.services.following import (
    bookmark_toggle,
    forum_access_grant,
    forum_access_revoke,
    forum_follow,
    reaction_toggle,
    read_state_mark,
    thread_mute,
    thread_watch,
)
from forums.services.moderating import (
    post_edit_as_moderator,
    post_hide,
    post_release,
    post_remove,
    post_set_crisis_review,
    thread_lock,
    thread_move,
    thread_pin,
    thread_remove,
)
from forums.services.notifying import (
    notification_send_account_notice,
    notification_send_moderation_notice,
    notifications_fan_out,
)
from forums.services.posting import (
    post_body_render,
    post_create,
    post_delete_by_author,
    post_edit,
    post_set_screening_state,
    posts_rerender,
    thread_create,
)

__all__ = [
    "bookmark_toggle",
    "forum_access_grant",
    "forum_access_revoke",
    "forum_follow",
    "member_forum_content_erase",
    "notification_send_account_notice",
    "notification_send_moderation_notice",
    "notifications_fan_out",
    "post_body_render",
    "post_create",
    "post_delete_by_author",
    "post_edit",
    "post_edit_as_moderator",
    "post_hide",
    "post_release",
    "post_remove",
    "post_set_crisis_review",
    "post_set_screening_state",
    "posts_rerender",
    "reaction_toggle",
    "read_state_mark",
    "thread_create",
    "thread_lock",
    "thread_move",
    "thread_mute",
    "thread_pin",
    "thread_remove",
    "thread_watch",
]
