#!/usr/bin/env bash
# Lays out what the runtime image holds, from a build directory, under OUT:
#   OUT/usr/local/bin/       the five services, the demo loaders, mint-principal
#   OUT/usr/local/share/unionhub/dashboard/   the dashboard's static files
# Binaries are stripped (a RelWithDebInfo gateway is 124 MB, stripped ~10 MB).
# Both images use it: the Dockerfile's build stage and rootfs.sh.
#   deploy/docker/stage.sh BUILD_DIR OUT
set -euo pipefail
build=$1 out=$2
binaries=(gateway/gateway services/membership/membership
  services/welfare/welfare services/democracy/democracy
  services/reporting/reporting services/welfare/welfare-demo
  services/democracy/democracy-demo libs/auth/mint-principal)
mkdir -p "$out/usr/local/bin" "$out/usr/local/share/unionhub"
for b in "${binaries[@]}"; do
  strip --strip-unneeded -o "$out/usr/local/bin/$(basename "$b")" "$build/$b"
done
rm -rf "$out/usr/local/share/unionhub/dashboard"
cp -r "$build/dashboard/site" "$out/usr/local/share/unionhub/dashboard"
