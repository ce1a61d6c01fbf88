#!/usr/bin/env bash
# Makes the runtime image of deploy/docker/Dockerfile without Docker (this
# machine cannot pull base images): mmdebstrap bootstraps Debian 12 with the
# packages in runtime-packages (as debian:12-slim, without docs, man pages and
# locales), adds what stage.sh lays out from BUILD_DIR, then finish-rootfs.sh.
# With IMAGE, imports the tarball into podman with the Dockerfile's settings.
#   deploy/docker/rootfs.sh BUILD_DIR OUT.tar [IMAGE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd) out=$2 image=${3:-}
staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT
"$here/stage.sh" "$build" "$staged"
mmdebstrap --variant=apt --quiet \
  --include="$(grep -v '^#' "$here/runtime-packages" | paste -sd, -)" \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook="sync-in $staged /" \
  --customize-hook="$here/finish-rootfs.sh \"\$1\"" \
  bookworm "$out"
if [ -n "$image" ]; then
  # The Dockerfile's last stage's settings (keep them in step).
  podman import --quiet \
    --change 'USER 10001:10001' \
    --change 'WORKDIR /var/lib/unionhub' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/usr/local/bin/gateway", "--helpshort"]' \
    "$out" "$image" >/dev/null
fi
