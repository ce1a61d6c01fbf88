#!/usr/bin/env bash
# Reporting benchmark: a federation of 1,000,000 members in about 3,000 unions
# four levels deep, with aid payments, congress sessions, representatives and
# proposals, written as the services write them (records and outbox events,
# SQLite, not timed); then the read model catching up from the three feeds
# (events applied per second), and figures for the root and for a school
# (p50/p99) beside a naive computation of the same figures from the records,
# which they must equal. Everything in-process on 2 cores.
# Target: reporting_read_vs_naive <= 0.01 (last line): reads at least 100 times
# faster than counting the records.
set -euo pipefail
cd "$(dirname "$0")/.."
./unionhub deps >/dev/null
./unionhub build >/dev/null
ninja -C build reporting_bench >/dev/null

. bench/common.sh
build/bench/reporting_bench --work_dir="$work" "$@"
