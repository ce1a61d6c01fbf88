#!/usr/bin/env bash
# The dev overlay runs: builds the runtime image from this build
# (deploy/docker/rootfs.sh), makes the Secrets (make-secrets.sh --sqlite),
# renders deploy/k8s/overlays/dev, starts it with `podman kube play` (through
# podman_play.mjs, which says what it changes for podman), and checks from the
# host that the gateway answers a gRPC call and a Connect/JSON call with the
# bootstrap key, reaching membership, welfare, democracy and reporting (the
# demo data caught up). Prints the image size, the start-up time from kube
# play to serving, and each service's memory idle and after a burst of calls;
# then `podman kube down`.
#   deploy/test/podman_test.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/unionhub-podman.XXXXXX)
chmod 755 "$work"  # The pods' user reads the Secrets' items under it.
image=localhost/unionhub:dev

# Seen working on Debian 12's podman 4.3 in this machine's sandbox: no
# default ulimits, runc, cgroupfs.
printf '[containers]\ndefault_ulimits = []\n' >"$work/containers.conf"
export CONTAINERS_CONF=$work/containers.conf
podman() { command podman --runtime runc --cgroup-manager cgroupfs "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
buf=$root/.cache/buf/node_modules/.bin/buf
[ -x "$buf" ] || buf=$root/dashboard/node_modules/.bin/buf

# podman kube down, again if it fails (under this sandbox, removing a
# container's shm mount is sometimes "busy" for a moment); then the volumes.
# True when no pod of ours is left.
down() {
  for _ in 1 2 3; do
    podman kube down "$work/play.yaml" >"$work/down.log" 2>&1 && break
    sleep 2
  done
  podman pod rm -f gateway membership welfare democracy reporting >/dev/null 2>&1 || true
  for v in gateway membership welfare democracy reporting; do
    podman volume rm -f "$v-data" "$v-tmp" >/dev/null 2>&1 || true
  done
  [ -z "$(podman pod ps -q --filter name='^(gateway|membership|welfare|democracy|reporting)$')" ]
}
played=
cleanup() {
  [ -z "$played" ] || down || true
  podman rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== the image, from Debian packages (mmdebstrap)"
start=$(date +%s)
"$root/deploy/docker/rootfs.sh" "$build" "$work/rootfs.tar" "$image"
size=$(podman image inspect --format '{{.Size}}' "$image")
echo "deploy_image_bytes=$size ($((size / 1000000)) MB; built in $(($(date +%s) - start)) s)"

echo "== the dev overlay, rendered and adapted for podman"
"$root/deploy/k8s/make-secrets.sh" --sqlite >"$work/secrets.yaml"
kubectl kustomize "$root/deploy/k8s/overlays/dev" >"$work/dev.yaml"
grpc_port=$(free_port) http_port=$(free_port)
node "$here/podman_play.mjs" "$work/dev.yaml" "$work/secrets.yaml" "$work" \
  "$grpc_port" "$http_port"
key=$(python3 - "$work/secrets.yaml" <<'EOF'
import base64, re, sys
text = open(sys.argv[1]).read()
print(base64.b64decode(re.search(r'bootstrap-api-key: (\S+)', text)[1]).decode())
EOF
)

echo "== podman kube play"
played=1
start_ms=$(date +%s%3N)
# From the work directory: podman builds an image named like a directory of
# the current one (this repository has ./unionhub) instead of using it.
(cd "$work" && podman kube play play.yaml) >"$work/play.log" 2>&1 || {
  cat "$work/play.log"; podman ps -a; exit 1; }
# Serving: the gateway's readiness (every backend reachable), then the demo
# figures through reporting.
ready=
for _ in $(seq 1 300); do
  if curl -sf "http://127.0.0.1:$http_port/healthz" >/dev/null; then ready=1; break; fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  podman ps -a
  for c in $(podman ps -a --format '{{.Names}}' | grep -v infra); do
    echo "--- $c"; podman logs --tail 20 "$c" 2>&1
  done
  echo "the gateway did not become ready" >&2; exit 1
fi
serving_ms=$(date +%s%3N)
echo "deploy_start_to_serving_ms=$((serving_ms - start_ms))"
# Where the time went: when each service started, from kube play. podman
# starts the pods one after another, each after its init containers (the
# demo loaders: welfare's and democracy's starts show how long they took); a
# cluster starts them together.
for s in membership welfare democracy reporting gateway; do
  started=$(podman inspect --format '{{.State.StartedAt}}' "$s-$s")
  echo "  $s started at $(( $(date -d "${started% UTC}" +%s%3N) - start_ms )) ms"
done

connect() {  # METHOD JSON: a Connect/JSON call; prints the answer.
  curl -sS --max-time 20 -X POST -H 'content-type: application/json' \
    -H "authorization: Bearer $key" -d "$2" \
    "http://127.0.0.1:$http_port/$1"
}
grpc() {  # METHOD JSON: a gRPC call; prints the answer.
  "$buf" curl --schema "$root" --protocol grpc --http2-prior-knowledge \
    --timeout 20s -H "authorization: Bearer $key" -d "$2" \
    "http://127.0.0.1:$grpc_port/$1"
}
year=$(date +%Y)
figures='{"year": '$year', "indicator_codes": ["members.active"]}'
members=
for _ in $(seq 1 120); do
  members=$(connect unionhub.reporting.v1.FigureService/GetFigures "$figures" |
    python3 -c 'import json,sys; f=json.load(sys.stdin)["figures"][0]; print(f.get("subtree",{}).get("value",0))' 2>/dev/null || true)
  [ -n "$members" ] && [ "$members" != 0 ] && break
  sleep 1
done
echo "deploy_start_to_figures_ms=$(($(date +%s%3N) - start_ms)) (members.active at the root: ${members:-none})"
[ -n "$members" ] && [ "$members" != 0 ] || { echo "reporting shows no members" >&2; exit 1; }

declare -A calls=(
  [unionhub.membership.v1.OrganisationService/ListOrganisations]='{"include_descendants": true, "page_size": 5}'
  [unionhub.welfare.v1.CampaignService/ListCampaigns]='{"page_size": 5}'
  [unionhub.democracy.v1.CongressService/ListCongressTerms]='{"page_size": 5}'
  [unionhub.reporting.v1.FigureService/GetFigures]=$figures
)
for method in "${!calls[@]}"; do
  for protocol in grpc connect; do
    answer=$($protocol "$method" "${calls[$method]}")
    # Each answers with records of the demo data: a non-empty list.
    if ! python3 -c 'import json,sys; a=json.load(sys.stdin); sys.exit(0 if any(isinstance(v,list) and v for v in a.values()) else 1)' <<<"$answer"; then
      echo "$protocol $method answered: $answer" >&2; exit 1
    fi
    echo "ok: $protocol $method"
  done
done

echo "== memory and CPU, idle and under a burst of calls"
pid_of() { podman inspect --format '{{.State.Pid}}' "$1-$1"; }
status() {  # SERVICE FIELD: VmRSS or VmHWM of its process, in MiB.
  awk -v f="$2:" '$1 == f {printf "%.1f", $2 / 1024}' "/proc/$(pid_of "$1")/status"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(pid_of "$1")/stat"; }
services=(gateway membership welfare democracy reporting)
sleep 5
declare -A idle ticks
for s in "${services[@]}"; do idle[$s]=$(status "$s" VmRSS); ticks[$s]=$(cpu_ticks "$s"); done
# 8 callers, 50 rounds of the four calls each, over Connect/JSON.
burst() {
  for _ in $(seq 1 50); do
    for method in "${!calls[@]}"; do connect "$method" "${calls[$method]}" >/dev/null; done
  done
}
burst_start=$(date +%s%3N)
for _ in $(seq 1 8); do burst & done
wait
burst_ms=$(($(date +%s%3N) - burst_start))
hz=$(getconf CLK_TCK)
echo "burst: 1600 calls in $burst_ms ms"
for s in "${services[@]}"; do
  used=$(( ($(cpu_ticks "$s") - ticks[$s]) * 1000 * 1000 / hz / burst_ms ))
  echo "deploy_usage{service=\"$s\"} idle_rss_mib=${idle[$s]} peak_rss_mib=$(status "$s" VmHWM) burst_cpu_millicores=$used"
done

echo "== podman kube down"
down || { cat "$work/down.log"; podman pod ps; exit 1; }
played=
echo "the dev overlay ran under podman"
