#!/usr/bin/env bash
# Nightly backup: a PostgreSQL custom-format dump and the attachments, in one dated folder; keeps 14 days.
# Restore: pg_restore --clean --if-exists -d "$DATABASE_URL" db.dump; rsync -a media/ "$SC389_DATA_DIR/media/"
set -euo pipefail
target="${1:?backup folder}/$(date +%Y-%m-%d_%H%M)"
mkdir -p "$target"
pg_dump --format=custom --no-owner --file "$target/db.dump" "$DATABASE_URL"
rsync -a "$SC389_DATA_DIR/media/" "$target/media/"
/opt/sc389/.venv/bin/sc389 verify_audit > "$target/audit-head.txt" 2>&1 || true
find "$(dirname "$target")" -mindepth 1 -maxdepth 1 -type d -mtime +14 -exec rm -rf {} +
