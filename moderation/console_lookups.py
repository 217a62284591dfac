"""Which lookups the console accepts from each staff role: an allow-list, not a deny-list.

Django's admin accepts query-string lookups on any of a model's own fields
(`?email__startswith=a`), which lets anyone who can open a list page recover a private value one
character at a time by watching whether a row comes back. In the console:

- below operator, a list page accepts only the lookups its own filters generate (list_filter,
  date_hierarchy), searches only its non-private search fields and sorts only by non-private
  columns;
- operators keep Django's rules, except that no one filters, searches or sorts on a secret
  (password hashes, 2FA secrets, tokens, ciphertext, keyed hashes);
- a refused lookup answers the same 400 page whatever its value, so the answer tells nothing.

`ConsoleSite.register` puts `ConsoleLookupGuard` in front of every ModelAdmin, ours and third
parties', so a newly registered model is covered without anyone remembering to.
"""

from __future__ import annotations

import enum

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP


class Privacy(enum.IntEnum):
    PUBLIC = 0  # anyone in the console may filter, search and sort on it
    PRIVATE = 1  # operators only: a member's email, settings, private relations
    SECRET = 2  # no one: credentials, keys, ciphertext


# Fields no one may look up, whatever their role, by model label (lower case).
SECRET_FIELDS: dict[str, frozenset[str]] = {
    "accounts.user": frozenset({"password"}),
    "mfa.authenticator": frozenset({"data"}),  # TOTP secret and recovery codes
    "account.emailconfirmation": frozenset({"key"}),
    "sessions.session": frozenset({"session_key", "session_data"}),
    "accounts.exportrequest": frozenset({"token", "file_name"}),
    "accounts.emailbounce": frozenset({"reference_hash"}),
    "conversations.message": frozenset({"ciphertext", "key_id"}),
    "moderation.sitesettings": frozenset({"crisis_webhook_url"}),  # may carry a token
}

# Models whose every field is private to the member and operators: their settings, whom they
# block or mute, their emails, requests and private conversations.
PRIVATE_MODELS: frozenset[str] = frozenset(
    {
        "accounts.profile",
        "accounts.emailpreferences",
        "accounts.emaildelivery",
        "accounts.emailbounce",
        "accounts.block",
        "accounts.mute",
        "accounts.muteword",
        "accounts.exportrequest",
        "accounts.erasurerequest",
        "account.emailaddress",
        "account.emailconfirmation",
        "mfa.authenticator",
        "sessions.session",
        "conversations.conversation",
        "conversations.participant",
        "conversations.message",
        "admin.logentry",
    }
)

# Single private fields on otherwise public models.
PRIVATE_FIELDS: dict[str, frozenset[str]] = {
    "accounts.user": frozenset(
        {
            "email",
            "country",
            "last_login",
            "timezone",
            "break_reminder_minutes",
            "has_late_night_reminder",
            "late_night_start",
            "late_night_end",
            "break_until",
            "onboarding_done_at",
            "has_member_filters",
            "message_permission",
            "user_permissions",
        }
    ),
    "moderation.escalationcontact": frozenset({"email", "user"}),
    "moderation.crisisnotification": frozenset({"recipient", "last_error"}),
    "moderation.report": frozenset({"reporter", "note"}),
    "moderation.appeal": frozenset({"text"}),
    "moderation.membernote": frozenset({"text"}),
}

# Name fragments that mark a field secret on any model, so a new credential is covered by default.
_SECRET_NAME_PARTS = ("password", "secret", "token", "ciphertext", "recovery", "api_key")


def field_privacy(field) -> Privacy:
    """How private `field` is, from its model's entry above, its type and its name."""
    mirrored = getattr(field, "field", None) if field.auto_created and not field.concrete else None
    if isinstance(mirrored, models.Field):
        # A reverse relation (user.reports_filed) is as private as the field it mirrors
        # (Report.reporter) and as the model it walks into.
        return max(field_privacy(mirrored), _model_privacy(field.related_model))
    label = field.model._meta.label_lower
    name = field.name
    if name in SECRET_FIELDS.get(label, ()) or any(part in name for part in _SECRET_NAME_PARTS):
        return Privacy.SECRET
    if isinstance(field, models.BinaryField):
        return Privacy.SECRET
    if label in PRIVATE_MODELS or name in PRIVATE_FIELDS.get(label, ()):
        return Privacy.PRIVATE
    if isinstance(field, models.EmailField):
        return Privacy.PRIVATE
    return _model_privacy(getattr(field, "related_model", None))


