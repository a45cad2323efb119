#!/usr/bin/env bash
# Prints the Keycloak version the pack is built and tested against: <keycloak.version> in the top-level pom.xml,
# the one place it is written. run.sh and docker/up.sh read it from here.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
if [[ -z "$version" ]]; then
  echo "pom.xml names no <keycloak.version>" >&2
  exit 1
fi
echo "$version"
