"""The Sites framework's record kept equal to SITE_NAME and SITE_URL.

allauth (and Django) read the site's name and domain from `django.contrib.sites` for account
emails ("Hello from …", the domain in the footer). Without this the row keeps Django's
placeholder, example.com. Settings are the single source; the row follows them on every
`migrate`, which every deployment runs.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def site_domain() -> str:
    """The host (and port, if any) of SITE_URL."""
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def sync_site_with_settings(*, using: str = "default", **_signal_kwargs) -> None:
    """Write SITE_NAME and SITE_URL's host to the configured Site row, creating it if needed."""
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": settings.SITE_NAME, "domain": site_domain()},
    )
    Site.objects.clear_cache()
