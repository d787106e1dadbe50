"""Sign-on letters under load, and with a web worker killed: `make bench-signons`.

Against `corredor serve` (gunicorn, 2 workers by default) and PostgreSQL on this machine, with
`corredor worker` sending the confirmation emails to .eml files, it measures in one run:

1. a bare Django view (bench/bare.py, same middleware, same workers) at its peak, closed loop,
   and a view that stores one row: the least a view that keeps what it acknowledges can do;
2. signing through the API for 60 seconds, closed loop, while a watcher opens each emailed
   confirmation link as it arrives; halfway through, one gunicorn worker gets SIGKILL;
3. signing at a fixed rate, open loop: half the bare view's peak.

Then it waits for the queue to drain and checks the database: every signature acknowledged
with a 2xx is stored exactly once, none twice. It prints the figures against the targets and
exits non-zero only when a signature is lost or duplicated; speed misses are printed.

PostgreSQL: DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432), in a
throwaway database that is dropped at the end. Clients come from many networks (a random
X-Forwarded-For behind TRUSTED_PROXY_COUNT=1), so the rate limit applies as in production.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import http.client
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORREDOR = str(Path(sys.executable).parent / "corredor")

TARGET_RATIO = 0.5
TARGET_P99_MS = 250.0
SIGN_ATTEMPTS = 3  # a partner site would retry a request that got no answer
CONFIRM_LINK = re.compile(rb"https?://[^/\s]+(/[a-z]{2}/letters/[\w-]+/confirm/\?token=[\w-]+)")
TIMEOUT = 30.0
BARE = {"bare": ("GET", "/bench/bare/"), "write": ("POST", "/bench/write/")}

# One sample of an HTTP request: when it ended (seconds since the phase started), how long it
# took (ms) and its status (0: no answer).
Sample = tuple[float, float, int]


# Clients -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One client process's share of a phase."""

    kind: str  # "bare", "write" or "sign"
    port: int
    slug: str
    tag: str  # makes every signer's address unique across phases
    process: int
    threads: int
    start_at: float  # time.time() when the phase starts, the same for every process
    seconds: float
    rate: float = 0.0  # requests per second for this process (open loop); 0: closed loop


@dataclass
class Outcome:
    samples: list[Sample] = field(default_factory=list)
    acknowledged: list[tuple[str, float]] = field(default_factory=list)  # address, when
    refused: list[str] = field(default_factory=list)  # addresses never acknowledged
    late: int = 0  # open loop: requests dropped, due more than TIMEOUT ago (clients saturated)
    cpu: float = 0.0  # CPU seconds the client processes used


