#!/usr/bin/env bash
# Stops the MariaDB that start.sh started in $1 (by its pid file) and removes its data.
set -uo pipefail
dir=${1:?usage: stop.sh DIR}
if [ -f "$dir/pid" ]; then
  pid=$(cat "$dir/pid")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
rm -rf "$dir/data"
exit 0
