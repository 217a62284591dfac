"""What erasing a member does to each model that holds their text, or why it keeps it."""

# Every model with free text and a link to a member, and what erasing the member does to it.
# A test walks the app registry: a new such model must appear here, handled or kept with why.
ERASURE_HANDLES: dict[str, str] = {
    "accounts.user": "pseudonymised: placeholder handle; email, country, password cleared",
    "accounts.profile": "deleted",
    "accounts.muteword": "deleted",
    "accounts.emailpreferences": "deleted",
    "accounts.emaildelivery": "deleted",
    "accounts.emailbounce": "deleted",
    "accounts.exportrequest": "deleted, with its files",
    "accounts.safetyplan": "deleted",
    "account.emailaddress": "deleted, with its confirmation keys",
    "mfa.authenticator": "deleted (TOTP secret, recovery codes)",
    "forums.thread": "author unlinked; title erased with 'erase my posts'",
    "forums.post": "author unlinked; text, warning, revisions erased with 'erase my posts'",
    "notifications.notification": "the member's own deleted; as the actor, unlinked",
    "moderation.report": "note erased, reporter unlinked",
    "moderation.appeal": "text replaced by a placeholder",
    "moderation.case": "excerpts quoting their posts erased with 'erase my posts'",
    "moderation.escalationcontact": "deleted",
    "moderation.oncallshift": "deleted",
    "conversations.message": "text erased, sender unlinked",
    "moderation.supportmessage": "deleted: the member's conversation with the moderators",
    "drafts.draft": "deleted",
    "drafts.keptsubmission": "the member's deleted (the others go within a day anyway)",
    "admin.logentry": "the changed member's name replaced by the placeholder handle",
}
ERASURE_KEEPS: dict[str, str] = {
    "moderation.moderationaction": (
        "the append-only audit log keeps its snapshot (actor handle, reasons, before and "
        "after, an appeal's text) by policy; its member link points at the pseudonymised row"
    ),
    "moderation.sanction": "a moderator's decision and message, kept with the audit log",
    "moderation.membernote": "written by moderators about conduct, kept with the audit log",
    "moderation.crisisfollowup": "a moderator's note of what to check, not the member's words",
    "forums.forum": "written by operators; the member's access grants are deleted",
    "moderation.sitesettings": "written by operators; its only member link is the site identity",
}

# Rows accounts erases itself (its own, allauth's, the admin history); the other apps named
# above erase theirs through `accounts.hooks.erasure_steps`.
ERASURE_HANDLED_BY_ACCOUNTS = frozenset({"accounts", "account", "mfa", "admin"})
