"""The load generator bench/load.py and bench/faults.py run: locust, headless, as a library.

Scenarios:
  quiz    simulated students sign in once, then take the bench quiz again and again:
          start, for each of the 20 questions open its page and post an answer (JSON,
          so the reply says whether it was recorded), submit. One request per task, so
          stopping lets each user finish the request it is in.
  select  GET /bench/select/<random item id>   (the bare primary-key SELECT route)
  insert  POST /bench/insert                   (the bare INSERT + commit route)

Prints one JSON object on stdout: per request name, the count, failures, requests per
second and p50/p95/p99 in ms; the count of 5xx answers; the answers recorded as new.
Runs in its own process because locust patches the standard library with gevent.

    python bench/load_driver.py --host http://127.0.0.1:8123 --scenario quiz --users 200
        --seconds 60 --quiz <uuid> [--students 500] [--items 100000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time

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
}
STARTED = time.monotonic()
STUDENT_NUMBERS = itertools.count()
SIGNED_IN = [0]  # students past on_start: the steady part starts when all are
SIGN_IN_WAIT_SECONDS = 180


def _tally(request_type, name, response_time, response_length, response=None, **kwargs):
    code = getattr(response, "status_code", 0) or 0  # 0: no answer (connection lost)
    status = str(code)
    TALLY["by_status"][status] = TALLY["by_status"].get(status, 0) + 1
    # Requests per second of the run and their statuses, to see when a fault bit and when
    # the service recovered.
    second = TALLY["timeline"].setdefault(str(int(time.monotonic() - STARTED)), {})
    second[status] = second.get(status, 0) + 1
    if code >= 500:
        TALLY["5xx"] += 1
        if not TALLY["sample_5xx"]:
            TALLY["sample_5xx"] = f"{status} {getattr(response, 'text', '')[:600]}"


class Student(HttpUser):
    """Signs in once, then takes the quiz one request per task."""

    wait_time = constant(0)

    def on_start(self) -> None:
        self.email = f"student{next(STUDENT_NUMBERS) % OPTIONS.students}@bench.example"
        self.sign_in()
        self.attempt = None
        self.position = 0
        self.asked = False
        SIGNED_IN[0] += 1

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

    @task
    def step(self) -> None:
        if self.attempt is None:
            self.begin_attempt()
        elif self.position > QUESTIONS:
            self.submit_attempt()
        elif not self.asked:
            self.open_question()
        else:
            self.post_answer()

    def begin_attempt(self) -> None:
        with self.client.post(
            f"/study/quizzes/{OPTIONS.quiz}/start",
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
                    self.sign_in()
                return
            self.attempt, self.position, self.asked = found.group(1), 1, False

    def open_question(self) -> None:
        url = f"/study/attempts/{self.attempt}/q/{self.position}"
        response = self.client.get(url, name="question page")
        self.asked = response.status_code == 200
        if response.status_code == 404:  # the attempt is gone (a restarted database)
            self.attempt = None

    def post_answer(self) -> None:
        url = f"/study/attempts/{self.attempt}/q/{self.position}"
        with self.client.post(
            url,
            data={"answer": "Moscow", "csrf_token": self.token},
            headers={"Accept": "application/json"},
            name="answer POST",
            catch_response=True,
        ) as response:
            body = _json(response)
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
        response = self.client.post(
            f"/study/attempts/{self.attempt}/submit",
            data={"csrf_token": self.token},
            allow_redirects=False,
            name="submit",
        )
        if response.status_code in (302, 303):
            self.attempt = None


class SelectUser(HttpUser):
    wait_time = constant(0)

    @task
    def select(self) -> None:
        item = random.randint(1, OPTIONS.items)
        self.client.get(f"/bench/select/{item}", name="bare SELECT")


class InsertUser(HttpUser):
    wait_time = constant(0)

    @task
    def insert(self) -> None:
        self.client.post("/bench/insert", name="bare INSERT")


def _json(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def summary(environment: Environment, seconds: float) -> dict:
    names = {}
    for (name, method), entry in environment.stats.entries.items():
        if entry.num_requests == 0:
            continue
        names[name] = {
            "method": method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": round(entry.num_requests / seconds, 1),
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
        "by_status": TALLY["by_status"],
        "timeline": TALLY["timeline"],
        "sample_5xx": TALLY["sample_5xx"],
        "answers_by_second": TALLY["answers_by_second"],
    }


def main() -> None:
    global OPTIONS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--scenario", choices=("quiz", "select", "insert"), required=True)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--quiz", default="")
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--items", type=int, default=100_000)
    OPTIONS = parser.parse_args()
    user = {"quiz": Student, "select": SelectUser, "insert": InsertUser}[OPTIONS.scenario]
    # stop_timeout: a stopping user finishes the request it is in, so every answer the
    # server committed is one the driver saw (and counted) too.
    environment = Environment(user_classes=[user], host=OPTIONS.host, stop_timeout=30)
    environment.events.request.add_listener(_tally)
    runner = environment.create_local_runner()
    runner.start(OPTIONS.users, spawn_rate=OPTIONS.spawn_rate)
    # Latency and throughput are of the steady part: locust's stats are reset once every
    # user runs. The tally (5xx, answers recorded) covers the whole run, as the database.
    # Signing in checks a scrypt hash (deliberately slow): 200 of them take the server a
    # while, and are not what is measured.
    gevent.sleep(OPTIONS.users / OPTIONS.spawn_rate)
    if user is Student:
        deadline = time.monotonic() + SIGN_IN_WAIT_SECONDS
        while SIGNED_IN[0] < OPTIONS.users and time.monotonic() < deadline:
            gevent.sleep(0.5)
    environment.stats.reset_all()
    started = time.perf_counter()
    gevent.sleep(OPTIONS.seconds)
    seconds = time.perf_counter() - started
    runner.stop()
    runner.quit()
    json.dump(summary(environment, seconds), sys.stdout)
    print()


if __name__ == "__main__":
    main()
