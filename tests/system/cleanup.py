"""End whatever a killed `make test-system` run left behind: each process group recorded by
`stack.Stack` (the suite's own PostgreSQL, Redis, SMTP sink, gunicorn, workers and beat), then
its temporary directory. Run by the Makefile after the suite, whatever its outcome."""

import json
import os
import shutil
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.system.stack import PID_REGISTRY


def main() -> None:
    if not PID_REGISTRY.exists():
        return
    record = json.loads(PID_REGISTRY.read_text())
    for name, pid in record["pids"].items():
        try:
            os.killpg(pid, signal.SIGKILL)
            print(f"cleanup: ended {name} (process group {pid})")
        except ProcessLookupError:
            pass
    shutil.rmtree(record["workdir"], ignore_errors=True)
    PID_REGISTRY.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
