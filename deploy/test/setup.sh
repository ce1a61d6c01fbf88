#!/usr/bin/env bash
# Installs the checks' npm packages (pinned in package-lock.json) when the
# lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.installed-package-lock.json
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  npm ci --no-audit --no-fund --silent
  cp package-lock.json "$stamp"
fi
