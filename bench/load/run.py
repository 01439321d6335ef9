"""Load test driver (issue 6): PostgreSQL `sc389_load` with the demo seed, gunicorn on 127.0.0.1, locust in steps.

    bench/load/run.sh                                  # steps 5 10 20 40 users, 60 s each
    bench/load/run.sh --steps 5 10 --seconds 30 --workers 5 --fresh

For each step it prints requests per second, p50 and p95 of the pages (every request but the logins, measured
after the ramp-up), p95 with the logins, failures (HTTP errors and errors in the scenario) and the slowest
endpoints at p95, then stops gunicorn. Traffic goes to 127.0.0.1 only. The database is created and seeded once; --fresh drops
it first. Results go to var/load/ (locust CSV files per step).
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
OUT = ROOT / "var" / "load"
DB = "sc389_load"

USERS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.db.models import Count
from sc389.cases.models import Case
from sc389.org.models import Membership
officers = []
for m in (Membership.objects.filter(user__username__startswith="canbo.", unit__isnull=False, role="officer")
          .select_related("user", "unit").order_by("user__username")):
    cases = list(Case.objects.filter(lead_unit=m.unit).order_by("-detected_on").values("id", "place_id")[:30])
    if len(cases) >= 5:
        officers.append({"username": m.user.username, "unit_id": m.unit_id, "place_id": cases[0]["place_id"],
                         "case_ids": [c["id"] for c in cases]})
leaders = sorted({m.user.username for m in Membership.objects.filter(user__username__startswith="lanhdao.")})
print(json.dumps({"officers": officers, "leaders": leaders}))
"""


def _env(args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SC389_", "DJANGO_"))}
    env |= {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DJANGO_SETTINGS_MODULE": "sc389.settings.base",
        "SC389_DATA_DIR": str(OUT / "data"),
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SC389_BIND": f"127.0.0.1:{args.port}",
        "SC389_WORKERS": str(args.workers),
        "LOG_LEVEL": "WARNING",
    }
    return env


def _sc389(env: dict, *args: str) -> str:
    result = subprocess.run([VENV / "sc389", *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"sc389 {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql],
        check=True,
        capture_output=True,
    )


def prepare(env: dict, *, fresh: bool) -> Path:
    if fresh:
        _psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{DB}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        _psql(f'CREATE DATABASE "{DB}"')
    t = time.monotonic()
    _sc389(env, "migrate", "--noinput", "-v", "0")
    _sc389(env, "seed_demo")
    print(f"database {DB} migrated and seeded in {time.monotonic() - t:.0f} s", flush=True)
    users = json.loads(_sc389(env, "shell", "--no-imports", "-c", USERS_SCRIPT).strip().splitlines()[-1])
    path = OUT / "users.json"
    path.write_text(json.dumps(users, ensure_ascii=False), encoding="utf-8")
    print(f"{len(users['officers'])} officers, {len(users['leaders'])} leaders", flush=True)
    return path


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    with open(OUT / "gunicorn.log", "w") as log:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [VENV / "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "sc389.wsgi:application"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    sys.exit("gunicorn did not answer /health/ within 60 s (see var/load/gunicorn.log)")


def run_step(env: dict, users_file: Path, *, users: int, seconds: int, port: int) -> dict:
    prefix = OUT / f"step_{users:03d}"
    subprocess.run(
        [
            VENV / "locust",
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--reset-stats",  # measure from the end of the ramp-up: logins (Argon2, slow by design) are not counted
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
        ],
        env={**env, "SC389_LOAD_USERS": str(users_file), "SC389_LOAD_PAGES": f"{prefix}_pages.json"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    endpoints = sorted(
        (r for r in rows if r["Name"] != "Aggregated" and int(r["Request Count"])),
        key=lambda r: -float(r["95%"]),
    )
    with open(f"{prefix}_exceptions.csv", encoding="utf-8") as fh:
        crashes = sum(int(r["Count"]) for r in csv.DictReader(fh))  # errors in the scenario count as failures
    pages = json.loads(Path(f"{prefix}_pages.json").read_text(encoding="utf-8"))
    return {
        "pages": pages,
        "users": users,
        "requests": int(total["Request Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "failures": int(total["Failure Count"]) + crashes,
        "slowest": [(r["Name"], float(r["95%"])) for r in endpoints[:3]],
    }


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


def cpu_seconds(gunicorn: subprocess.Popen) -> dict[str, float]:
    """CPU time used so far by the gunicorn workers and by the PostgreSQL backends serving sc389_load."""
    backends = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT pid FROM pg_stat_activity WHERE datname = '{DB}'",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    return {
        "gunicorn": sum(_cpu(pid) for pid in [gunicorn.pid, *_children(gunicorn.pid)]),
        "postgres": sum(_cpu(int(pid)) for pid in backends),
    }


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8389)
    parser.add_argument("--fresh", action="store_true", help="drop and seed the database again")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    env = _env(args)
    users_file = prepare(env, fresh=args.fresh)
    gunicorn = start_gunicorn(env, args.port)
    results = []
    try:
        print(f"gunicorn: {args.workers} sync workers; load average before: {load_average()}", flush=True)
        print(
            "| users | requests | req/s | p50 ms | p95 ms | p95 ms with logins | failures | CPU s gunicorn / postgres "
            "| load avg | slowest at p95 (ms) |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
        for users in args.steps:
            before = cpu_seconds(gunicorn)
            r = run_step(env, users_file, users=users, seconds=args.seconds, port=args.port)
            after = cpu_seconds(gunicorn)
            # backends that ended during the step take their CPU time with them: postgres is a lower bound
            r["cpu"] = {k: round(max(0.0, after[k] - before[k]), 1) for k in after}
            slowest = "; ".join(f"{name} {p95:.0f}" for name, p95 in r["slowest"])
            print(
                f"| {users} | {r['requests']} | {r['rps']:.1f} | {r['pages']['p50']:.0f} | {r['pages']['p95']:.0f} "
                f"| {r['p95']:.0f} | {r['failures']} | {r['cpu']['gunicorn']} / {r['cpu']['postgres']} "
                f"| {load_average()} | {slowest} |",
                flush=True,
            )
            results.append(r)
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=60)
    held = [r for r in results if r["pages"]["p95"] < 300 and r["failures"] == 0]
    best = max(held, key=lambda r: r["users"]) if held else None
    print(
        f"highest load held (p95 < 300 ms, no failures): {best['users']} users, {best['rps']:.1f} req/s"
        if best
        else "no step held p95 < 300 ms with no failures"
    )
    (OUT / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
