#!/usr/bin/env bash
# Makes sure the services the tests talk to answer: Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432
# (trust auth, database "test"). Starts them if they are installed but stopped, installs the Debian packages if
# they are missing. Safe to run again and again.
set -euo pipefail

redis_ok() { command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
pg_ok() { command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; }

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then echo "ensure-services: apt-get not found; install $* by hand" >&2; return 1; fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ $apt_updated -eq 0 ]; then $sudo apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if ! redis_ok; then
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p /tmp/pintu-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp/pintu-redis >/dev/null
  for _ in $(seq 1 50); do redis_ok && break; sleep 0.1; done
  redis_ok || { echo "ensure-services: Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
  echo "ensure-services: started Redis"
fi

if ! pg_ok; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
  for _ in $(seq 1 100); do pg_ok && break; sleep 0.2; done
  pg_ok || { echo "ensure-services: PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
  echo "ensure-services: started PostgreSQL"
fi

# Trust auth for local TCP connections and a "test" database, as the tests expect.
if ! psql "postgresql://postgres@127.0.0.1:5432/test" -qtc 'select 1' >/dev/null 2>&1; then
  run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
  hba=$(run_pg "psql -qtAc 'show hba_file'")
  if ! grep -q "pintu-tests" "$hba"; then
    run_pg "sed -i '1i host all all 127.0.0.1/32 trust # pintu-tests' '$hba'"
    run_pg "psql -qc 'select pg_reload_conf()'" >/dev/null
  fi
  run_pg "psql -qtAc \"select 1 from pg_database where datname='test'\"" | grep -q 1 || run_pg "createdb test"
fi

# The dashboard's end-to-end tests drive Debian's chromium with playwright-core (browsers cannot be downloaded here).
if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
  echo "ensure-services: installed chromium"
fi
