#!/usr/bin/env bash
# Load test against gunicorn + PostgreSQL on this machine (docs/benchmarks.md, "Load (issue 6)").
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python bench/load/run.py "$@"
