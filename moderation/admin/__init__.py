"""The moderator console: cases, the audit log, members, rules and settings."""

from moderation.admin import cases, config, log, members, screening  # noqa: F401
