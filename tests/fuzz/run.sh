#!/usr/bin/env bash
# Runs one libFuzzer target for UNIONHUB_FUZZ_SECONDS (default 20) over its seed
# corpus (read, never written) and what earlier runs of this build found (kept
# in WORK). Longer, on demand:
#   UNIONHUB_FUZZ_SECONDS=3600 ctest --test-dir build-asan -R _fuzz -V
# A finding is saved beside WORK as <target>-crash-<sha1>; to replay it, run
# the target with that file as its argument.
set -euo pipefail
bin=$1 work=$2 seeds=$3
mkdir -p "$work"
exec "$bin" -max_total_time="${UNIONHUB_FUZZ_SECONDS:-20}" -timeout=10 \
  -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$work-" "$work" "$seeds"
