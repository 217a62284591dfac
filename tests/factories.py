"""factory_boy factories. Compound states are built by calling real services."""

import base64
import secrets

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.internals import totp_activate
from accounts.models import User

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A verified member with the password TEST_PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    handle = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda o: f"{o.handle}.private@example.org")
    password = factory.django.Password(TEST_PASSWORD)
    # An established member: the one-time welcome page was already offered.
    onboarding_done_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def enrol_totp(user: User) -> str:
    """Give the user a TOTP authenticator; return its secret."""
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    totp_activate(user, secret)
    return secret


# --- Forums -------------------------------------------------------------------------------------
# Threads and posts are created through forums.services, so counters, positions and rendering
# are those of the real flow.


class ForumFactory(factory.django.DjangoModelFactory):
    """A public forum (pass visibility=... for members-only or private)."""

    class Meta:
        model = "forums.Forum"

    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    description = "A place to talk."


class ThreadFactory(factory.Factory):
    """A thread started through forums.services.thread_create."""

    class Meta:
        model = "forums.Thread"

    forum = factory.SubFactory(ForumFactory)
    author = factory.SubFactory(UserFactory, trust_level="member")
    title = factory.Sequence(lambda n: f"Thread {n}")
    body = "Hello, everyone."
    content_warning = ""

    @classmethod
    def _create(cls, model_class, **kwargs):
        from forums import services

        return services.thread_create(**kwargs)


class PostFactory(factory.Factory):
    """A reply created through forums.services.post_create."""

    class Meta:
        model = "forums.Post"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory, trust_level="member")
    body = factory.Sequence(lambda n: f"Reply number {n}.")
    content_warning = ""

    @classmethod
    def _create(cls, model_class, **kwargs):
        from forums import services

        return services.post_create(**kwargs)
