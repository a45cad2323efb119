#!/usr/bin/env bash
# Builds the admin console bundle of theme nhi-guard (the stock console plus NHI Guard's pages) into
# target/classes/theme/nhi-guard/admin/resources, where Maven packs it into the jar. Needs Node.js 20.19+ and npm.
# Without npm the jar is built all the same, without the bundle: theme nhi-guard then serves the stock console.
set -euo pipefail
cd "$(dirname "$0")"
# keycloak.version in pom.xml is the one source: the console library must be the Keycloak release the jar is built for
expected="${1:-}"
if [ -n "$expected" ]; then
  pinned=$(sed -n 's/.*"@keycloak\/keycloak-admin-ui": *"\([^"]*\)".*/\1/p' package.json)
  locked=$(grep -A1 '"node_modules/@keycloak/keycloak-admin-ui"' package-lock.json | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p')
  if [ "$pinned" != "$expected" ] || [ "$locked" != "$expected" ]; then
    echo "[nhi-guard] ERROR: admin-ui/package.json pins @keycloak/keycloak-admin-ui $pinned (lock file: $locked), pom.xml keycloak.version is $expected: set both to $expected (npm install @keycloak/keycloak-admin-ui@$expected)" >&2
    exit 1
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "[nhi-guard] WARNING: npm not found: building the jar without the Governance console (install Node.js 20.19+ to get it)" >&2
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
npm run build
