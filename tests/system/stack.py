"""Hearth in the shape it runs, on 127.0.0.1 only: a PostgreSQL cluster and a Redis server of its
own (so they may be restarted and killed), an SMTP sink, gunicorn, the Celery workers and beat
exactly as the README's production section starts them.

Every process is started in a session of its own; `Stack.stop()` ends each process group, and the
pids are recorded in a file so that `cleanup.py` can end what a killed test run left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BASE_PORT = 56400


def pid_registry(base_port: int) -> Path:
    """Where a stack records its process groups (one file per stack, by its base port)."""
    return Path(tempfile.gettempdir()) / f"hearth-system-{os.getuid()}-{base_port}.pids"


def _die_with_parent() -> None:
    """Child side of Popen: get SIGKILL when the test process dies (Linux prctl)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def readme_commands() -> dict[str, list[list[str]]]:
    """The web, worker and beat command lines of the README's "Running it" section."""
    text = (ROOT / "README.md").read_text()
    section = text.split("### Running it", 1)[1].split("```", 2)[1]
    found: dict[str, list[list[str]]] = {"web": [], "worker": [], "beat": []}
    for raw in section.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line.startswith(".venv/bin/gunicorn"):
            found["web"].append(shlex.split(line))
        elif line.startswith(".venv/bin/celery") and " worker" in line:
            found["worker"].append(shlex.split(line))
        elif line.startswith(".venv/bin/celery") and " beat" in line:
            found["beat"].append(shlex.split(line))
    if not (found["web"] and found["worker"] and len(found["beat"]) == 1):
        raise RuntimeError("README's production section lost its gunicorn/celery commands")
    return found


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def wait_until(predicate, *, timeout: float, interval: float = 0.5, what: str = "") -> float:
    """Poll `predicate` until true; return the seconds it took. Raise TimeoutError otherwise."""
    start = time.monotonic()
    while True:
        try:
            if predicate():
                return time.monotonic() - start
        except RuntimeError:
            raise  # The process it waits for is gone: no use waiting.
        except Exception:  # noqa: S110 - not there yet: poll again
            pass
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{what or 'condition'} not reached within {timeout:.0f} s")
        time.sleep(interval)


@dataclass
class Proc:
    name: str
    argv: list[str]
    log: Path
    popen: subprocess.Popen | None = None
    log_offset: int = 0  # where this start's lines begin in `log` (restarts append to it)

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None


