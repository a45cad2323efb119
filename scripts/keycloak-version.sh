#!/usr/bin/env bash
# Prints the Keycloak release the pack runs on: <nhi.server.keycloak.version> in the top-level pom.xml, the one place
# it is written (the tests run the jar on it; the jar is compiled against <keycloak.version>, whose SPI jars Maven
# Central serves). run.sh and docker/up.sh read it from here.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<nhi.server.keycloak.version>\(.*\)</nhi.server.keycloak.version>.*:\1:p' pom.xml | head -n 1)
if [[ -z "$version" ]]; then
  echo "pom.xml names no <nhi.server.keycloak.version>" >&2
  exit 1
fi
echo "$version"
