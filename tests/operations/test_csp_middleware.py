"""The Content-Security-Policy header, built once per process, is django-csp's own."""

from csp.constants import NONCE
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from operations.middleware import ContentSecurityPolicyMiddleware


def _directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def _header(middleware_class, response=None, *, path="/", nonce=False):
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda request: response or HttpResponse("page"))
    if nonce:
        middleware.process_request(request)
        str(request.csp_nonce)
    return middleware(request).get("Content-Security-Policy")


def test_pages_get_the_policy_django_csp_builds(client, db):
    ours = client.get("/", secure=True)["Content-Security-Policy"]
    assert _directives(ours) == _directives(_header(CSPMiddleware))
    assert _directives(ours)["script-src"] == "'self'"


def test_a_view_that_changes_the_policy_or_asks_for_a_nonce_gets_what_django_csp_gives():
    changed = HttpResponse("page")
    changed._csp_update = {"img-src": ["https://images.example"]}
    ours = _header(ContentSecurityPolicyMiddleware, changed)
    assert "https://images.example" in ours
    assert _directives(ours) == _directives(_header(CSPMiddleware, changed))
    policy = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        assert "'nonce-" in _header(ContentSecurityPolicyMiddleware, nonce=True)
        assert "'nonce-" not in _header(ContentSecurityPolicyMiddleware)
    exempt = HttpResponse("page")
    exempt._csp_exempt = True
    assert _header(ContentSecurityPolicyMiddleware, exempt) is None


def test_a_changed_setting_changes_the_header():
    before = _header(ContentSecurityPolicyMiddleware)
    policy = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        assert _header(ContentSecurityPolicyMiddleware) == "default-src 'none'"
    with override_settings(CONTENT_SECURITY_POLICY={**policy, "EXCLUDE_URL_PREFIXES": ["/x"]}):
        assert _header(ContentSecurityPolicyMiddleware, path="/x/y") is None
    assert _header(ContentSecurityPolicyMiddleware) == before
