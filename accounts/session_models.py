"""The session table: Django's database session, with the member it belongs to.

Django's own `Session` row is a signed blob keyed by a random id, so finding a member's sessions
meant decoding every live one. This row also carries the member's id, indexed and filled when
the session is saved (Django's documented "extending database-backed session engines"), so
ending a member's sessions is one indexed DELETE (`accounts.services.member_sessions_end`).
"""

from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.sessions import SessionStore


class MemberSession(AbstractBaseSession):
    # No foreign key: a session outlives nothing (a deleted member's sessions are ended by the
    # service that deletes them) and a session saved while its member is being removed must not
    # fail the visitor's request.
    member_id = models.BigIntegerField(_("member id"), null=True, db_index=True, editable=False)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        return SessionStore
