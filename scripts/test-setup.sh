#!/usr/bin/env bash
# Everything the README's test command needs besides a JDK and Maven, made sure of before the tests run:
#   PostgreSQL and MariaDB for the database tests (scripts/test-databases.sh),
#   Chromium and its ChromeDriver for the admin console tests (Debian packages chromium, chromium-driver),
#   Node.js 20.19+ with npm for the admin console bundle,
#   jq for scripts/nhi-guard-realms.sh (the rollback tests run it).
# What is there is left alone; what is missing is installed from the distribution's packages when this runs as root on
# Debian or Ubuntu; anything else ends with a message saying what to install. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/test-databases.sh

say() { echo "test-setup: $*"; }
fail() { echo "test-setup: $*" >&2; exit 1; }

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    fail "Chromium and ChromeDriver are missing: install the packages chromium and chromium-driver (or set NHI_CHROMIUM and NHI_CHROMEDRIVER)"
  fi
fi
say "browser ready: $(/usr/bin/chromium --version 2>/dev/null | head -1)"

if ! command -v jq >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing jq"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null
  else
    fail "jq is missing: install the package jq (scripts/nhi-guard-realms.sh needs it)"
  fi
fi
say "jq ready: $(jq --version)"

command -v npm >/dev/null || fail "npm is missing: install Node.js 20.19 or later (the admin console bundle is built with it)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || fail "Node.js $(node --version) is too old for the admin console build: 20.19 or later is needed"
say "node ready: $(node --version)"
