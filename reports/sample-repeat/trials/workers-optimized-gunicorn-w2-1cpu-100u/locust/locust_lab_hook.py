"""Locust Lab's request hook: one CSV row for every request Locust makes.

Locust's own statistics round response times (2 significant digits above
100 ms), count a request only once it finished, and let requests begun while
users were spawning land after `--reset-stats`. From these rows the lab takes
exact percentiles over a window of its own choosing, and counts the requests
that never finished (censored).

The lab points Locust at `locust_lab_entry.py`, which imports this module and
then the user's locustfile, so any locustfile gets the hook unchanged. The
hook acts only when LOCUST_LAB_OUT names a writable folder (the lab sets
/out); run by hand, the locustfile behaves exactly as without it.

NOTE: the files below are read by scripts/lib/locust/parse-requests.ts,
scripts/lib/locust/parse-phases.ts and scripts/lib/collect/collect-trial.ts.
  locust_requests-<tag>.csv  one per Locust process that runs users: `local`,
                             or `worker-<hostname>-<pid>` (the master runs
                             none, so it writes none). Header
                             start_ms,latency_ms,status,method,name,user.
  locust_phases.ndjson       master or local process only; one JSON object a
                             line: {"event": "test_start", "t_ms": ...}.
  locust_lab_stop            written by the lab: stop the run now.
"""
import csv
import functools
import itertools
import json
import logging
import os
import re
import socket
import time
import weakref
from urllib.parse import urlsplit

import gevent
from locust import events
from locust.clients import HttpSession
from locust.runners import MasterRunner, WorkerRunner

OUT = os.environ.get("LOCUST_LAB_OUT", "")
HEADER = ["start_ms", "latency_ms", "status", "method", "name", "user"]
PHASES_FILE = "locust_phases.ndjson"
STOP_FILE = "locust_lab_stop"
# The lab reads the files while Locust runs; a second of delay is what it can wait.
FLUSH_INTERVAL_S = 1.0
STOP_POLL_S = 0.5

logger = logging.getLogger("locust_lab_hook")
# A stop file older than this process is left over from an earlier run in the same folder.
_loaded_at = time.time()


def _ms(value):
    return f"{float(value):.3f}"


class _Requests:
    """The request rows of this process, and the requests still in flight."""

    def __init__(self, folder, tag):
        self.tag = tag
        # newline="" because the csv module writes its own line ends (CRLF, as Locust's CSVs).
        self.file = open(os.path.join(folder, f"locust_requests-{tag}.csv"), "w", newline="", encoding="utf-8")
        self.writer = csv.writer(self.file)
        self.writer.writerow(HEADER)
        self.file.flush()
        # Each simulated user runs in its own greenlet; weak keys so finished users are forgotten.
        self.users = weakref.WeakKeyDictionary()
        self.counter = itertools.count(1)
        # greenlet -> (start s, method, name, user). A user's greenlet sends one request at a time.
        self.in_flight = {}
        self.closed = False

    def user(self):
        current = gevent.getcurrent()
        user = self.users.get(current)
        if user is None:
            user = self.users[current] = f"{self.tag}:{next(self.counter)}"
        return user

    def write(self, start_s, latency_ms, status, method, name, user):
        if not self.closed:
            self.writer.writerow([_ms(start_s * 1000), _ms(latency_ms), status, str(method), str(name), user])

    def censor(self, entry, now):
        start, method, name, user = entry
        self.write(start, (now - start) * 1000, "censored", method, name, user)

    def flush_every_second(self):
        while not self.closed:
            gevent.sleep(FLUSH_INTERVAL_S)
            self.file.flush()


class _Phases:
    """Locust's phases, one JSON line each, flushed at once: they are few and the lab waits on them."""

    def __init__(self, folder):
        self.file = open(os.path.join(folder, PHASES_FILE), "w", encoding="utf-8")

    def write(self, event, **extra):
        self.file.write(json.dumps({"event": event, "t_ms": round(time.time() * 1000, 3), **extra}) + "\n")
        self.file.flush()


_requests = None
_phases = None


def _tag(runner):
    if isinstance(runner, WorkerRunner):
        # Workers share the trial folder; hostname (the container) and pid keep their files apart.
        return re.sub(r"[^A-Za-z0-9_.-]", "_", f"worker-{socket.gethostname()}-{os.getpid()}")
    return "local"


