"""`manage.py check --deploy` warns when production would run without a shared cache."""

from django.core.checks import run_checks


def _ids(**kwargs):
    return {message.id for message in run_checks(include_deployment_checks=True, **kwargs)}


def test_deploy_check_warns_without_redis(settings):
    settings.REDIS_URL = None
    assert "hearth.W001" in _ids()


def test_deploy_check_is_quiet_with_redis(settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert "hearth.W001" not in _ids()


def test_ordinary_checks_leave_the_local_default_alone(settings):
    settings.REDIS_URL = None
    assert "hearth.W001" not in {message.id for message in run_checks()}


def test_deploy_check_warns_when_rate_limits_are_off(settings):
    settings.RATELIMIT_ENABLE = False
    assert "hearth.W002" in _ids()
    settings.RATELIMIT_ENABLE = True
    assert "hearth.W002" not in _ids()
