"""The site's URLs plus two that fail the way an outage does, for the error page tests."""

import redis.exceptions
from django.db import OperationalError
from django.urls import path

from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def database_away(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


def unexpected(request):
    raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379.")


urlpatterns = [
    path("test-errors/database/", database_away),
    path("test-errors/unexpected/", unexpected),
    *urlpatterns,
]