@dataclass
class Stack:
    base_port: int = DEFAULT_BASE_PORT
    beat_interval: int = 15  # every beat entry at least this often
    sweep_after: int = 15  # pending this long, work is swept
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="hearth-system-")))
    procs: dict[str, Proc] = field(default_factory=dict)

    sweep_interval: int = 5

    def __post_init__(self) -> None:
        self.pg_port = self.base_port + 10
        self.redis_port = self.base_port + 11
        self.smtp_port = self.base_port + 12
        self.web_port = self.base_port + 13
        self.mail_log = self.workdir / "mail.jsonl"
        self.logs = self.workdir / "logs"
        self.logs.mkdir(exist_ok=True)
        self.metrics_dir = self.workdir / "metrics"
        self.metrics_dir.mkdir(exist_ok=True)
        self.database_url = f"postgres://postgres@127.0.0.1:{self.pg_port}/hearth"
        self.base_url = f"http://127.0.0.1:{self.web_port}"

    # --- environment -----------------------------------------------------------------------------
    def env(self, **extra: str) -> dict[str, str]:
        sys.path.insert(0, str(ROOT))
        # Here, not at the top: bench/system_load.py imports this file without ROOT on the path.
        from core.crypto import generate_key

        if not hasattr(self, "_message_key"):
            self._message_key = generate_key()
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_", "REDIS_", "EMAIL_"))
        }
        env.update(
            DEBUG="0",
            DJANGO_SETTINGS_MODULE="config.settings",
            SECRET_KEY="system-suite-secret-key-" + "x" * 40,
            MESSAGES_ENCRYPTION_KEYS=self._message_key,
            DATABASE_URL=self.database_url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            EMAIL_URL=f"smtp://127.0.0.1:{self.smtp_port}",
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{self.web_port}",
            SITE_URL=f"https://127.0.0.1:{self.web_port}",
            SECURE_SSL_REDIRECT="0",
            ALLAUTH_TRUSTED_PROXY_COUNT="1",
            SECURE_HSTS_SECONDS="0",
            GUNICORN_BIND=f"127.0.0.1:{self.web_port}",
            # Short schedules: every beat entry at least every `beat_interval` seconds; the
            # sweepers and the crisis clock every `sweep_interval`; pending work swept after
            # `sweep_after` seconds.
            BEAT_MAX_INTERVAL=str(self.beat_interval),
            SWEEP_INTERVAL=str(self.sweep_interval),
            CRISIS_CLOCK_INTERVAL=str(self.sweep_interval),
            FOLLOW_UP_INTERVAL=str(self.sweep_interval),
            SCREENING_SWEEP_AFTER=str(self.sweep_after),
            CRISIS_NOTIFICATION_RESEND_AFTER=str(self.sweep_after),
            LOG_LEVEL="INFO",
            # gunicorn's metrics directory inside ours, so it goes when the stack does.
            PROMETHEUS_MULTIPROC_DIR=str(self.metrics_dir),
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    # --- process handling --------------------------------------------------------------------
    def _register(self) -> None:
        pids = {name: p.popen.pid for name, p in self.procs.items() if p.alive}
        pid_registry(self.base_port).write_text(
            json.dumps({"workdir": str(self.workdir), "pids": pids})
        )

    def start(self, name: str, argv: list[str], *, env: dict | None = None) -> Proc:
        proc = self.procs.get(name) or Proc(name, argv, self.logs / f"{name}.log")
        proc.argv = argv
        proc.log_offset = proc.log.stat().st_size if proc.log.exists() else 0
        log = proc.log.open("ab")
        proc.popen = subprocess.Popen(  # noqa: S603 - our own fixed command lines
            argv,
            cwd=ROOT,
            env=env or self.env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        log.close()
        self.procs[name] = proc
        self._register()
        return proc

    def signal(self, name: str, sig: int) -> None:
        proc = self.procs[name]
        if proc.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.popen.pid, sig)

    def kill(self, name: str) -> None:
        """SIGKILL the process and every child of it (its whole process group)."""
        self.signal(name, signal.SIGKILL)
        self.procs[name].popen.wait(timeout=30)
        self._register()

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            if self.procs[name].alive:
                # PostgreSQL: fast shutdown (SIGTERM would wait for every client to leave).
                self.signal(name, signal.SIGINT if name == "postgres" else signal.SIGTERM)
        deadline = time.monotonic() + 8
        for proc in self.procs.values():
            if proc.popen is None:
                continue
            try:
                proc.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.signal(proc.name, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.popen.wait(timeout=5)
        pid_registry(self.base_port).unlink(missing_ok=True)
        if os.environ.get("HEARTH_SYSTEM_KEEP") != "1":
            shutil.rmtree(self.workdir, ignore_errors=True)

    def log_tail(self, name: str, lines: int = 40) -> str:
        text = self.procs[name].log.read_text(errors="replace") if name in self.procs else ""
        return "\n".join(text.splitlines()[-lines:])

    # --- the services --------------------------------------------------------------------------
    def _as_postgres(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.getuid() == 0 else argv

    def start_postgres(self) -> None:
        bindir = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
        if not bindir:
            raise RuntimeError("PostgreSQL server binaries not found in /usr/lib/postgresql")
        self.pg_bin = Path(bindir[-1])
        self.pg_data = self.workdir / "pg"
        self.pg_socket = self.workdir / "pgsock"
        if not self.pg_data.exists():
            for path in (self.pg_data, self.pg_socket):
                path.mkdir(mode=0o700)
                if os.getuid() == 0:
                    shutil.chown(path, "postgres", "postgres")
            if os.getuid() == 0:
                os.chmod(self.workdir, 0o755)  # noqa: S103 - postgres must reach its data dir
            subprocess.run(  # noqa: S603
                self._as_postgres(
                    [
                        str(self.pg_bin / "initdb"),
                        "-D",
                        str(self.pg_data),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "--no-sync",
                        "-E",
                        "UTF8",
                        "--locale",
                        "C.UTF-8",
                    ]
                ),
                check=True,
                capture_output=True,
            )
        self.start(
            "postgres",
            self._as_postgres(
                [
                    str(self.pg_bin / "postgres"),
                    "-D",
                    str(self.pg_data),
                    "-p",
                    str(self.pg_port),
                    "-k",
                    str(self.pg_socket),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=off",
                    "-c",
                    "full_page_writes=off",
                    "-c",
                    "max_connections=200",
                ]
            ),
        )
        wait_until(self.postgres_ready, timeout=30, what="PostgreSQL")

    def postgres_ready(self) -> bool:
        if not self.procs["postgres"].alive:
            raise RuntimeError(f"PostgreSQL exited:\n{self.log_tail('postgres')}")
        with psycopg.connect(self.admin_url, connect_timeout=2) as conn:
            conn.execute("select 1")
        return True

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/postgres"

    def restart_postgres(self, *, down_seconds: float = 0) -> None:
        """Fast shutdown (clients are disconnected, nothing committed is lost), then start."""
        self.signal("postgres", signal.SIGINT)
        self.procs["postgres"].popen.wait(timeout=60)
        time.sleep(down_seconds)
        self.start("postgres", self.procs["postgres"].argv)
        wait_until(self.postgres_ready, timeout=30, what="PostgreSQL after restart")

    def start_redis(self) -> None:
        self.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
        )
        wait_until(lambda: not _port_free(self.redis_port), timeout=15, what="Redis")

    def start_smtp_sink(self) -> None:
        self.start(
            "smtp",
            [
                sys.executable,
                str(Path(__file__).with_name("smtp_sink.py")),
                str(self.smtp_port),
                str(self.mail_log),
            ],
        )
        wait_until(lambda: not _port_free(self.smtp_port), timeout=15, what="SMTP sink")

    def manage(self, *args: str, timeout: float = 300) -> str:
        result = subprocess.run(  # noqa: S603
            [str(ROOT / ".venv/bin/python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare_database(self, *, members: int) -> dict:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE hearth")
        static = subprocess.Popen(  # noqa: S603 - collected meanwhile: it needs no database
            [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.manage("migrate", "--noinput")
        if static.wait(timeout=300):
            raise RuntimeError(f"collectstatic failed:\n{static.stderr.read()[-3000:]}")
        result = subprocess.run(  # noqa: S603
            [
                str(ROOT / ".venv/bin/python"),
                str(Path(__file__).with_name("seed.py")),
                str(members),
            ],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            raise RuntimeError(f"seeding failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def start_web(self, *extra_args: str) -> None:
        """gunicorn as the README runs it; `extra_args` override the config file (benchmarks)."""
        for index, argv in enumerate(readme_commands()["web"]):
            self.start(f"web{index}", [str(ROOT / argv[0]), *argv[1:], *extra_args])
        wait_until(self.web_ready, timeout=60, what="gunicorn")

    def stop_process(self, name: str) -> None:
        self.signal(name, signal.SIGTERM)
        try:
            self.procs[name].popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill(name)
        self._register()

    def web_ready(self) -> bool:
        with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5) as response:  # noqa: S310
            return response.status == 200

    def worker_names(self) -> list[str]:
        return [f"worker{i}" for i in range(len(readme_commands()["worker"]))]

    def start_workers(self) -> None:
        for index, argv in enumerate(readme_commands()["worker"]):
            argv = [str(ROOT / argv[0]), *argv[1:]]
            if not any(arg in ("-n", "--hostname") or arg.startswith("-n") for arg in argv):
                argv += ["-n", f"hearth{index}@%h"]
            self.start(f"worker{index}", argv)

    def workers_ready(self) -> bool:
        """Every worker has said it is ready (Celery's "celery@host ready." line) since it
        was last started."""
        for name in self.worker_names():
            proc = self.procs[name]
            if not proc.alive:
                raise RuntimeError(f"{name} ended during start-up:\n{self.log_tail(name, 15)}")
            with proc.log.open("rb") as log:
                log.seek(proc.log_offset)
                if b" ready." not in log.read():
                    return False
        return True

    def start_beat(self) -> None:
        argv = readme_commands()["beat"][0]
        argv = [str(ROOT / argv[0]), *argv[1:], "-s", str(self.workdir / "celerybeat-schedule")]
        self.start("beat", argv)

    def up(self, *, members: int = 60) -> dict:
        """Start everything, in order; print how long each step took."""
        ports = (self.pg_port, self.redis_port, self.smtp_port, self.web_port)
        busy = [port for port in ports if not _port_free(port)]
        if busy:
            raise RuntimeError(f"ports {busy} on 127.0.0.1 are in use (a stack left running?)")
        steps, seed = {}, None
        for step, start in [
            ("postgres", self.start_postgres),
            ("redis", self.start_redis),
            ("smtp", self.start_smtp_sink),
            ("database", lambda: self.prepare_database(members=members)),
            ("web", self.start_web),
            ("workers", self.start_workers),
            ("beat", self.start_beat),
            # A scenario's clock must not start while the workers still import Django and
            # load the screeners: that start-up competes with the load for the CPU.
            ("workers ready", lambda: wait_until(self.workers_ready, timeout=120, what="workers")),
        ]:
            clock = time.monotonic()
            result = start()
            seed = result if step == "database" else seed
            steps[step] = round(time.monotonic() - clock, 1)
        print(f"\n[system] start-up seconds: {steps}", flush=True)
        return seed

    # --- what the suite observes -----------------------------------------------------------------
    def sql(self, query: str, *params) -> list[tuple]:
        """Run one query on the stack's database with a fresh connection (survives restarts)."""
        with psycopg.connect(self.database_url.replace("postgres://", "postgresql://")) as conn:
            return conn.execute(query, params).fetchall()

    def mails(self) -> list[dict]:
        if not self.mail_log.exists():
            return []
        return [json.loads(line) for line in self.mail_log.read_text().splitlines() if line]

    def beat_sent_tasks(self) -> set[str]:
        """Task names beat sent to the broker: "Sending due task <entry> (<task>)" lines, less
        the sends that failed ("Couldn't apply scheduled task <entry>")."""
        text = self.procs["beat"].log.read_text(errors="replace")
        sends = re.findall(r"Sending due task (\S+) \(([\w.]+)\)", text)
        failures = Counter(re.findall(r"Couldn't apply scheduled task (\S+?):", text))
        attempts = Counter(entry for entry, _ in sends)
        return {task for entry, task in sends if attempts[entry] > failures[entry]}

    def worker_succeeded_tasks(self) -> set[str]:
        names: set[str] = set()
        for name in self.worker_names():
            text = self.procs[name].log.read_text(errors="replace")
            names |= set(re.findall(r"Task ([\w.]+)\[[\w-]+\] succeeded", text))
        return names