def _path_url(session, url):
    # HttpSession names an unnamed request by the path and query it sent (requests' `path_url`),
    # which includes any path in --host.
    parts = urlsplit(session._build_url(url))
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _track(request, default_name):
    """Wraps a session's `request` to know which requests are in flight, and which never finished."""

    @functools.wraps(request)
    def tracked(session, method, url, *args, **kwargs):
        requests = _requests
        if requests is None or requests.closed:
            return request(session, method, url, *args, **kwargs)
        # The name Locust would give it: the `name` argument, a rename_request() block, or the URL.
        try:
            name = kwargs.get("name") or (args[0] if args else None) or getattr(session, "request_name", None) or default_name(session, url)
        except Exception:  # an odd url is Locust's to report; the hook must not break the request
            name = str(url)
        current = gevent.getcurrent()
        requests.in_flight[current] = (time.time(), method, name, requests.user())
        try:
            return request(session, method, url, *args, **kwargs)
        except BaseException as error:
            # Not an Exception: GreenletExit when Locust kills a user after --stop-timeout (or a
            # gevent.Timeout around the call). Locust never reports such a request; the lab must.
            if not isinstance(error, Exception):
                entry = requests.in_flight.pop(current, None)
                if entry is not None:
                    requests.censor(entry, time.time())
            raise
        finally:
            requests.in_flight.pop(current, None)

    return tracked


def _on_request(request_type, name, response_time, exception=None, start_time=None, **_kwargs):
    requests = _requests
    if requests is None:
        return
    # Reported: no longer in flight (for catch_response this comes after request() returned).
    requests.in_flight.pop(gevent.getcurrent(), None)
    try:
        latency_ms = float(response_time)
    except (TypeError, ValueError):
        logger.warning("Locust Lab hook: request %r reported response_time %r, not a number; row skipped", name, response_time)
        return
    # Clients that fire the event themselves may leave start_time out.
    start_s = start_time if start_time is not None else time.time() - latency_ms / 1000
    # Truthiness, as Locust's own statistics decide a failure.
    requests.write(start_s, latency_ms, "fail" if exception else "ok", request_type, name, requests.user())


def _watch_stop(environment, folder):
    path = os.path.join(folder, STOP_FILE)
    while True:
        gevent.sleep(STOP_POLL_S)
        try:
            if os.stat(path).st_mtime < _loaded_at:
                continue
        except FileNotFoundError:
            continue
        _phases.write("stop_requested")
        # What --run-time does in a headless run: stop users, then end; the CSVs are written as usual.
        environment.runner.quit()
        return


def _on_init(environment, runner=None, **_kwargs):
    global _requests, _phases
    runner = runner or environment.runner
    if runner is None:  # Locust used as a library without a runner: nothing runs users
        return
    if not isinstance(runner, MasterRunner):
        _requests = _Requests(OUT, _tag(runner))
        gevent.spawn(_requests.flush_every_second)
        logger.info("Locust Lab hook: recording requests to %s", _requests.file.name)
    if not isinstance(runner, WorkerRunner):
        _phases = _Phases(OUT)
        gevent.spawn(_watch_stop, environment, OUT)


def _on_quitting(**_kwargs):
    if _requests is None:
        return
    # Users still in flight now are killed on the way out (SIGTERM): record them before they vanish.
    now = time.time()
    for entry in list(_requests.in_flight.values()):
        _requests.censor(entry, now)
    _requests.in_flight.clear()
    _requests.file.flush()
    # Anything finishing after this would contradict a row already written.
    _requests.closed = True


def _phase(event, **extra):
    def handler(**kwargs):
        if _phases is not None:
            _phases.write(event, **{key: kwargs[arg] for key, arg in extra.items()})

    return handler


def _register():
    events.init.add_listener(_on_init)
    events.request.add_listener(_on_request)
    events.quitting.add_listener(_on_quitting)
    events.test_start.add_listener(_phase("test_start"))
    events.spawning_complete.add_listener(_phase("spawning_complete", users="user_count"))
    events.test_stopping.add_listener(_phase("test_stopping"))
    events.test_stop.add_listener(_phase("test_stop"))
    HttpSession.request = _track(HttpSession.request, _path_url)
    try:
        from locust.contrib.fasthttp import FastHttpSession
    except ImportError:  # geventhttpclient missing: no FastHttpUser can run either
        return
    # FastHttpSession names an unnamed request by the URL as given.
    FastHttpSession.request = _track(FastHttpSession.request, lambda _session, url: url)


if OUT and os.path.isdir(OUT) and os.access(OUT, os.W_OK):
    _register()
elif OUT:
    logger.warning("Locust Lab hook: LOCUST_LAB_OUT=%s is not a writable folder; requests are not recorded", OUT)
