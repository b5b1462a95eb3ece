"""The load generator bench/load.py and bench/faults.py run: locust, headless, as a library.

Scenarios:
  quiz      simulated students sign in once, then take the bench quiz again and again:
            start, for each of the 20 questions open its page and post an answer (JSON,
            so the reply says whether it was recorded), submit. One request per task.
  question  the question page alone: each student opens a fresh attempt, then reads its
            20 question pages round and round (no answers, so no feedback is shown)
  answer    the answer POST alone, on --answers-quiz (100 questions): each student
            starts an attempt before the measured window opens, then posts its answers
            without opening the pages; starting again (after 100 answers) is counted
            under its own name and is rare
  select    GET /bench/select/<random item id>   (the bare primary-key SELECT route)
  insert    POST /bench/insert                   (the bare INSERT + commit route)

The measured window opens once every user is signed in and closes after --seconds: no
request starts after it closes, and the driver waits for the ones in flight before it
stops, so every answer the server stored was answered to the driver and counted.
Requests per second count the requests that completed inside the window; the
percentiles include the stragglers.

With --sessions FILE, signed-in sessions (cookie and CSRF token per student) are kept in
FILE and reused by the next scenario run against the same server, instead of checking
200 scrypt hashes again.

Prints one JSON object on stdout: per request name, the count, failures, requests per
second and p50/p95/p99 in ms; the count of 5xx answers; the answers recorded as new;
answer POSTs whose outcome the driver could not see (no answer or a 5xx: the server may
or may not have stored them). Runs in its own process because locust patches the
standard library with gevent.

    python bench/load_driver.py --host http://127.0.0.1:8123 --scenario quiz --users 200
        --seconds 60 --quiz <uuid> [--answers-quiz <uuid> --answers-questions 100]
        [--students 500] [--items 100000] [--sessions FILE]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from pathlib import Path

import gevent
from locust import HttpUser, constant, task
from locust.env import Environment

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ATTEMPT = re.compile(r"/study/attempts/([\w-]+)/")
PASSWORD = "bench password 1234"  # bench/seed.py gives every student this password
QUESTIONS = 20
OPTIONS: argparse.Namespace
TALLY = {
    "5xx": 0,
    "recorded_new": 0,
    "recorded_again": 0,
    "by_status": {},
    "timeline": {},
    "sample_5xx": "",
    "answers_by_second": {},
    "answers_unseen": 0,
    "in_window": {},
}
STARTED = time.monotonic()
WINDOW = {"open": False, "closed": False}  # the measured part of the run
IN_FLIGHT = [0]  # requests sent and not yet answered
STUDENT_NUMBERS = itertools.count()
SIGNED_IN = [0]  # students past on_start: the steady part starts when all are
SIGN_IN_WAIT_SECONDS = 180
SESSIONS: dict[str, dict] = {}  # email -> {"cookie": session cookie, "token": CSRF token}


def _tally(request_type, name, response_time, response_length, response=None, **kwargs):
    code = getattr(response, "status_code", 0) or 0  # 0: no answer (connection lost)
    status = str(code)
    TALLY["by_status"][status] = TALLY["by_status"].get(status, 0) + 1
    # Requests per second of the run and their statuses, to see when a fault bit and when
    # the service recovered.
    second = TALLY["timeline"].setdefault(str(int(time.monotonic() - STARTED)), {})
    second[status] = second.get(status, 0) + 1
    if WINDOW["open"] and not WINDOW["closed"]:
        TALLY["in_window"][name] = TALLY["in_window"].get(name, 0) + 1
    if code >= 500:
        TALLY["5xx"] += 1
        if not TALLY["sample_5xx"]:
            TALLY["sample_5xx"] = f"{status} {getattr(response, 'text', '')[:600]}"


class BenchUser(HttpUser):
    """A user that starts no request once the measured window has closed, and keeps a
    count of its requests in flight, so the driver can wait for them before stopping."""

    abstract = True
    wait_time = constant(0)

    def request(self, method: str, url: str, **kwargs):
        IN_FLIGHT[0] += 1
        try:
            return self.client.request(method, url, **kwargs)
        finally:
            IN_FLIGHT[0] -= 1

    @task
    def step(self) -> None:
        if WINDOW["closed"]:
            gevent.sleep(0.05)  # idle until stopped: a new request would not be counted
            return
        self.act()

    def act(self) -> None:
        raise NotImplementedError


class Student(BenchUser):
    """Signs in once, then takes the quiz one request per task."""

    abstract = False

    def on_start(self) -> None:
        self.email = f"student{next(STUDENT_NUMBERS) % OPTIONS.students}@bench.example"
        self.quiz, self.questions = OPTIONS.quiz, QUESTIONS
        kept = SESSIONS.get(self.email)
        if kept:
            self.client.cookies.set("session", kept["cookie"])
            self.token = kept["token"]
        else:
            self.sign_in()
        self.attempt = None
        self.position = 0
        self.asked = False
        self.prepare()
        SIGNED_IN[0] += 1

    def prepare(self) -> None:
        """What a student does once signed in and before the measured window opens."""

    def sign_in(self) -> None:
        page = self.client.get("/login", name="sign in page")
        found = TOKEN.search(page.text)
        self.token = found.group(1) if found else ""
        self.client.post(
            "/login",
            data={"email": self.email, "password": PASSWORD, "csrf_token": self.token},
            allow_redirects=False,
            name="sign in",
        )
        cookie = self.client.cookies.get("session")
        if cookie:
            SESSIONS[self.email] = {"cookie": cookie, "token": self.token}

    def act(self) -> None:
        if self.attempt is None:
            self.begin_attempt()
        elif self.position > self.questions:
            self.submit_attempt()
        elif not self.asked:
            self.open_question()
        else:
            self.post_answer()

    def begin_attempt(self) -> None:
        with self.request(
            "POST",
            f"/study/quizzes/{self.quiz}/start",
            data={"csrf_token": self.token},
            allow_redirects=False,
            name="start",
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            found = ATTEMPT.search(location)
            if response.status_code != 302 or not found:
                response.failure(f"start gave {response.status_code} {location}")
                if "/login" in location:  # the sign-in failed (a fault): sign in again
                    SESSIONS.pop(self.email, None)
                    self.sign_in()
                return
            self.attempt, self.position, self.asked = found.group(1), 1, False

    def open_question(self) -> None:
        url = f"/study/attempts/{self.attempt}/q/{self.position}"
        response = self.request("GET", url, name="question page")
        self.asked = response.status_code == 200
        if response.status_code == 404:  # the attempt is gone (a restarted database)
            self.attempt = None

    def post_answer(self) -> None:
        url = f"/study/attempts/{self.attempt}/q/{self.position}"
        with self.request(
            "POST",
            url,
            data={"answer": "Moscow", "csrf_token": self.token},
            headers={"Accept": "application/json"},
            name="answer POST",
            catch_response=True,
        ) as response:
            body = _json(response)
            if response.status_code == 0 or response.status_code >= 500:
                TALLY["answers_unseen"] += 1  # the server may have stored it or not
            if response.status_code != 200 or not body.get("recorded"):
                response.failure(f"answer not recorded: {response.status_code}")
                self.asked = False  # ask again, then answer again
                return
            TALLY["recorded_new" if body.get("new") else "recorded_again"] += 1
            second = str(int(time.monotonic() - STARTED))
            TALLY["answers_by_second"][second] = TALLY["answers_by_second"].get(second, 0) + 1
        self.position += 1
        self.asked = False

    def submit_attempt(self) -> None:
        response = self.request(
            "POST",
            f"/study/attempts/{self.attempt}/submit",
            data={"csrf_token": self.token},
            allow_redirects=False,
            name="submit",
        )
        if response.status_code in (302, 303):
            self.attempt = None


class Reader(Student):
    """The question page alone: a fresh attempt's 20 pages, round and round."""

    def prepare(self) -> None:
        self.fresh_attempt()

    def fresh_attempt(self) -> None:
        # an attempt left open by an earlier run is resumed by start: submit it, so the
        # pages read are unanswered ones (as the quiz scenario reads them)
        self.begin_attempt()
        if self.attempt is not None:
            self.submit_attempt()
        self.begin_attempt()

    def act(self) -> None:
        if self.attempt is None:
            self.fresh_attempt()
            return
        self.open_question()
        self.position = self.position % self.questions + 1


