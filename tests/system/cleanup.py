"""End whatever a killed `make test-system` run left behind: each process group recorded by
`stack.Stack` (the suite's own PostgreSQL, Redis, SMTP sink, gunicorn, workers and beat), then
its temporary directory. Run by the Makefile after the suite, whatever its outcome.

Self-contained on purpose: it runs outside pytest, where `tests` is not importable."""

import json
import os
import shutil
import signal
import tempfile
from pathlib import Path


def main() -> None:
    # The registry files are named as in stack.pid_registry().
    for registry in Path(tempfile.gettempdir()).glob(f"hearth-system-{os.getuid()}-*.pids"):
        record = json.loads(registry.read_text())
        for name, pid in record["pids"].items():
            try:
                os.killpg(pid, signal.SIGKILL)
                print(f"cleanup: ended {name} (process group {pid})")
            except ProcessLookupError:
                pass
        shutil.rmtree(record["workdir"], ignore_errors=True)
        registry.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