def call(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> int:
    """One request on a fresh connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def sign_once(
    job: Job, origin: float, address: str, rng: random.Random, due: float, outcome: Outcome
) -> None:
    """Sign with one address, retrying when there was no answer or a server error, as a
    partner site would: a retry of a signature that was in fact stored must not store it
    twice. `due` is when the first attempt should have started (open loop: its schedule);
    `origin` is when the phase started, on the same clock."""
    body = json.dumps(
        {
            "kind": "individual",
            "name": "Bench Signer",
            "country": rng.choice(("US", "MX", "CA")),
            "city": "Monterrey",
            "email": address,
            "show_publicly": True,
            "language": "en",
        }
    ).encode()
    network = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    headers = {"Content-Type": "application/json", "X-Forwarded-For": network}
    path = f"/api/v1/letters/{job.slug}/signatures"
    started = due
    for _attempt in range(SIGN_ATTEMPTS):
        status = call(job.port, "POST", path, body, headers)
        ended = time.perf_counter()
        outcome.samples.append((ended - origin, (ended - started) * 1000, status))
        if 200 <= status < 300:
            outcome.acknowledged.append((address, ended - origin))
            return
        if 400 <= status < 500:
            break  # refused for a reason: retrying would not help
        time.sleep(0.05)
        started = time.perf_counter()
    outcome.refused.append(address)


def run_job(job: Job) -> Outcome:
    origin = time.perf_counter() + (job.start_at - time.time())  # on this process's clock
    end = origin + job.seconds
    outcome = Outcome()
    counter = iter(range(10**9))

    def one(due: float, rng: random.Random) -> None:
        if job.kind in BARE:
            method, path = BARE[job.kind]
            status = call(job.port, method, path)
            ended = time.perf_counter()
            outcome.samples.append((ended - origin, (ended - due) * 1000, status))
        else:
            address = f"{job.tag}-{job.process}-{next(counter)}@bench.example"
            sign_once(job, origin, address, rng, due, outcome)

    time.sleep(max(0.0, origin - time.perf_counter()))
    cpu = time.process_time()
    if job.rate:
        run_open_loop(job, one, origin, end, outcome)
    else:
        run_closed_loop(job, one, end)
    outcome.cpu = time.process_time() - cpu
    return outcome


def run_closed_loop(job: Job, one: Callable[[float, random.Random], None], end: float) -> None:
    def client(number: int) -> None:
        rng = random.Random(f"{job.tag}-{job.process}-{number}")  # noqa: S311 (test data)
        while time.perf_counter() < end:
            one(time.perf_counter(), rng)

    with ThreadPoolExecutor(job.threads) as pool:
        list(pool.map(client, range(job.threads)))


def run_open_loop(
    job: Job,
    one: Callable[[float, random.Random], None],
    origin: float,
    end: float,
    outcome: Outcome,
) -> None:
    """Start a request every 1/rate seconds whatever the answers, and time each one from when
    it was due, so that a slow server cannot slow the clients down and hide its queue."""
    rng = random.Random(f"{job.tag}-{job.process}")  # noqa: S311 (test data)
    interval = 1 / job.rate
    # Processes interleave their schedules instead of firing together.
    due = origin + interval * rng.random()

    def timed(due: float) -> None:
        if time.perf_counter() - due > TIMEOUT:
            outcome.late += 1
            return
        one(due, rng)

    with ThreadPoolExecutor(job.threads) as pool:
        while due < end:
            time.sleep(max(0.0, due - time.perf_counter()))
            pool.submit(timed, due)
            due += interval


# The confirmation watcher ------------------------------------------------------------------


@dataclass
class Confirmations:
    samples: list[Sample] = field(default_factory=list)
    confirmed: list[tuple[str, float]] = field(default_factory=list)  # link answered 200
    failed: list[str] = field(default_factory=list)
    emails: Counter[str] = field(default_factory=Counter)  # per address, with a link
    notices: int = 0  # "you have already signed" emails, without a link


def read_email(raw: bytes) -> tuple[str, str | None] | None:
    """The recipient and the confirmation path of a complete .eml file; None while the
    worker is still writing it."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    boundary = message.get_boundary()
    if not boundary or f"--{boundary}--".encode() not in raw:
        return None
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_payload(decode=True)
            found = CONFIRM_LINK.search(text)
            return str(message["To"]).strip().lower(), found and found.group(1).decode()
    return str(message["To"]).strip().lower(), None


def watch_mail(
    port: int, mail: Path, origin_wall: float, stop: Any, results: Any, threads: int
) -> None:
    """Open each confirmation link as soon as its email is written, like a signer would;
    move each read email under done/ so that the directory stays small to scan."""
    done = mail / "done"
    done.mkdir(parents=True, exist_ok=True)
    origin = time.perf_counter() + (origin_wall - time.time())
    found = Confirmations()

    def open_link(address: str, path: str) -> None:
        for _attempt in range(SIGN_ATTEMPTS):
            started = time.perf_counter()
            status = call(port, "GET", path)
            ended = time.perf_counter()
            found.samples.append((ended - origin, (ended - started) * 1000, status))
            if status == 200:
                found.confirmed.append((address, ended - origin))
                return
            if status and status < 500:
                break
            time.sleep(0.05)
        found.failed.append(address)

    with ThreadPoolExecutor(threads) as pool:
        while True:
            stopping = stop.is_set()  # read before the scan: no email can slip past the last
            for entry in os.scandir(mail):
                if not entry.name.endswith(".eml"):
                    continue
                parsed = read_email(Path(entry.path).read_bytes())
                if parsed is None:
                    continue
                os.rename(entry.path, done / entry.name)
                address, path = parsed
                if path is None:
                    found.notices += 1
                    continue
                found.emails[address] += 1
                pool.submit(open_link, address, path)
            if stopping:
                break
            time.sleep(0.02)
    results.put(found)


# The server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (gunicorn's workers, for its master)."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry))
    return found


def cpu_seconds(pids: set[int]) -> float:
    """CPU used by these processes and by their children that have exited (a killed gunicorn
    worker's time moves to its master, a finished PostgreSQL backend's to the postmaster)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path("/proc", str(pid), "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def machine_cpu_seconds() -> float:
    """CPU time every process on the machine has used since boot."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def cpu_report(used: dict[str, float], outcome: Outcome, seconds: float) -> str:
    """Where the CPU went during the closed loop, per acknowledged signature: the cost of the
    whole path (web, database, email, and the clients that share the machine)."""
    signatures = sum(1 for _end, _ms, status in outcome.samples if status == 202) or 1
    machine = used.pop("machine")
    used["sign clients"] = outcome.cpu
    ours = sum(used.values())
    parts = ", ".join(f"{name} {value * 1000 / signatures:.1f}" for name, value in used.items())
    return (
        f"CPU per acknowledged signature in the closed loop: {ours * 1000 / signatures:.1f} ms "
        f"({parts}); {ours / seconds:.2f} of {os.cpu_count()} CPUs busy with the benchmark, "
        f"{max(0.0, machine - ours) / seconds:.2f} with other processes"
    )


def postgres_pids() -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if Path("/proc", entry, "comm").read_text().strip() == "postgres":
                    found.add(int(entry))
            except OSError:
                continue
    return found


def wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"corredor serve stopped; see its log:\n{log.read_text()[-3000:]}")
        if call(port, "GET", "/bench/bare/") == 200:
            return
        time.sleep(0.2)
    sys.exit(f"corredor serve did not answer in 60 s; see {log}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# The database ------------------------------------------------------------------------------


def server_url() -> str:
    """DATABASE_URL's PostgreSQL server, without its database name."""
    configured = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(configured)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://… (or leave it).")
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def admin(server: str, statement: str) -> None:
    import psycopg

    try:
        with psycopg.connect(server + "/postgres", autocommit=True) as connection:
            connection.execute(statement)
    except psycopg.OperationalError as error:
        sys.exit(
            f"PostgreSQL is not reachable at {server} ({error}).\nStart it, e.g. "
            "pg_ctlcluster --skip-systemctl-redirect 15 main start"
        )


# The run -----------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: a value that was actually measured."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class Figures:
    name: str
    seconds: float
    rate: float  # successful requests (or acknowledged signatures) per second
    p50: float
    p99: float
    errors: int  # requests without a 2xx answer

    def row(self, others: float | None = None) -> str:
        """`others`: CPUs that processes outside the benchmark kept busy meanwhile."""
        return (
            f"{self.name:<50}{self.rate:>8.1f}{self.p50:>9.1f}{self.p99:>9.1f}{self.errors:>8}"
            + ("" if others is None else f"{others:>9.2f}")
        )


def figures(name: str, seconds: float, samples: list[Sample]) -> Figures:
    """Answers per second and latency of the 2xx answers that came within the phase."""
    within = [s for s in samples if s[0] <= seconds]
    good = [ms for _end, ms, status in within if 200 <= status < 300]
    return Figures(
        name,
        seconds,
        len(good) / seconds,
        percentile(good, 0.50),
        percentile(good, 0.99),
        len(within) - len(good),
    )


def statuses(*outcomes: Outcome) -> dict[int, int]:
    return dict(sorted(Counter(s[2] for o in outcomes for s in o.samples).items()))


class Bench:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.port = free_port()
        self.work = Path(tempfile.mkdtemp(prefix="corredor-bench-signons-"))
        self.mail = self.work / "mail"
        self.mail.mkdir()
        self.server_url = server_url()
        self.database = f"corredor_bench_signons_{os.getpid()}"
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "DJANGO_SETTINGS_MODULE": "bench.bare_settings",
            "DATABASE_URL": f"{self.server_url}/{self.database}",
            "CORREDOR_PROFILE": "local",
            "CORREDOR_DATA_DIR": str(self.work / "data"),
            "STATIC_ROOT": str(self.work / "static"),
            "SECRET_KEY": "bench-" + os.urandom(24).hex(),
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{self.port}",
            "EMAIL_BACKEND": "file",
            "EMAIL_FILE_PATH": str(self.mail),
            "TRUSTED_PROXY_COUNT": "1",
        }
        self.env.pop("CORREDOR_WITH_WORKER", None)
        self.processes: list[subprocess.Popen] = []
        self.acknowledged: list[tuple[str, float]] = []  # address, when (s after origin)
        self.refused: list[str] = []
        self.kill_report = self.cpu_report = ""
        self.windows: dict[str, tuple[float, float]] = {}  # phase: start (s after origin), length
        self.others: dict[str, float] = {}  # phase: CPUs busy outside the benchmark

    def start(self, name: str, *argv: str) -> subprocess.Popen:
        log = open(self.work / f"{name}.log", "wb")  # noqa: SIM115 (lives as long as the process)
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        return process

    def prepare(self) -> Any:
        """Migrate the throwaway database and collect the static files (the pages use the
        hashed names, as in production), in parallel; then create the open letter."""
        admin(self.server_url, f'CREATE DATABASE "{self.database}"')
        migrate = self.start("migrate", CORREDOR, "migrate", "--noinput")
        static = self.start("collectstatic", CORREDOR, "collectstatic", "--noinput", "-v", "0")
        for process, name in ((migrate, "migrate"), (static, "collectstatic")):
            if process.wait() != 0:
                sys.exit(f"{name} failed:\n{(self.work / f'{name}.log').read_text()[-3000:]}")
        self.processes.clear()

        os.environ.update(self.env)
        import django

        django.setup()
        from django.db import connection

        from corredor.accounts.models import Organization
        from corredor.signons.demo import load_demo_letter

        organization = Organization.objects.create(
            slug="bench", name="Bench Workers' Center", country="MX", kind="union"
        )
        letter = load_demo_letter(organization)
        # Client processes are forked from this one: none may inherit an open connection.
        connection.close()
        return letter

    def run(self) -> bool:
        options = self.options
        letter = self.prepare()
        ctx = multiprocessing.get_context("fork")
        stop_watching = ctx.Event()
        results = ctx.Queue()
        self.origin = time.time()
        self.watcher = ctx.Process(
            target=watch_mail,
            args=(self.port, self.mail, self.origin, stop_watching, results, options.clients),
            daemon=True,
        )
        self.watcher.start()
        self.serve = self.start(
            "serve",
            CORREDOR,
            "serve",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(options.workers),
        )
        self.task_workers = [
            self.start(f"worker-{number}", CORREDOR, "worker")
            for number in range(options.task_workers)
        ]
        wait_until_serving(self.port, self.serve, self.work / "serve.log")
        print(
            f"corredor serve: {options.workers} gunicorn workers, {options.task_workers} "
            f"corredor worker, {self.postgres_version()}, {os.cpu_count()} CPUs; "
            f"{options.clients} clients in {options.processes} processes, plus a mail watcher "
            "that opens each confirmation link"
        )

        # Warm up: every worker has loaded its code and opened its database connection.
        self.phase("bare", "warm-bare", 2, letter.slug)
        self.phase("write", "warm-write", 1, letter.slug)
        self.phase("sign", "warm-sign", 2, letter.slug)

        print(f"{'phase':<50}{'per s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'others':>9}")
        seconds = options.bare_seconds
        bare = figures(
            f"bare view, closed loop, {seconds:g} s",
            seconds,
            self.phase("bare", "bare", seconds, letter.slug).samples,
        )
        print(bare.row(self.others["bare"]))
        write = figures(
            f"one-row write view, closed loop, {seconds:g} s",
            seconds,
            self.phase("write", "write", seconds, letter.slug).samples,
        )
        print(write.row(self.others["write"]))

        seconds = options.seconds
        sign_outcome = self.phase("sign", "sign", seconds, letter.slug, kill_at=seconds / 2)
        sign = figures(
            f"sign, closed loop, {seconds:g} s, SIGKILL at {seconds / 2:g} s",
            seconds,
            sign_outcome.samples,
        )
        print(sign.row(self.others["sign"]))

        # Half the bare view's peak, unless signing cannot reach even that: then half its own
        # peak, so that the latency figure still describes a server below saturation.
        wanted = bare.rate * TARGET_RATIO
        reachable = wanted <= sign.rate
        rate = wanted if reachable else sign.rate * TARGET_RATIO
        seconds = options.open_seconds
        paced_outcome = self.phase("sign", "paced", seconds, letter.slug, rate=rate)
        paced = figures(
            f"sign at {rate:.0f}/s ({'½ bare' if reachable else '½ sign'} peak), "
            f"open loop, {seconds:g} s",
            seconds,
            paced_outcome.samples,
        )
        print(paced.row(self.others["paced"]))

        waited = time.time()
        drained = self.drain()
        waited = time.time() - waited
        stop_watching.set()
        confirmations: Confirmations = results.get()
        self.watcher.join()
        for tag, name in (("sign", "closed loop"), ("paced", "open loop")):
            start, seconds = self.windows[tag]
            window = [
                (end - start, ms, status)
                for end, ms, status in confirmations.samples
                if start <= end <= start + seconds
            ]
            print(figures(f"  confirmation links opened, {name}", seconds, window).row())
        print(self.kill_report)
        print(self.delays(confirmations, waited if drained else None))
        print(
            f"sign answers {statuses(sign_outcome, paced_outcome)}, confirm answers "
            f"{dict(sorted(Counter(s[2] for s in confirmations.samples).items()))} "
            "(0: no answer; retried)"
        )
        if paced_outcome.late:
            print(f"open loop: {paced_outcome.late} requests dropped, due over {TIMEOUT:g} s ago")
        print(self.cpu_report)
        wrong = self.verify(letter, confirmations, drained)
        self.report(bare, write, sign, paced, reachable, wanted, wrong)
        return not any(wrong.values())

    def phase(
        self, kind: str, tag: str, seconds: float, slug: str, rate: float = 0.0, kill_at=None
    ) -> Outcome:
        options = self.options
        start_at = time.time() + 0.5
        self.windows[tag] = (start_at - self.origin, seconds)
        threads = max(1, options.clients // options.processes)
        if rate:
            # Enough threads that the clients never hold the schedule back.
            threads = max(threads, int(rate / options.processes * 0.5) + 8)
        jobs = [
            Job(kind, self.port, slug, tag, n, threads, start_at, seconds, rate / options.processes)
            for n in range(options.processes)
        ]
        with multiprocessing.get_context("fork").Pool(options.processes) as pool:
            pending = pool.map_async(run_job, jobs)
            time.sleep(max(0.0, start_at - time.time()))
            cpu = self.cpu()
            if kill_at is not None:
                time.sleep(max(0.0, start_at + kill_at - time.time()))
                self.kill_a_worker(start_at)
            time.sleep(max(0.0, start_at + seconds - time.time()))
            used = {name: value - cpu[name] for name, value in self.cpu().items()}
            outcomes = pending.get()
        merged = Outcome()
        for outcome in outcomes:
            merged.samples += outcome.samples
            merged.acknowledged += [
                (address, start_at - self.origin + when) for address, when in outcome.acknowledged
            ]
            merged.refused += outcome.refused
            merged.late += outcome.late
            merged.cpu += outcome.cpu
        self.acknowledged += merged.acknowledged
        self.refused += merged.refused
        ours = sum(value for name, value in used.items() if name != "machine") + merged.cpu
        self.others[tag] = max(0.0, used["machine"] - ours) / seconds
        if tag == "sign":
            self.cpu_report = cpu_report(used, merged, seconds)
        return merged

    def cpu(self) -> dict[str, float]:
        return {
            "machine": machine_cpu_seconds(),
            "gunicorn": cpu_seconds({self.serve.pid, *children(self.serve.pid)}),
            "PostgreSQL": cpu_seconds(postgres_pids()),
            "task worker": cpu_seconds({worker.pid for worker in self.task_workers}),
            "mail watcher": cpu_seconds({self.watcher.pid}),
        }

    def kill_a_worker(self, start_at: float) -> None:
        before = children(self.serve.pid)
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        killed_at = time.time()
        replacement: set[int] = set()
        while time.time() - killed_at < 30 and not replacement:
            time.sleep(0.01)
            replacement = children(self.serve.pid) - before
        self.kill_report = (
            f"SIGKILL to gunicorn worker {victim} at {killed_at - start_at:.1f} s; "
            + (
                f"gunicorn forked worker {min(replacement)} {time.time() - killed_at:.2f} s later"
                if replacement
                else "no new worker within 30 s"
            )
        )

    def delays(self, confirmations: Confirmations, waited: float | None) -> str:
        """How long a signer waits for their signature to count: from the API's answer to
        the confirmation link's, through the queue, the worker and the email."""
        opened: dict[str, float] = {}
        for address, when in confirmations.confirmed:
            opened.setdefault(address, when)
        delays = [
            (opened[address] - when) * 1000
            for address, when in self.acknowledged
            if address in opened and opened[address] >= when
        ]
        return (
            f"from the 202 to the opened link (queue, worker, email): p50 "
            f"{percentile(delays, 0.5):.0f} ms, p99 {percentile(delays, 0.99):.0f} ms; "
            + (
                f"the queue drained {waited:.1f} s after the last request"
                if waited is not None
                else "the queue had NOT drained 120 s after the last request"
            )
        )

    def drain(self) -> bool:
        """Wait until the worker has sent every queued email (at most two minutes)."""
        from django.db import connection
        from django_tasks_db.models import DBTaskResult

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
                connection.close()
                return True
            time.sleep(0.5)
        connection.close()
        return False

    def postgres_version(self) -> str:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        connection.close()
        return f"PostgreSQL {version.split()[0]}"

    def verify(self, letter: Any, confirmations: Confirmations, drained: bool) -> dict[str, int]:
        """What the database holds, against what the clients were told."""
        from django.db import connection
        from django.db.models import Count
        from django.db.models.functions import Lower
        from django_tasks_db.models import DBTaskResult

        from corredor.signons.models import Signature

        stored = Counter(
            dict(
                Signature.objects.filter(letter=letter)
                .annotate(address=Lower("email"))
                .values("address")
                .annotate(rows=Count("id"))
                .values_list("address", "rows")
            )
        )
        confirmed = set(
            Signature.objects.filter(letter=letter, confirmed_at__isnull=False).values_list(
                Lower("email"), flat=True
            )
        )
        tasks = Counter(DBTaskResult.objects.values_list("status", flat=True))
        connection.close()

        acknowledged = {address for address, _when in self.acknowledged}
        once = sum(1 for address in acknowledged if stored[address] == 1)
        lost = sum(1 for address in acknowledged if stored[address] == 0)
        duplicates = sum(rows - 1 for rows in stored.values() if rows > 1)
        unanswered = sum(1 for address in self.refused if stored[address])
        no_email = sum(1 for address in acknowledged if not confirmations.emails[address])
        print()
        print(f"In the database, after the queue {'drained' if drained else 'did NOT drain'}:")
        print(f"  acknowledged with 2xx                      {len(acknowledged):>8}")
        print(f"  stored exactly once                        {once:>8}")
        print(f"  acknowledged but not stored (lost)         {lost:>8}")
        print(f"  rows beyond one per address (duplicates)   {duplicates:>8}")
        print(
            f"  never acknowledged, yet stored             {unanswered:>8}"
            "  (answer lost and retries spent: allowed)"
        )
        print(f"  acknowledged, no email with a link         {no_email:>8}")
        print(f"  acknowledged and confirmed by their link   {len(acknowledged & confirmed):>8}")
        print(f"  email tasks by status                      {dict(tasks)}")
        return {"lost": lost, "duplicates": duplicates}

    def report(
        self,
        bare: Figures,
        write: Figures,
        sign: Figures,
        paced: Figures,
        reachable: bool,
        wanted: float,
        wrong: dict[str, int],
    ) -> None:
        ratio = sign.rate / bare.rate
        rows = [
            (
                "signatures/s ÷ bare view requests/s",
                f"{sign.rate:.1f} ÷ {bare.rate:.1f} = {ratio:.2f}",
                f">= {TARGET_RATIO}",
                ratio >= TARGET_RATIO,
            ),
            (
                f"sign p99 at ½ the bare peak, {wanted:.0f}/s",
                f"{paced.p99:.0f} ms" if reachable else "rate not reachable",
                f"< {TARGET_P99_MS:.0f} ms",
                reachable and paced.p99 < TARGET_P99_MS,
            ),
            ("signatures lost", str(wrong["lost"]), "0", not wrong["lost"]),
            ("duplicates", str(wrong["duplicates"]), "0", not wrong["duplicates"]),
        ]
        print()
        print(f"{'target':<44}{'measured':>28}{'target':>12}{'':>6}")
        for name, measured, target, met in rows:
            print(f"{name:<44}{measured:>28}{target:>12}{'PASS' if met else 'MISS':>6}")
        if not reachable:
            print(
                f"Signing peaked at {sign.rate:.0f}/s, below {wanted:.0f}/s: the p99 above is "
                f"missed by construction; at {paced.rate:.0f}/s (half the signing peak) it was "
                f"{paced.p99:.0f} ms."
            )
        print(
            f"For scale: the one-row write view reached {write.rate:.0f}/s "
            f"({write.rate / bare.rate:.2f} of the bare view's rate). A signature is two "
            "requests (sign, open the link) and an email, and each request costs at least a "
            "bare view's, so signing cannot pass 0.5 of that rate even if all else were free."
        )
        if any(wrong.values()):
            print("A signature was lost or stored twice.")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="signing phase (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--task-workers", type=int, default=1, help="`corredor worker`s")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--processes", type=int, default=2, help="client processes (default 2)")
    parser.add_argument("--bare-seconds", type=float, default=15, help="bare phase (default 15)")
    parser.add_argument("--open-seconds", type=float, default=20, help="paced phase (default 20)")
    parser.add_argument("--quick", action="store_true", help="a 5-second smoke run")
    options = parser.parse_args()
    if options.workers < 2:
        parser.error("--workers must be 2 or more: one of them is killed during the run")
    if options.quick:
        options.seconds = options.bare_seconds = options.open_seconds = 5
    return options


def main() -> None:
    bench = Bench(parse_arguments())
    passed = False
    try:
        passed = bench.run()
    finally:
        for process in reversed(bench.processes):
            stop(process)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        admin(bench.server_url, f'DROP DATABASE IF EXISTS "{bench.database}" WITH (FORCE)')
        shutil.rmtree(bench.work, ignore_errors=True)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
