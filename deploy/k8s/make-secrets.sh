#!/usr/bin/env bash
# Prints the Secrets the manifests read, with new keys, as YAML for
#   deploy/k8s/make-secrets.sh --sqlite | kubectl apply -n NAMESPACE -f -
#   deploy/k8s/make-secrets.sh --mysql HOST[:PORT] | kubectl apply -n NAMESPACE -f -
# unionhub-keys:     the gateway's and reporting's Ed25519 signing keys, the
#                    public keys the services trust (derived from them), the
#                    data key for personal data, the first admin API key;
# unionhub-database: one URL per service (SQLite files on the services'
#                    volumes, or one MySQL/MariaDB database and user each);
# unionhub-mariadb:  with --mysql, the root password and the init.sql that
#                    creates those databases and users (for the mariadb
#                    component, or for your DBA).
# Run it once per installation and keep its output safe (or use your secret
# manager); running it again makes new keys (deploy/README.md: rotation).
# Needs bash, openssl and base64.
set -euo pipefail
mode=${1:-} host=${2:-}
case "$mode" in
  --sqlite) ;;
  --mysql) [ -n "$host" ] || { echo "--mysql needs HOST[:PORT]" >&2; exit 2; }
           [[ $host == *:* ]] || host=$host:3306 ;;
  *) echo "usage: $0 --sqlite | --mysql HOST[:PORT]" >&2; exit 2 ;;
esac
services=(gateway membership welfare democracy reporting)

b64() { base64 -w0; }
secret32() { head -c 32 /dev/urandom | b64; }
# The Ed25519 public key of a base64 seed, base64 (PKCS#8 wrapping for openssl).
public_key() {
  { printf '\x30\x2e\x02\x01\x00\x30\x05\x06\x03\x2b\x65\x70\x04\x22\x04\x20'
    printf %s "$1" | base64 -d; } |
    openssl pkey -inform DER -pubout -outform DER | tail -c 32 | b64
}
password() { head -c 18 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n'; }

gateway_key=$(secret32)
reporting_key=$(secret32)
api_key="uhk_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
# The services trust principals the gateway signs (for callers) and those
# reporting signs as itself (service role: it reads the event feeds).
public_keys="gateway $(public_key "$gateway_key")
service $(public_key "$reporting_key")"

cat <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: unionhub-keys
  labels: {app.kubernetes.io/part-of: unionhub}
type: Opaque
data:
  gateway-signing-key: $(printf %s "$gateway_key" | b64)
  reporting-signing-key: $(printf %s "$reporting_key" | b64)
  data-key: $(secret32 | b64)
  principal-public-keys: $(printf '%s\n' "$public_keys" | b64)
  bootstrap-api-key: $(printf %s "$api_key" | b64)
---
apiVersion: v1
kind: Secret
metadata:
  name: unionhub-database
  labels: {app.kubernetes.io/part-of: unionhub}
type: Opaque
data:
YAML
init_sql=""
for s in "${services[@]}"; do
  if [ "$mode" = --sqlite ]; then
    url="sqlite:///var/lib/unionhub/$s.db"
  else
    pw=$(password)
    url="mysql://$s:$pw@$host/unionhub_$s"
    init_sql+="CREATE DATABASE IF NOT EXISTS unionhub_$s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$s'@'%' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON unionhub_$s.* TO '$s'@'%';
"
  fi
  echo "  $s: $(printf %s "$url" | b64)"
done
if [ "$mode" = --mysql ]; then
  cat <<YAML
---
apiVersion: v1
kind: Secret
metadata:
  name: unionhub-mariadb
  labels: {app.kubernetes.io/part-of: unionhub}
type: Opaque
data:
  root-password: $(password | b64)
  init.sql: $(printf %s "$init_sql" | b64)
YAML
fi
