#!/usr/bin/env bash
# Builds the admin console bundle of theme nhi-guard (the stock console plus NHI Guard's pages) into
# target/classes/theme/nhi-guard/admin/resources, where Maven packs it into the jar. Needs Node.js 20.19+ and npm.
# Without npm the jar is built all the same, without the bundle: theme nhi-guard then serves the stock console.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "[nhi-guard] WARNING: npm not found: building the jar without the Governance console (install Node.js 20.19+ to get it)" >&2
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
npm run build
