"""A bounded load generator for 127.0.0.1: members log in through the real allauth form and post
through the real reply form (GET the form, read the CSRF token and cookie, POST as a browser
does); visitors and members read pages. Every answer is recorded with its latency.

The client stands where the TLS-terminating proxy of a production site stands: it sends
`X-Forwarded-Proto: https`, so the secure session and CSRF cookies are set and checked as for
a real browser on https, and `X-Forwarded-For` with each browser's own address (the stack runs
with `ALLAUTH_TRUSTED_PROXY_COUNT=1`).
"""

from __future__ import annotations

import http.client
import itertools
import random
import re
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
POST_LOCATION = re.compile(r"^/p/(\d+)/$")
# Every page Hearth renders, its error pages included, links to the help page; gunicorn's
# bare error page does not.
HEARTH_PAGE_MARK = b'href="/help/"'

ORDINARY = [
    "Went for a short walk this morning and it helped a little. Small steps, entry {n}.",
    "Thank you all for the kind words yesterday; I slept better. Note {n}.",
    "Does anyone else find evenings the hardest? Trying a new routine, day {n}.",
    "Made tea, opened the window, wrote three things I'm grateful for. Number {n}.",
]
# Both screened at the "imminent" risk tier, which forum policy turns into a crisis case.
CRISIS = [
    "I have the pills ready and I am going to take them all tonight. ({n})",
    "Tonight I am going to take all my pills, I have them here and wrote my goodbye note. ({n})",
]


def is_crisis_text(n: int) -> bool:
    return n % 5 == 0


def post_text(n: int) -> tuple[str, bool]:
    crisis = is_crisis_text(n)
    pool = CRISIS if crisis else ORDINARY
    return pool[n % len(pool)].format(n=n), crisis


@dataclass
class Sample:
    kind: str  # read, login, form, post
    who: str  # member, visitor
    path: str
    status: int  # 0: no answer at all (connection refused or reset, timeout)
    seconds: float
    started: float  # time.time()
    hearth_page: bool = True
    post_id: int | None = None
    crisis: bool = False


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> Sample:
        with self.lock:
            self.samples.append(sample)
        return sample

    def between(self, start: float, end: float) -> list[Sample]:
        with self.lock:
            return [s for s in self.samples if start <= s.started <= end]


class Browser:
    def __init__(self, base_url: str, recorder: Recorder, *, who: str = "visitor") -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.origin = f"https://{self.host}:{self.port}"
        self.recorder = recorder
        self.who = who
        self.cookies: dict[str, str] = {}
        self.handle = ""
        # Each browser comes from an address of its own (the benchmarking range 198.18.0.0/15),
        # passed on as the proxy does; rate limits per address apply to it as to a person.
        self.address = f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"

    def _store_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(self, kind: str, method: str, path: str, form: dict | None = None) -> tuple:
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "User-Agent": "hearth-system-suite",
            "Accept-Language": "en",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        started, clock = time.time(), time.monotonic()
        status, location, content = 0, "", b""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            status = response.status
            location = response.headers.get("Location", "")
            self._store_cookies(response)
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        sample = Sample(
            kind=kind,
            who=self.who,
            path=path,
            status=status,
            seconds=time.monotonic() - clock,
            started=started,
            hearth_page=status < 400 or HEARTH_PAGE_MARK in content,
        )
        return sample, location, content

    def read(self, path: str) -> Sample:
        sample, _, _ = self.request("read", "GET", path)
        return self.recorder.add(sample)

    def _token(self, kind: str, path: str) -> str | None:
        sample, _, content = self.request(kind, "GET", path)
        self.recorder.add(sample)
        found = CSRF_INPUT.search(content) if sample.status == 200 else None
        return found.group(1).decode() if found else None

    def request_login(self, handle: str, password: str) -> Sample | None:
        """Fill in and send the log-in form; the answer's sample (None: no form)."""
        token = self._token("form", "/accounts/login/")
        if token is None:
            return None
        sample, _location, _ = self.request(
            "login",
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": handle, "password": password},
        )
        return self.recorder.add(sample)

    def login(self, handle: str, password: str) -> bool:
        sample = self.request_login(handle, password)
        if sample is not None and sample.status == 302 and "sessionid" in self.cookies:
            self.who, self.handle = "member", handle
            return True
        return False

    def post_reply(self, thread_id: int, text: str, *, crisis: bool) -> Sample | None:
        path = f"/t/{thread_id}/reply/"
        token = self._token("form", path)
        if token is None:
            return None
        sample, location, _ = self.request(
            "post", "POST", path, {"csrfmiddlewaretoken": token, "body": text}
        )
        sample.crisis = crisis
        found = POST_LOCATION.match(urlsplit(location).path) if sample.status == 302 else None
        sample.post_id = int(found.group(1)) if found else None
        return self.recorder.add(sample)


