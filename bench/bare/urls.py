from django.db import connection
from django.shortcuts import render
from django.urls import path

# Posts 1–20 of a thread with their authors' handles: what the thread page shows, one query.
# The LIMIT is in Hearth's query too (forums.selectors): without it the planner takes a big
# thread's position range for thousands of rows and hashes the whole members table for the
# author join, which made this reference pay about 7 ms of database time per request.
POSTS_SQL = """
    SELECT p.id, p.position, p.created_at, p.body_html, u.handle
    FROM forums_post p LEFT JOIN accounts_user u ON u.id = p.author_id
    WHERE p.thread_id = %s AND p.position BETWEEN 1 AND 20
    ORDER BY p.position
    LIMIT 20
"""


def twenty_posts(request):
    raw = request.GET.get("thread", "0")
    thread_id = int(raw) if raw.isdigit() else 0
    with connection.cursor() as cursor:
        cursor.execute(POSTS_SQL, [thread_id])
        posts = [
            {"pk": pk, "position": position, "created_at": at, "body_html": html, "handle": handle}
            for pk, position, at, html, handle in cursor.fetchall()
        ]
    return render(request, "reference.html", {"posts": posts})


urlpatterns = [path("", twenty_posts)]
