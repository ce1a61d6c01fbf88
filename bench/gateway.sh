#!/usr/bin/env bash
# Gateway benchmark: builds what it needs, starts membership, our gateway and
# nginx (grpc_pass, the reference proxy) on loopback, and measures unary calls
# (GetOrganisation) per second with p50/p99 latency at several concurrencies:
#   direct   straight to membership, with a test principal
#   gateway  through our gateway, with an API key
#   nginx    through nginx grpc_pass to membership, with the test principal
#   connect  Connect/JSON over HTTP/1.1 through our gateway
# then stops everything it started. Targets: gateway >= 0.7x direct and >= nginx
# in throughput, p99 added <= 1 ms at 16 concurrent calls, connect >= 0.4x
# gateway. Last line: gateway_vs_direct=<ratio> (at 16 concurrent calls).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
./unionhub deps >/dev/null
command -v nginx >/dev/null || {
  apt-get install -y -q nginx-light >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && apt-get install -y -q nginx-light >/dev/null; }
}
./unionhub build >/dev/null
ninja -C build gateway_bench >/dev/null

. bench/common.sh

dev_keys
printf 'uhk_%s_%s\n' "$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" >"$work/bootstrap.key"
key=$(cat "$work/bootstrap.key")
mport=$(free_port); gport=$(free_port); hport=$(free_port); nport=$(free_port)

build/services/membership/membership --listen="127.0.0.1:$mport" \
  --metrics_listen=none --database_url="sqlite://$work/membership.db" --load_demo=false \
  --principal_public_keys_file="$work/principal_public_keys" \
  --data_key_file="$work/data.key" \
  2>"$work/membership.log" &
pids+=($!)
await_log "$work/membership.log" "membership listening"
build/gateway/gateway --listen="127.0.0.1:$gport" --http_listen="127.0.0.1:$hport" \
  --database_url="sqlite://$work/gateway.db" --rate_limit_per_second=0 \
  --signing_key_file="$work/gateway.key" \
  --bootstrap_key_file="$work/bootstrap.key" --backends="membership=127.0.0.1:$mport" \
  >/dev/null 2>"$work/gateway.log" &
pids+=($!)
await_log "$work/gateway.log" "gateway listening"

mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  upstream membership { server 127.0.0.1:$mport; keepalive 64; }
  server {
    listen 127.0.0.1:$nport http2;
    location / { grpc_pass grpc://membership; }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
sleep 0.5

who=$(curl -sS -X POST -H 'content-type: application/json' \
  -H "authorization: Bearer $key" -d '{}' \
  "http://127.0.0.1:$hport/unionhub.gateway.v1.AuthService/WhoAmI")
root_id=$(echo "$who" | sed 's/.*"organisationId":"\([^"]*\)".*/\1/')
root_path=$(echo "$who" | sed 's/.*"organisationPath":"\([^"]*\)".*/\1/')
principal=$(build/libs/auth/mint-principal --organisation_path="$root_path" \
  --role=federation_admin --ttl_minutes=60 --signing_key_file="$work/gateway.key")
request="{\"id\":\"$root_id\"}"
seconds=${SECONDS_PER_POINT:-3}
out=$work/figures
bench() {
  build/bench/gateway_bench --seconds="$seconds" --request="$request" "$@" | tee -a "$out"
}
echo "2 cores shared by the load generator, the proxy and membership; $seconds s per point"
for c in 1 4 16 64; do
  bench --label=direct --concurrency=$c --target="127.0.0.1:$mport" --header="$principal"
  bench --label=gateway --concurrency=$c --target="127.0.0.1:$gport" \
    --header="authorization: Bearer $key"
  bench --label=nginx --concurrency=$c --target="127.0.0.1:$nport" --header="$principal"
  bench --label=connect --protocol=connect --concurrency=$c --target="127.0.0.1:$hport" \
    --header="authorization: Bearer $key"
done
awk '$2 == "concurrency=16" {
       split($3, t, "="); split($5, p, "=");
       rate[$1] = t[2]; p99[$1] = p[2] }
     END {
       printf "p99_added_ms_at_16=%.3f\n", p99["gateway"] - p99["direct"]
       printf "gateway_vs_nginx=%.2f\n", rate["gateway"] / rate["nginx"]
       printf "connect_vs_gateway=%.2f\n", rate["connect"] / rate["gateway"]
       printf "gateway_vs_direct=%.2f\n", rate["gateway"] / rate["direct"]
     }' "$out"