class Sessions:
    """Members' logged-in browsers, kept from one run to the next as people stay logged in
    (a log-in costs an Argon2 hash); each is used by one thread at a time. A member who hit
    the posting limit rests for ten minutes."""

    REST_SECONDS = 600

    def __init__(self, base_url: str, members: list[str], password: str) -> None:
        self.base_url, self.members, self.password = base_url, members, password
        self.never_used = list(members)
        random.shuffle(self.never_used)
        self.idle: list[Browser] = []
        self.resting: list[tuple[float, Browser]] = []
        self.lock = threading.Lock()

    def take(self, recorder: Recorder) -> Browser | None:
        with self.lock:
            now = time.monotonic()
            self.idle += [browser for until, browser in self.resting if until <= now]
            self.resting = [(until, browser) for until, browser in self.resting if until > now]
            if self.idle:
                browser = self.idle.pop(0)
                browser.recorder = recorder
                return browser
            handle = self.never_used.pop(0) if self.never_used else None
        if handle is None:
            return None
        browser = Browser(self.base_url, recorder, who="member")
        if browser.login(handle, self.password):
            return browser
        with self.lock:
            self.never_used.append(handle)
        return None

    def give_back(self, browser: Browser, *, rest: bool = False) -> None:
        with self.lock:
            if rest:
                self.resting.append((time.monotonic() + self.REST_SECONDS, browser))
            else:
                self.idle.append(browser)


