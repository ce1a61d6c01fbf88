#!/usr/bin/env bash
# Welfare payments benchmark: builds what it needs, starts a throwaway MariaDB,
# membership (SQLite) and two welfare processes (one on SQLite, one on
# MariaDB) on loopback, and measures payments per second through welfare
# (PayAidApplication with a request_id each, as the gateway would call it) at 1
# and 16 concurrent clients, beside a raw loop inserting the same payment rows
# (one transaction each) in the same run; then stops everything it started.
# Target: welfare_payments_vs_raw_mariadb >= 0.3 at 16 clients (last line).
set -euo pipefail
cd "$(dirname "$0")/.."
./unionhub deps >/dev/null
./unionhub build >/dev/null
ninja -C build welfare_bench >/dev/null

work=$(mktemp -d /tmp/unionhub-bench-welfare.XXXXXX)
db=$work/mariadb
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  tests/mariadb/stop.sh "$db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_log() {
  for _ in $(seq 1 300); do
    grep -q "\"msg\":\"$2\"" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no '$2' in $1" >&2; cat "$1" >&2; exit 1
}

tests/mariadb/start.sh "$db" >/dev/null
mysql=$(cat "$db/url")
head -c 32 /dev/urandom | base64 >"$work/gateway.key"
build/libs/auth/mint-principal --signing_key_file="$work/gateway.key" \
  --print_public_key >"$work/principal_public_keys"
head -c 32 /dev/urandom | base64 >"$work/data.key"
mport=$(free_port)
build/services/membership/membership --listen="127.0.0.1:$mport" \
  --metrics_listen=none --database_url="sqlite://$work/membership.db" --load_demo=false \
  --principal_public_keys_file="$work/principal_public_keys" \
  --data_key_file="$work/data.key" 2>"$work/membership.log" &
pids+=($!)
await_log "$work/membership.log" "membership listening"
root_path=$(grep -o '"root_organisation_path":"[^"]*"' "$work/membership.log" |
  head -1 | cut -d'"' -f4)

declare -A welfare
for backend in sqlite mariadb; do
  port=$(free_port)
  url="sqlite://$work/welfare.db"
  [ "$backend" = mariadb ] && url="${mysql}bench_welfare"
  build/services/welfare/welfare --listen="127.0.0.1:$port" --metrics_listen=none \
    --database_url="$url" --membership_address="127.0.0.1:$mport" \
    --principal_public_keys_file="$work/principal_public_keys" \
    --data_key_file="$work/data.key" 2>"$work/welfare-$backend.log" &
  pids+=($!)
  await_log "$work/welfare-$backend.log" "welfare listening"
  welfare[$backend]=127.0.0.1:$port
done

payments=${PAYMENTS:-2000}
out=$work/figures
first=1
echo "payments=$payments per point; 2 cores shared by the clients, welfare, membership and the database"
for backend in sqlite mariadb; do
  raw_url="sqlite://$work/raw.db"
  [ "$backend" = mariadb ] && raw_url="${mysql}bench_raw"
  for clients in 1 16; do
    build/bench/welfare_bench --phase=service --backend=$backend --clients=$clients \
      --payments="$payments" --welfare="${welfare[$backend]}" \
      --membership="127.0.0.1:$mport" --gateway_key_file="$work/gateway.key" \
      --root_path="$root_path" --first_member=$first | tee -a "$out"
    first=$((first + payments))
    build/bench/welfare_bench --phase=raw --backend=$backend --clients=$clients \
      --payments="$payments" --db="$raw_url" | tee -a "$out"
  done
done
awk -F= '/^welfare_payments_mariadb_c16_per_s/ {s=$2} /^raw_payments_mariadb_c16_per_s/ {r=$2}
  END {printf "welfare_payments_vs_raw_mariadb=%.2f\n", s/r}' "$out"
