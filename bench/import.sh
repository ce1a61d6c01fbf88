#!/usr/bin/env bash
# Roster import benchmark: builds what it needs, starts a throwaway MariaDB on
# loopback, imports a generated 100,000-member roster through the ImportMembers RPC on
# SQLite and on MariaDB beside a raw prepared-INSERT loop, then stops the server.
# Last line: import_vs_raw_sqlite=<ratio> (target >= 0.5; peak RSS target < 200 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
./unionhub deps >/dev/null
./unionhub build >/dev/null
ninja -C build import_bench >/dev/null
db=$(mktemp -d /tmp/unionhub-bench-mariadb.XXXXXX)
trap 'tests/mariadb/stop.sh "$db"; rm -rf "$db"' EXIT
tests/mariadb/start.sh "$db" >/dev/null
build/bench/import_bench --rows="${ROWS:-100000}" --mysql_url="$(cat "$db/url")"