class Answerer(Student):
    """The answer POST alone, on the long quiz: answers without reading the pages."""

    def prepare(self) -> None:
        self.quiz, self.questions = OPTIONS.answers_quiz, OPTIONS.answers_questions
        self.begin_attempt()  # resumes an attempt left open by an earlier run: close it
        if self.attempt is not None:
            self.submit_attempt()
        self.begin_attempt()  # started before the window opens

    def act(self) -> None:
        if self.attempt is None:
            self.begin_attempt()
        elif self.position > self.questions:
            self.submit_attempt()
        else:
            self.post_answer()


class SelectUser(BenchUser):
    abstract = False

    def act(self) -> None:
        item = random.randint(1, OPTIONS.items)
        self.request("GET", f"/bench/select/{item}", name="bare SELECT")


class InsertUser(BenchUser):
    abstract = False

    def act(self) -> None:
        self.request("POST", "/bench/insert", name="bare INSERT")


def _json(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


SCENARIOS = {
    "quiz": Student,
    "question": Reader,
    "answer": Answerer,
    "select": SelectUser,
    "insert": InsertUser,
}


def summary(environment: Environment, seconds: float) -> dict:
    names = {}
    for (name, method), entry in environment.stats.entries.items():
        if entry.num_requests == 0:
            continue
        names[name] = {
            "method": method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "window_requests": TALLY["in_window"].get(name, 0),
            "rps": round(TALLY["in_window"].get(name, 0) / seconds, 1),
            "p50_ms": entry.get_response_time_percentile(0.50),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "errors": sorted(
                {str(e.error)[:120] for e in environment.stats.errors.values() if e.name == name}
            )[:5],
        }
    return {"seconds": round(seconds, 1), "requests": names} | {
        "5xx": TALLY["5xx"],
        "answers_recorded_new": TALLY["recorded_new"],
        "answers_recorded_again": TALLY["recorded_again"],
        "answers_unseen": TALLY["answers_unseen"],
        "by_status": TALLY["by_status"],
        "timeline": TALLY["timeline"],
        "sample_5xx": TALLY["sample_5xx"],
        "answers_by_second": TALLY["answers_by_second"],
    }


def main() -> None:
    global OPTIONS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--scenario", choices=tuple(SCENARIOS), required=True)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--quiz", default="")
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--answers-quiz", default="")
    parser.add_argument("--answers-questions", type=int, default=100)
    parser.add_argument("--sessions", type=Path, help="keep and reuse signed-in sessions here")
    OPTIONS = parser.parse_args()
    if OPTIONS.sessions and OPTIONS.sessions.exists():
        SESSIONS.update(json.loads(OPTIONS.sessions.read_text()))
    user = SCENARIOS[OPTIONS.scenario]
    environment = Environment(user_classes=[user], host=OPTIONS.host, stop_timeout=30)
    environment.events.request.add_listener(_tally)
    runner = environment.create_local_runner()
    runner.start(OPTIONS.users, spawn_rate=OPTIONS.spawn_rate)
    # Latency and throughput are of the steady part: locust's stats are reset once every
    # user runs. The tally (5xx, answers recorded) covers the whole run, as the database.
    # Signing in checks a scrypt hash (deliberately slow): 200 of them take the server a
    # while, and are not what is measured.
    gevent.sleep(OPTIONS.users / OPTIONS.spawn_rate)
    if issubclass(user, Student):
        deadline = time.monotonic() + SIGN_IN_WAIT_SECONDS
        while SIGNED_IN[0] < OPTIONS.users and time.monotonic() < deadline:
            gevent.sleep(0.5)
    environment.stats.reset_all()
    WINDOW["open"] = True
    started = time.perf_counter()
    gevent.sleep(OPTIONS.seconds)
    WINDOW["closed"] = True
    seconds = time.perf_counter() - started
    # Every answer the server committed is one the driver saw and counted: no request
    # starts now, and the ones in flight are waited for before the users are stopped.
    deadline = time.monotonic() + 60
    while IN_FLIGHT[0] and time.monotonic() < deadline:
        gevent.sleep(0.05)
    runner.stop()
    runner.quit()
    if OPTIONS.sessions:
        OPTIONS.sessions.write_text(json.dumps(SESSIONS))
    json.dump(summary(environment, seconds), sys.stdout)
    print()


if __name__ == "__main__":
    main()
