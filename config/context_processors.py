from django.conf import settings


def site(request):
    """Expose the site's name to every template."""
    return {"SITE_NAME": settings.SITE_NAME}
