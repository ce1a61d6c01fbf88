#!/usr/bin/env bash
# Starts a throwaway MariaDB for the MySQL tests: a temporary data directory under $1,
# listening only on 127.0.0.1, tuned for speed over durability. Writes the base URL
# (mysql://USER:PASS@127.0.0.1:PORT/) to $1/url; tests append a database name.
set -euo pipefail
dir=${1:?usage: start.sh DIR}
PATH=$PATH:/usr/sbin:/usr/bin
"$(dirname "$0")/stop.sh" "$dir" >/dev/null 2>&1 || true
rm -rf "$dir" && mkdir -p "$dir"

mariadb-install-db --datadir="$dir/data" --user="$(id -un)" \
  --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 ||
  { cat "$dir/install.log"; exit 1; }

for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 20000))
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue  # Taken.
  mariadbd --no-defaults --datadir="$dir/data" --user="$(id -un)" \
    --bind-address=127.0.0.1 --port="$port" --socket="$dir/sock" \
    --pid-file="$dir/pid" --log-error="$dir/error.log" \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=0 \
    --innodb-doublewrite=0 --skip-log-bin --max-connections=500 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    </dev/null >"$dir/stdout.log" 2>&1 &  # Closed pipes: ctest must not wait on it.
  for _ in $(seq 1 100); do
    if mariadb-admin --no-defaults --socket="$dir/sock" -uroot ping >/dev/null 2>&1; then
      mariadb --no-defaults --socket="$dir/sock" -uroot -e "
        CREATE USER 'unionhub'@'127.0.0.1' IDENTIFIED BY 'test';
        GRANT ALL PRIVILEGES ON *.* TO 'unionhub'@'127.0.0.1';"
      echo "mysql://unionhub:test@127.0.0.1:$port/" >"$dir/url"
      echo "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir/data"
      exit 0
    fi
    kill -0 $! 2>/dev/null || break  # Died (port raced away?): try another port.
    sleep 0.2
  done
  kill "$!" 2>/dev/null || true
done
echo "MariaDB did not start; its log:" >&2
cat "$dir/error.log" >&2 || true
exit 1
