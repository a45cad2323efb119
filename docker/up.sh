#!/usr/bin/env bash
# Builds the pack and starts Keycloak (the version pom.xml names) with NHI Guard and PostgreSQL in containers.
# Needs Docker with compose. Extra arguments go to `docker compose up`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
KEYCLOAK_VERSION="$(scripts/keycloak-version.sh)" docker compose -f docker/compose.yaml up --build "$@"
