"""Refusals shared by every place a member writes (posts, replies, private messages, drafts)."""


class PostingRefused(Exception):
    """A post or thread cannot be written; the message is shown to the member as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NeedsConfirmation(PostingRefused):
    """The post looks like it shares personal information: the author must confirm first."""
