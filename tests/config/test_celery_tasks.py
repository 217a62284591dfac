"""Every task and beat entry can actually be sent, as a real worker and beat would send them.

Celery validates some options only when a message is built (a soft time limit above the hard
one makes `apply_async` raise), so each task is sent here through `apply_async` to an in-memory
broker, not run eagerly, and the message that reaches its queue is read back.
"""

import inspect

import pytest
from celery.schedules import crontab, schedule
from django.conf import settings
from kombu import Connection

from config.celery import app
from core.tasks import BACKOFF_CAP, retry_backoff
from forums.tasks import EMAIL_MAX_RETRIES, _email_backoff

# A retry chain that outlives a day helps nobody: bounded, and small.
MAX_RETRIES_ALLOWED = 15


def project_tasks() -> dict:
    """Every task the project registers (all but Celery's own), whatever app it lives in."""
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def declared_queues() -> set[str]:
    return set(app.amqp.queues.keys())


def queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def sample_args(task) -> tuple:
    """Ids for every positional parameter (tasks take ids only); a list for a batch."""
    parameters = list(inspect.signature(task.run).parameters.values())
    return tuple([1] if "ids" in parameter.name else 1 for parameter in parameters)


@pytest.fixture
def memory_broker(settings):
    """Send for real (not eagerly) into a broker that lives in this process."""
    # Through Django's settings, which the Celery app reads on each access: an item set on
    # `app.conf` itself would outlive the test and hide the `settings` fixture from later ones.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with Connection("memory://") as connection:
        yield connection


def read_message(connection, queue: str):
    with connection.SimpleQueue(queue) as simple:
        message = simple.get(block=True, timeout=1)
        message.ack()
        return message


def test_the_project_has_tasks_to_check():
    assert "moderation.screen_post" in project_tasks()
    assert "moderation.sweep_unscreened_posts" in project_tasks()


@pytest.mark.parametrize("name", sorted(project_tasks()))
def test_task_time_limits_are_set_and_soft_is_within_hard(name):
    task = project_tasks()[name]
    assert task.time_limit, f"{name} has no hard time limit"
    assert task.soft_time_limit, f"{name} has no soft time limit"
    assert task.soft_time_limit <= task.time_limit, (
        f"{name}: soft limit {task.soft_time_limit}s above hard limit {task.time_limit}s"
    )


@pytest.mark.parametrize("name", sorted(project_tasks()))
def test_task_is_routed_by_name_to_a_declared_queue(name):
    assert name in settings.TASK_QUEUE_BY_NAME, f"{name} has no explicit route"
    assert queue_of(name) in declared_queues()


@pytest.mark.parametrize("name", sorted(project_tasks()))
def test_task_retries_are_bounded_and_acknowledged_late(name):
    task = project_tasks()[name]
    assert task.max_retries is not None
    assert 0 <= task.max_retries <= MAX_RETRIES_ALLOWED
    assert task.acks_late, f"{name} would be lost with a worker killed mid-task"
    assert task.reject_on_worker_lost


@pytest.mark.parametrize("name", sorted(project_tasks()))
def test_task_builds_a_message_in_its_queue(name, memory_broker):
    task = project_tasks()[name]
    args = sample_args(task)
    result = task.apply_async(args, connection=memory_broker)
    message = read_message(memory_broker, queue_of(name))
    assert message.headers["task"] == name
    assert message.headers["id"] == result.id
    assert message.headers["timelimit"] == [task.time_limit, task.soft_time_limit]
    assert tuple(message.payload[0]) == args


def beat_entries() -> dict:
    return settings.CELERY_BEAT_SCHEDULE


@pytest.mark.parametrize("entry", sorted(beat_entries()))
def test_beat_entry_names_a_task_and_is_sent_to_its_queue(entry, memory_broker):
    spec = beat_entries()[entry]
    assert spec["task"] in project_tasks(), f"{entry}: no task {spec['task']}"
    assert isinstance(spec["schedule"], (float, int, schedule, crontab))
    task = project_tasks()[spec["task"]]
    options = dict(spec.get("options", {}))
    # Exactly what beat does (celery.beat.Scheduler.apply_async): the entry's args and options.
    task.apply_async(
        spec.get("args", ()), spec.get("kwargs", {}), connection=memory_broker, **options
    )
    message = read_message(memory_broker, queue_of(spec["task"]))
    assert message.headers["task"] == spec["task"]


@pytest.mark.parametrize("entry", sorted(beat_entries()))
def test_beat_entry_expires_before_its_next_run(entry):
    spec = beat_entries()[entry]
    expires = spec.get("options", {}).get("expires")
    if isinstance(spec["schedule"], float) and expires is not None:
        assert expires < spec["schedule"], f"{entry}: runs would pile up behind a busy worker"


def test_the_sweepers_and_the_crisis_clock_are_scheduled():
    scheduled = {spec["task"] for spec in beat_entries().values()}
    assert {
        "moderation.sweep_unscreened_posts",
        "moderation.sweep_unscreened_profiles",
        "conversations.sweep_unscreened_messages",
        "moderation.sweep_unsent_crisis_notifications",
        "moderation.run_crisis_clock",
        "moderation.reopen_due_follow_ups",
    } <= scheduled


def test_crisis_work_has_queues_of_its_own_apart_from_fan_out_email_and_maintenance():
    crisis = {"moderation.notify_crisis_email", "moderation.run_crisis_clock"}
    assert {queue_of(name) for name in crisis} == {"crisis"}
    screening = {"moderation.screen_post", "conversations.screen_message"}
    assert {queue_of(name) for name in screening} == {"screening"}
    for name in ("forums.fan_out_notifications", "forums.send_digests", "accounts.build_export"):
        assert queue_of(name) not in {"crisis", "screening"}


def test_crisis_screening_can_be_sent_to_the_crisis_queue(memory_broker):
    task = project_tasks()["moderation.screen_post"]
    task.apply_async((7, 1), connection=memory_broker, queue="crisis")
    assert read_message(memory_broker, "crisis").headers["task"] == "moderation.screen_post"


def test_a_waiting_retry_is_never_handed_out_twice_by_the_broker():
    """Retry countdowns stay below the Redis visibility timeout (else the message is restored
    to the queue while its countdown runs, and sent again)."""
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout <= 30 * 60, "a task lost with its worker would wait too long to come back"
    assert max(_email_backoff(n) for n in range(EMAIL_MAX_RETRIES + 1)) < timeout
    assert max(retry_backoff(n, base=15) for n in range(20)) <= BACKOFF_CAP < timeout
    for task in project_tasks().values():
        if getattr(task, "autoretry_for", ()):
            assert getattr(task, "retry_backoff_max", 600) < timeout
