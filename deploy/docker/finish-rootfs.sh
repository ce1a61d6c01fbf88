#!/bin/sh
# The last touches to a runtime root file system at ROOT (/ in the Dockerfile,
# the bootstrapped tree in rootfs.sh): the unprivileged user the services run
# as, and the directory SQLite databases live in (a volume in Kubernetes).
#   deploy/docker/finish-rootfs.sh ROOT
set -eu
root=$1
grep -q '^unionhub:' "$root/etc/group" ||
  echo 'unionhub:x:10001:' >>"$root/etc/group"
grep -q '^unionhub:' "$root/etc/passwd" ||
  echo 'unionhub:x:10001:10001:unionhub:/nonexistent:/usr/sbin/nologin' >>"$root/etc/passwd"
mkdir -p "$root/var/lib/unionhub"
chown 10001:10001 "$root/var/lib/unionhub"
