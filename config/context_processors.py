from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The links in base.html's header and footer, by the name the template uses. They take no
# argument, so each resolves to the same path on every page: reversed once per process (per
# script prefix and URLconf) instead of a dozen `{% url %}` per page.
SITE_URL_NAMES = {
    "index": "forums:index",
    "search": "forums:search",
    "notifications": "forums:notifications",
    "messages": "conversations:list",
    "bookmarks": "forums:bookmarks",
    "settings": "accounts:settings",
    "logout": "account_logout",
    "login": "account_login",
    "signup": "account_signup",
    "help": "moderation:help",
    "rules": "moderation:rules",
    "rules_accept": "moderation:rules_accept",
    "privacy": "privacy",
}
_site_urls: dict[tuple[str, str], dict[str, str]] = {}
# A site has one or two prefixes; the bound keeps prefixes a request could choose from growing it.
SITE_URLS_KEPT = 8


def site_urls() -> dict[str, str]:
    where = (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    urls = _site_urls.get(where)
    if urls is None:
        urls = {key: reverse(name) for key, name in SITE_URL_NAMES.items()}
        if len(_site_urls) < SITE_URLS_KEPT:
            _site_urls[where] = urls
    return urls


def site(request):
    """Expose the site's name and the layout's links to every template."""
    return {"SITE_NAME": settings.SITE_NAME, "site_urls": site_urls()}
