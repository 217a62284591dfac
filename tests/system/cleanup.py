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

from tests.system.stack import pid_registry


def main() -> None:
    for registry in pid_registry(0).parent.glob(pid_registry(0).name.replace("-0.", "-*.")):
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