@dataclass
class Load:
    """Members posting at a target rate and readers reading, for at most `seconds`."""

    base_url: str
    sessions: Sessions
    threads: list[int]
    read_paths: list[str]
    recorder: Recorder = field(default_factory=Recorder)
    posts_per_second: float = 5.0
    readers: int = 2
    read_pause: float = 0.2
    posters: int = 40  # at most this many posts in flight
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))
    stop_event: threading.Event = field(default_factory=threading.Event)
    offered: list[float] = field(default_factory=list)  # when each post was started
    not_offered: int = 0  # posts skipped because `posters` were already in flight

    window: tuple[float, float] = (0.0, 0.0)  # the last run's start and planned end

    def offered_per_second(self, start: float | None = None, end: float | None = None) -> float:
        """Posts sent per second between `start` and `end` (default: the last run)."""
        start, end = start or self.window[0], end or self.window[1]
        return round(sum(1 for t in self.offered if start <= t <= end) / (end - start), 2)

    def _post_once(self, n: int) -> None:
        try:
            browser = self.sessions.take(self.recorder)
            if browser is None:
                return
            text, crisis = post_text(n)
            sample = browser.post_reply(self.threads[n % len(self.threads)], text, crisis=crisis)
            # A member who reached the posting limit rests; another one takes over.
            self.sessions.give_back(browser, rest=sample is not None and sample.status == 429)
        finally:
            self.in_flight.release()

    def _dispatcher(self, until: float) -> None:
        """Open loop: start one post every 1/rate seconds, whatever the answers so far, with at
        most `posters` in flight (a post that would exceed it is counted as not offered)."""
        interval = 1 / self.posts_per_second
        next_at = time.monotonic()
        workers = []
        while not self.stop_event.is_set() and time.monotonic() < until:
            if self.in_flight.acquire(blocking=False):
                self.offered.append(time.time())
                worker = threading.Thread(target=self._post_once, args=(next(self.counter),))
                worker.daemon = True
                worker.start()
                workers.append(worker)
            else:
                self.not_offered += 1
            next_at += interval
            self.stop_event.wait(max(0.0, next_at - time.monotonic()))
        for worker in workers:
            worker.join(timeout=60)

    def _reader(self, index: int, until: float) -> None:
        """Odd readers are members, even ones visitors; every 50th read someone logs in."""
        member = self.sessions.take(self.recorder) if index % 2 else None
        browser = member or Browser(self.base_url, self.recorder)
        pages = ["/", "/help/", "/rules/", *self.read_paths]
        for count in itertools.count(1):
            if self.stop_event.is_set() or time.monotonic() >= until:
                break
            browser.read(random.choice(pages))
            if count % 50 == 0:
                fresh = Browser(self.base_url, self.recorder)
                fresh.login(random.choice(self.sessions.members), self.sessions.password)
            self.stop_event.wait(self.read_pause)
        if member is not None:
            self.sessions.give_back(member)

    def warm_up(self) -> None:
        """Log in the posters' members before the clock starts (as they were already)."""
        with ThreadPoolExecutor(max_workers=8) as pool:
            taken = list(pool.map(lambda _: self.sessions.take(self.recorder), range(self.posters)))
        for browser in taken:
            if browser is not None:
                self.sessions.give_back(browser)

    def run(self, seconds: float, *, during: Callable[[], None] | None = None) -> list[Sample]:
        """Run the load for `seconds` (calling `during()` in this thread meanwhile)."""
        self.warm_up()
        start = time.time()
        self.window = (start, start + seconds)
        until = time.monotonic() + seconds
        self.in_flight = threading.BoundedSemaphore(self.posters)
        workers = [threading.Thread(target=self._dispatcher, args=(until,), daemon=True)] + [
            threading.Thread(target=self._reader, args=(i, until), daemon=True)
            for i in range(self.readers)
        ]
        for worker in workers:
            worker.start()
        try:
            if during is not None:
                during()
        finally:
            for worker in workers:
                worker.join(timeout=seconds + 60)
            self.stop_event.set()
            for worker in workers:
                worker.join(timeout=40)
        self.stop_event.clear()
        return self.recorder.between(start, time.time())


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summary(samples: list[Sample]) -> dict:
    posts = [s for s in samples if s.kind == "post"]
    reads = [s for s in samples if s.kind in ("read", "form")]
    seconds = [s.seconds for s in samples]
    span = (max(s.started for s in samples) - min(s.started for s in samples)) if samples else 0
    return {
        "requests": len(samples),
        "posts_acknowledged": sum(1 for s in posts if s.post_id),
        "crisis_acknowledged": sum(1 for s in posts if s.post_id and s.crisis),
        "posts_per_s": round(sum(1 for s in posts if s.post_id) / span, 2) if span else 0,
        "reads_per_s": round(len(reads) / span, 2) if span else 0,
        "5xx": sum(1 for s in samples if s.status >= 500),
        "no_answer": sum(1 for s in samples if s.status == 0),
        "not_hearth_error_page": sum(1 for s in samples if s.status >= 400 and not s.hearth_page),
        "429": sum(1 for s in samples if s.status == 429),
        "p50_ms": round(percentile(seconds, 50) * 1000, 1),
        "p95_ms": round(percentile(seconds, 95) * 1000, 1),
        "p99_ms": round(percentile(seconds, 99) * 1000, 1),
    }
