#!/usr/bin/env bash
# Democracy votes benchmark: builds what it needs, starts a throwaway MariaDB,
# membership (SQLite) and two democracy processes (one on SQLite, one on
# MariaDB) on loopback, seats a congress of 500 representatives in session
# with a vote open (not timed), and measures votes per second through
# democracy (CastVote with a request_id each, as the gateway would call it) at
# 1 and 16 concurrent clients, and the time to close the vote and count it,
# beside a raw loop inserting the same ballot rows (one transaction each);
# then stops everything it started.
# Target: democracy_votes_vs_raw_mariadb >= 0.3 at 16 clients (last line).
set -euo pipefail
cd "$(dirname "$0")/.."
./unionhub deps >/dev/null
./unionhub build >/dev/null
ninja -C build democracy_bench >/dev/null

. bench/common.sh
start_mariadb
dev_keys
start_membership

declare -A democracy
for backend in sqlite mariadb; do
  port=$(free_port)
  url="sqlite://$work/democracy.db"
  [ "$backend" = mariadb ] && url="${mysql}bench_democracy"
  build/services/democracy/democracy --listen="127.0.0.1:$port" --metrics_listen=none \
    --database_url="$url" --membership_address="127.0.0.1:$mport" \
    --principal_public_keys_file="$work/principal_public_keys" \
    2>"$work/democracy-$backend.log" &
  pids+=($!)
  await_log "$work/democracy-$backend.log" "democracy listening"
  democracy[$backend]=127.0.0.1:$port
done

representatives=${REPRESENTATIVES:-500}
out=$work/figures
first=1
echo "representatives=$representatives per point; 2 cores shared by the clients, democracy, membership and the database"
for backend in sqlite mariadb; do
  raw_url="sqlite://$work/raw.db"
  [ "$backend" = mariadb ] && raw_url="${mysql}bench_raw"
  for clients in 1 16; do
    build/bench/democracy_bench --phase=service --backend=$backend --clients=$clients \
      --representatives="$representatives" --democracy="${democracy[$backend]}" \
      --membership="127.0.0.1:$mport" --gateway_key_file="$work/gateway.key" \
      --root_path="$root_path" --first_member=$first | tee -a "$out"
    first=$((first + representatives))
    build/bench/democracy_bench --phase=raw --backend=$backend --clients=$clients \
      --representatives="$representatives" --db="$raw_url" | tee -a "$out"
  done
done
awk -F= '/^democracy_votes_mariadb_c16_per_s/ {s=$2} /^raw_votes_mariadb_c16_per_s/ {r=$2}
  END {printf "democracy_votes_vs_raw_mariadb=%.2f\n", s/r}' "$out"
