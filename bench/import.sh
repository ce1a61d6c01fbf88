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
work=$(mktemp -d /tmp/unionhub-bench.XXXXXX)
trap 'tests/mariadb/stop.sh "$db"; rm -rf "$db" "$work"' EXIT
tests/mariadb/start.sh "$db" >/dev/null
rows=${ROWS:-100000}
mysql=$(cat "$db/url")
echo "rows=$rows"
out=$work/figures
for phase in import raw; do
  build/bench/import_bench --phase=$phase --rows="$rows" \
    --db="sqlite://$work/$phase.db" | tee -a "$out"
  build/bench/import_bench --phase=$phase --rows="$rows" \
    --db="${mysql}bench_$phase" | tee -a "$out"
done
awk -F= '/^import_sqlite_rows_per_s/ {i=$2} /^raw_sqlite_rows_per_s/ {r=$2}
  END {printf "import_vs_raw_sqlite=%.2f\n", i/r}' "$out"
