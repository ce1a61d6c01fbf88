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

. bench/common.sh
start_mariadb
dev_keys
start_membership

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
