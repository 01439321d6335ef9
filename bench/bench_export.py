"""Exporting 100,000 cases of the case list as CSV and XLSX: rows per second and the process's peak memory.

    .venv/bin/python bench/bench_export.py                 # var/bench.sqlite3 (bench/datagen.py makes it)
    .venv/bin/python bench/bench_export.py --rows 1000000  # the whole register
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc389_bench .venv/bin/python bench/bench_export.py

Each format runs in a fresh process through the real URL (Django's test client, in-process: routing, session auth,
filter form, scope, audit row, the streamed body read to its end and dropped), as the national administrator,
with `date_from` set so that the list holds about `--rows` cases. Memory: the process's own memory (RssAnon) just
before and at its peak during the export (sampled every 10 ms), so the difference is what the export cost; and the
kernel's max RSS, which on SQLite also counts the database file mapped into the process (PRAGMA mmap_size).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time

from common import machine, setup_django, vendor

os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SC389_OTP_REQUIRED", "false")  # the bench user signs in without a device


def _cpu_s() -> float:
    """CPU seconds of this process (with the database work SQLite does in it): the cost on a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _anon_mb() -> float:
    """The process's own memory (heap), without the database file SQLite maps into it (mmap_size)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        kib = next(int(line.split()[1]) for line in fh if line.startswith("RssAnon:"))
    return kib / 1024


class AnonPeak(threading.Thread):
    """Samples RssAnon every 10 ms; the kernel keeps a peak of the whole RSS only (VmHWM), mapped file included."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _anon_mb()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.01):
            self.peak = max(self.peak, _anon_mb())

    def stop(self) -> float:
        self.done.set()
        self.join()
        return max(self.peak, _anon_mb())


def one(fmt: str, rows: int) -> dict:
    """Export about `rows` cases in `fmt` in this process; the figures as a dict."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from sc389.cases.models import Case

    user = get_user_model().objects.get(username="bench_admin")
    live = Case.objects.filter(merged_into__isnull=True)
    # the day from which the list holds `rows` cases (newest first): a filter a person could type
    since = live.order_by("-detected_on", "-id").values_list("detected_on", flat=True)[rows - 1]
    client = Client()
    client.force_login(user)
    # warm-up: the first request of a process imports every URL module (seconds); a list of nothing skips that
    client.get(f"/cases/export/{fmt}/", {"date_from": "2100-01-01"}).close()
    anon_before = _anon_mb()
    sampler = AnonPeak()
    sampler.start()
    cpu_start = _cpu_s()
    start = time.perf_counter()
    response = client.get(f"/cases/export/{fmt}/", {"date_from": since.isoformat()})
    first = time.perf_counter()
    assert response.status_code == 200, response.status_code
    size = 0
    lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        if fmt == "csv":
            lines += chunk.count(b"\n")
    response.close()
    elapsed = time.perf_counter() - start
    cpu = _cpu_s() - cpu_start
    anon_peak = sampler.stop()
    from sc389.core.models import AuditEvent

    exported = AuditEvent.objects.filter(verb="case.list_exported", actor=user).latest("id").data["rows"]
    if fmt == "csv":
        assert lines - 1 == exported, (
            lines,
            exported,
        )  # the header, then one line a case (no newline inside)
    return {
        "format": fmt,
        "rows": exported,
        "seconds": round(elapsed, 2),
        "first_byte_s": round(first - start, 2),
        "rows_per_s": round(exported / elapsed),
        "cpu_s": round(cpu, 2),
        "rows_per_cpu_s": round(exported / cpu),
        "mb": round(size / 2**20, 1),
        "anon_before_mb": round(anon_before),
        "anon_peak_mb": round(anon_peak),
        "peak_rss_mb": round(_peak_rss_mb()),
        "cases": Case.objects.count(),
        "vendor": vendor(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--one", choices=("csv", "xlsx"))
    parser.add_argument("--formats", default="csv,xlsx")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.rows)))
        return
    results = []
    for fmt in args.formats.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--one", fmt, "--rows", str(args.rows)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    first = results[0]
    print(
        f"# case list export, {first['rows']:,} of {first['cases']:,} cases on {first['vendor']} — {machine()}"
    )
    print(
        "| format | rows | s | first byte s | rows/s | CPU s | rows/CPU s | file MB | heap before MB "
        "| heap peak MB | max RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['format']} | {r['rows']:,} | {r['seconds']} | {r['first_byte_s']} | {r['rows_per_s']:,} "
            f"| {r['cpu_s']} | {r['rows_per_cpu_s']:,} | {r['mb']} | {r['anon_before_mb']} "
            f"| {r['anon_peak_mb']} | {r['peak_rss_mb']} |"
        )
    print("heap: RssAnon (the process's own memory); max RSS also counts the database pages SQLite maps in.")


if __name__ == "__main__":
    main()
