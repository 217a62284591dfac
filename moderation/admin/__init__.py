"""The moderator console: cases, the audit log, members, rules and settings."""

from moderation.admin import cases, config, crisis, log, members, screening  # noqa: F401
