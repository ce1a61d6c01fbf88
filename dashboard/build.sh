#!/usr/bin/env bash
# Builds the dashboard into OUT (the build directory's dashboard/): npm ci when
# the lock file changed, the typed clients from proto/ (buf with
# protoc-gen-es, into dashboard/gen/), a type check, then the bundle.
#   dashboard/build.sh OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
cd "$here"
# The lock file as last installed, to skip npm ci when nothing changed.
stamp=node_modules/.installed-package-lock.json
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  npm ci --no-audit --no-fund --silent
  cp package-lock.json "$stamp"
fi
PATH="$here/node_modules/.bin:$PATH"
rm -rf gen
(cd .. && buf generate --template dashboard/buf.gen.yaml -o dashboard)
tsc -p tsconfig.json
node build.mjs "$out"
