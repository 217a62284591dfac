"""The running stack (one per session) and a fresh load generator for each scenario."""

import os
import signal

import pytest

from tests.system.load import Load, Sessions
from tests.system.stack import DEFAULT_BASE_PORT, Stack


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@pytest.fixture(scope="session")
def stack():
    system = Stack(base_port=int(os.environ.get("HEARTH_SYSTEM_BASE_PORT", DEFAULT_BASE_PORT)))
    # `timeout` (make test-system) sends SIGTERM: turn it into an exception so that the
    # finaliser below stops every process.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        system.seed = system.up(members=int(os.environ.get("HEARTH_SYSTEM_MEMBERS", "160")))
        # The last two members are kept out of the load: scenario c logs in as one and
        # guesses the other's password.
        members = system.seed["members"][:-2]
        system.sessions = Sessions(system.base_url, members, system.seed["password"])
        yield system
    finally:
        system.stop()
        signal.signal(signal.SIGTERM, previous)


@pytest.fixture
def load(stack):
    return Load(
        base_url=stack.base_url,
        sessions=stack.sessions,
        threads=stack.seed["threads"],
        read_paths=stack.seed["read_paths"],
    )


@pytest.fixture(autouse=True)
def every_process_still_running(stack):
    """After each scenario, every process of the stack runs: the scenarios restart what they
    kill, so a process that is gone ended on its own (a worker that crashed on a broker outage
    would leave posts unscreened for good, and the scenario's figures would only say "pending")."""
    yield
    gone = [name for name, proc in stack.procs.items() if not proc.alive]
    if gone:
        tails = "\n\n".join(f"--- {name}, last lines:\n{stack.log_tail(name, 15)}" for name in gone)
        pytest.fail(f"processes that ended on their own: {', '.join(gone)}\n{tails}")