def _model_privacy(model) -> Privacy:
    if model is not None and model._meta.label_lower in PRIVATE_MODELS:
        return Privacy.PRIVATE
    return Privacy.PUBLIC


def path_fields(model, lookup: str) -> list:
    """The model fields a lookup path walks through; later parts are transforms or lookups."""
    walked = []
    for part in lookup.split(LOOKUP_SEP):
        if part == "pk":
            part = model._meta.pk.name
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            break
        walked.append(field)
        if not getattr(field, "path_infos", None):
            break
        model = field.path_infos[-1].to_opts.model
    return walked


def path_privacy(model, lookup: str) -> Privacy:
    """The most private field a lookup path touches."""
    return max((field_privacy(f) for f in path_fields(model, lookup)), default=Privacy.PUBLIC)


def is_operator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def limit_for(request) -> Privacy:
    """The most private kind of field `request.user` may look up."""
    return Privacy.PUBLIC if request is None or not is_operator(request.user) else Privacy.PRIVATE


# Lookups and transforms that Django's own list filters append to a field path.
_FILTER_SUFFIXES = frozenset(
    {"exact", "isnull", "in", "gte", "gt", "lt", "lte", "year", "month", "day"}
)


class ConsoleChangeList(ChangeList):
    """Sorts only by columns the viewer may sort by: Django honours `?o=N` on any column."""

    def get_ordering_field(self, field_name):
        if self.sortable_by is not None and field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)


class ConsoleLookupGuard:
    """Put in front of every console ModelAdmin by ConsoleSite.register."""

    def lookup_allowed(self, lookup, value, request=None):
        limit = limit_for(request)
        if path_privacy(self.model, lookup) > limit:
            return False
        if limit is Privacy.PRIVATE:
            return super().lookup_allowed(lookup, value, request)
        return self._is_filter_lookup(lookup, request)

    def _is_filter_lookup(self, lookup: str, request) -> bool:
        parameters, paths = set(), set()
        list_filter = self.get_list_filter(request) if request is not None else self.list_filter
        for item in list_filter:
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                parameters.add(item.parameter_name)
            elif isinstance(item, (list, tuple)):
                paths.add(item[0])
            elif isinstance(item, str):
                paths.add(item)
        if self.date_hierarchy:
            paths.add(self.date_hierarchy)
        if lookup in parameters:
            return True
        for path in paths:
            if not lookup.startswith(path + LOOKUP_SEP):
                continue
            rest = lookup[len(path) + len(LOOKUP_SEP) :].split(LOOKUP_SEP)
            target = self._relation_target(path)
            if rest[0] in {target, "pk"} and len(rest) == 2:
                rest = rest[1:]  # forum__id__exact: the related row's key
            if len(rest) == 1 and rest[0] in _FILTER_SUFFIXES:
                return True
        return False

    def _relation_target(self, path: str) -> str | None:
        walked = path_fields(self.model, path)
        if not walked or not walked[-1].is_relation:
            return None
        return walked[-1].related_model._meta.pk.name

    def get_list_filter(self, request):
        limit = limit_for(request)
        allowed = []
        for item in super().get_list_filter(request):
            path = item[0] if isinstance(item, (list, tuple)) else item
            if isinstance(path, str) and path_privacy(self.model, path) > limit:
                continue
            allowed.append(item)
        return allowed

    def get_search_fields(self, request):
        limit = limit_for(request)
        return [
            name
            for name in super().get_search_fields(request)
            if path_privacy(self.model, name.lstrip("^=@")) <= limit
        ]

    def get_sortable_by(self, request):
        limit = limit_for(request)
        columns = super().get_sortable_by(request)
        return [
            column
            for column in columns
            if (order := self._order_path(column)) is None
            or path_privacy(self.model, order) <= limit
        ]

    def _order_path(self, column) -> str | None:
        if callable(column):
            order = getattr(column, "admin_order_field", None)
        elif hasattr(self, column) and not _is_model_field(self.model, column):
            order = getattr(getattr(self, column), "admin_order_field", None)
        else:
            order = column
        if isinstance(order, str):
            return order.lstrip("-")
        return None

    def get_changelist(self, request, **kwargs):
        return ConsoleChangeList


def _is_model_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def guarded(admin_class: type) -> type:
    """`admin_class` with ConsoleLookupGuard in front (itself when it already has it)."""
    if issubclass(admin_class, ConsoleLookupGuard):
        return admin_class
    return type(
        admin_class.__name__,
        (ConsoleLookupGuard, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )
