# What the service benchmark scripts share (sourced from the repository root):
# a work directory and the processes started, all stopped on exit; free
# ports; waiting for a service's log line; development keys; a throwaway
# MariaDB; membership on SQLite.
work=$(mktemp -d "/tmp/unionhub-bench-$(basename "$0" .sh).XXXXXX")
pids=()
db=""
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "$db" ] || tests/mariadb/stop.sh "$db" >/dev/null 2>&1 || true
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

# gateway.key (signs principals), principal_public_keys, data.key in $work.
dev_keys() {
  head -c 32 /dev/urandom | base64 >"$work/gateway.key"
  build/libs/auth/mint-principal --signing_key_file="$work/gateway.key" \
    --print_public_key >"$work/principal_public_keys"
  head -c 32 /dev/urandom | base64 >"$work/data.key"
}

# A throwaway MariaDB; its URL (without a database) in $mysql.
start_mariadb() {
  db=$work/mariadb
  tests/mariadb/start.sh "$db" >/dev/null
  mysql=$(cat "$db/url")
}

# Membership on SQLite without demo data: its port in $mport, the root
# organisation's path in $root_path.
start_membership() {
  mport=$(free_port)
  build/services/membership/membership --listen="127.0.0.1:$mport" \
    --metrics_listen=none --database_url="sqlite://$work/membership.db" --load_demo=false \
    --principal_public_keys_file="$work/principal_public_keys" \
    --data_key_file="$work/data.key" 2>"$work/membership.log" &
  pids+=($!)
  await_log "$work/membership.log" "membership listening"
  root_path=$(grep -o '"root_organisation_path":"[^"]*"' "$work/membership.log" |
    head -1 | cut -d'"' -f4)
}
