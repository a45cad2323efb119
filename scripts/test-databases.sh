#!/usr/bin/env bash
# Makes sure the two databases the database tests run Keycloak on are there, as the README's test command needs:
#   PostgreSQL on 127.0.0.1:5432, trust authentication, database "test" (user postgres)
#   MariaDB    on 127.0.0.1:3306, user root with an empty password, database "test"
# A database that answers is left as it is. One that is installed but stopped is started; on a Debian or Ubuntu
# machine where it is missing and this runs as root, it is installed from the distribution's packages first.
# Anything else ends with a message saying what to do. Safe to run again and again.
set -euo pipefail

say() { echo "test-databases: $*"; }
fail() { echo "test-databases: $*" >&2; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits (up to 60 s) for a port to open: the database's own signal that it accepts connections.
await_port() {
  for _ in $(seq 1 120); do
    listening "$1" && return 0
    sleep 0.5
  done
  fail "nothing listens on 127.0.0.1:$1 after starting $2"
}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

install_packages() {
  can_install || fail "$1 is not installed; install it (Debian/Ubuntu: apt-get install $*) or run this script as root"
  say "installing $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

postgres() {
  if ! listening 5432; then
    command -v pg_ctlcluster >/dev/null || install_packages postgresql postgresql-client
    local version
    version=$(ls /etc/postgresql | sort -V | tail -1)
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
      say "PostgreSQL $version: trust authentication for 127.0.0.1 (test databases only)"
      sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    fi
    say "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
    await_port 5432 PostgreSQL
  fi
  command -v psql >/dev/null || install_packages postgresql-client
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1" >/dev/null \
    || fail "PostgreSQL on 127.0.0.1:5432 does not let user postgres in without a password (trust authentication)"
  if [ "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'")" != 1 ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test"
  fi
  say "PostgreSQL ready: 127.0.0.1:5432/test"
}

mariadb() {
  if ! listening 3306; then
    command -v mariadbd >/dev/null || install_packages mariadb-server mariadb-client
    mkdir -p /run/mysqld
    chown mysql:mysql /run/mysqld 2>/dev/null || true
    say "starting MariaDB"
    start-stop-daemon --start --oknodo --background --chuid mysql --exec "$(command -v mariadbd)" -- --bind-address=127.0.0.1 --port=3306
    await_port 3306 MariaDB
  fi
  command -v mysql >/dev/null || install_packages mariadb-client
  if ! mysql -h 127.0.0.1 -P 3306 -u root -e "select 1" >/dev/null 2>&1; then
    # a fresh install lets root in over the socket only; open TCP from loopback, without a password, for the tests
    mysql -u root -e "create user if not exists 'root'@'127.0.0.1' identified by ''; grant all on *.* to 'root'@'127.0.0.1' with grant option" \
      || fail "MariaDB on 127.0.0.1:3306 does not let root in without a password"
  fi
  mysql -h 127.0.0.1 -P 3306 -u root -e "create database if not exists test"
  say "MariaDB ready: 127.0.0.1:3306/test"
}

postgres
mariadb
