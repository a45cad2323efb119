#!/usr/bin/env bash
# Builds NHI Guard, installs it into Keycloak (the version pom.xml names, fetched through Maven), imports the demo realm
# and starts Keycloak with its embedded H2 database on http://localhost:8080. Ctrl+C stops it.
# Safe to re-run: the demo realm is imported once and kept in .run/ between runs.
#
# With openssl on the PATH it also makes a demo PKI in .run/pki and serves HTTPS on https://localhost:8443,
# asking clients for a certificate (mutual TLS for the demo's critical-tier client), and (with perl too) a demo workload
# issuer in .run/workloads whose JWKS it serves on http://127.0.0.1:8090/jwks.json, standing in for a Kubernetes cluster
# (the demo's secretless clients authenticate with its workload tokens). Revocation signals are on (Keycloak's
# features ssf and client-secret-rotation): scripts/DemoSignalReceiver.java stands in for a resource server on
# 127.0.0.1:8091 and prints each Security Event Token the realm pushes to it.
#
# Settings (environment): NHI_HTTP_PORT (8080), NHI_HTTPS_PORT (8443), NHI_MANAGEMENT_PORT (9000), NHI_ISSUER_PORT (8090),
# NHI_RECEIVER_PORT (8091),
# NHI_HTTP_HOST (127.0.0.1), KC_BOOTSTRAP_ADMIN_USERNAME (admin), KC_BOOTSTRAP_ADMIN_PASSWORD (admin), NHI_SERVER_JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")"

KC_VERSION="$(scripts/keycloak-version.sh)"
RUN_DIR="$PWD/.run"
KC_HOME="$RUN_DIR/keycloak-$KC_VERSION"
PORT="${NHI_HTTP_PORT:-8080}"
HTTPS_PORT="${NHI_HTTPS_PORT:-8443}"
MGMT_PORT="${NHI_MANAGEMENT_PORT:-9000}"
ISSUER_PORT="${NHI_ISSUER_PORT:-8090}"
RECEIVER_PORT="${NHI_RECEIVER_PORT:-8091}"
HOST="${NHI_HTTP_HOST:-127.0.0.1}"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
PID_FILE="$RUN_DIR/keycloak.pid"

if [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "Keycloak from this folder is already running (pid $(cat "$PID_FILE")): http://localhost:$PORT" >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Port $PORT is taken by another program; stop it or set NHI_HTTP_PORT." >&2
  exit 1
fi

SERVER_JAVA_HOME="$(scripts/find-server-jdk.sh)"

echo "==> Building nhi-guard.jar and fetching Keycloak $KC_VERSION through Maven"
mvn -B -q -ntp -DskipTests -Dkeycloak.unpack.phase=package -Dkeycloak.unpack.dir="$RUN_DIR" package

echo "==> Installing the provider and the demo realm into $KC_HOME"
mkdir -p "$KC_HOME/providers" "$KC_HOME/data/import"
cp spi-providers/target/nhi-guard.jar "$KC_HOME/providers/nhi-guard.jar"
cp realm-exports/*.json "$KC_HOME/data/import/"
if [[ "$ISSUER_PORT" != 8090 ]]; then
  # the demo realm trusts the workload issuer's keys at this address (read at its first import only)
  sed -i.bak "s#http://127.0.0.1:8090/jwks.json#http://127.0.0.1:$ISSUER_PORT/jwks.json#" "$KC_HOME/data/import/nhi-demo-realm.json"
  rm -f "$KC_HOME/data/import/nhi-demo-realm.json.bak"
fi
if [[ "$RECEIVER_PORT" != 8091 ]]; then
  # the receiver client may push only to this address (read at its first import only)
  sed -i.bak "s#http://127.0.0.1:8091/events#http://127.0.0.1:$RECEIVER_PORT/events#" "$KC_HOME/data/import/nhi-demo-realm.json"
  rm -f "$KC_HOME/data/import/nhi-demo-realm.json.bak"
fi

TLS_OPTIONS=()
if command -v openssl >/dev/null; then
  echo "==> Demo PKI for mutual TLS in $RUN_DIR/pki"
  KEYTOOL="$SERVER_JAVA_HOME/bin/keytool" scripts/demo-pki.sh "$RUN_DIR/pki"
  TLS_OPTIONS=(--https-port="$HTTPS_PORT"
    --https-certificate-file="$RUN_DIR/pki/server.pem" --https-certificate-key-file="$RUN_DIR/pki/server-key.pem"
    --https-trust-store-file="$RUN_DIR/pki/truststore.p12" --https-trust-store-password=nhi-demo-pki
    --https-client-auth=request --http-management-scheme=http)
else
  echo "==> openssl not found: HTTPS and the mutual-TLS demo are off"
fi

ISSUER_PID=""
if command -v openssl >/dev/null && command -v perl >/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$ISSUER_PORT") 2>/dev/null; then
  echo "==> Demo workload issuer in $RUN_DIR/workloads, its JWKS on http://127.0.0.1:$ISSUER_PORT/jwks.json"
  scripts/demo-workload.sh init "$RUN_DIR/workloads" >/dev/null
  # only the public half is served; the issuer's private key stays in $RUN_DIR/workloads. Whatever serves this port
  # is the issuer the demo realm trusts (a process that took it first could mint workload tokens): a demo on one machine
  "$SERVER_JAVA_HOME/bin/jwebserver" -b 127.0.0.1 -p "$ISSUER_PORT" -d "$RUN_DIR/workloads/public" -o none &
  ISSUER_PID=$!
else
  echo "==> Demo workload issuer off (needs openssl, perl and port $ISSUER_PORT): the secretless demo clients get no token"
fi

# the token the realm's transmitter sends with each push, made once and kept with the demo's data
RECEIVER_TOKEN_FILE="$RUN_DIR/receiver-token"
[[ -s "$RECEIVER_TOKEN_FILE" ]] || (umask 077; od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$RECEIVER_TOKEN_FILE")
RECEIVER_AUTHORIZATION="Bearer $(cat "$RECEIVER_TOKEN_FILE")"
RECEIVER_PID=""
if ! (exec 3<>"/dev/tcp/127.0.0.1/$RECEIVER_PORT") 2>/dev/null; then
  echo "==> Demo signals receiver on http://127.0.0.1:$RECEIVER_PORT/events (scripts/DemoSignalReceiver.java)"
  "$SERVER_JAVA_HOME/bin/java" scripts/DemoSignalReceiver.java "$RECEIVER_PORT" "$RECEIVER_AUTHORIZATION" \
    "http://127.0.0.1:$PORT/realms/nhi-demo/protocol/openid-connect/certs" &
  RECEIVER_PID=$!
else
  echo "==> Port $RECEIVER_PORT is taken: the demo signals receiver is off (set NHI_RECEIVER_PORT)"
fi

echo "==> Starting Keycloak (Java: $SERVER_JAVA_HOME)"
# ssf: Keycloak's Shared Signals transmitter (experimental), client-secret-rotation (preview): the pack's revocation
# signals and secret rotation build on them; the demo receiver listens on plain http on loopback
JAVA_HOME="$SERVER_JAVA_HOME" "$KC_HOME/bin/kc.sh" start-dev \
  --http-host="$HOST" --http-port="$PORT" --http-management-port="$MGMT_PORT" \
  --features=ssf,client-secret-rotation --spi-ssf-transmitter--default--allow-insecure-push-targets=true \
  --spi-ssf-transmitter--default--outbox-drainer-interval=2s \
  --health-enabled=true --metrics-enabled=true --import-realm "${TLS_OPTIONS[@]}" &
KC_PID=$!
echo "$KC_PID" > "$PID_FILE"

stop() {
  [[ -n "$ISSUER_PID" ]] && kill -TERM "$ISSUER_PID" 2>/dev/null || true
  [[ -n "$RECEIVER_PID" ]] && kill -TERM "$RECEIVER_PID" 2>/dev/null || true
  pkill -TERM -P "$KC_PID" 2>/dev/null || true
  kill -TERM "$KC_PID" 2>/dev/null || true
  wait "$KC_PID" 2>/dev/null || true
  rm -f "$PID_FILE"
}
trap stop INT TERM EXIT

# The receiver's push stream (RFC 8935), made through the admin API once the server is up: Keycloak keeps one stream
# per receiver, so a later start finds it (409) and keeps it.
demo_signal_stream() {
  local token status
  token=$(curl -fsS -X POST "http://127.0.0.1:$PORT/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KC_BOOTSTRAP_ADMIN_USERNAME" --data-urlencode "password=$KC_BOOTSTRAP_ADMIN_PASSWORD" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p') || true
  if [[ -z "$token" ]]; then
    echo "==> The demo signals stream was not set up (no admin token for $KC_BOOTSTRAP_ADMIN_USERNAME)" >&2
    return 0
  fi
  status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST \
    "http://127.0.0.1:$PORT/admin/realms/nhi-demo/ssf/clients/demo-resource-server/stream" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"description\":\"the demo resource server\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"http://127.0.0.1:$RECEIVER_PORT/events\",\"authorization_header\":\"$RECEIVER_AUTHORIZATION\"}}") || true
  case "$status" in
    201) echo "==> Demo signals stream: nhi-demo pushes to http://127.0.0.1:$RECEIVER_PORT/events" ;;
    409) echo "==> Demo signals stream: set up on an earlier start" ;;
    *) echo "==> The demo signals stream was not set up (HTTP $status)" >&2 ;;
  esac
}

for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$MGMT_PORT/health/ready" >/dev/null 2>&1; then
    demo_signal_stream
    cat <<BANNER

  NHI Guard is running on Keycloak $KC_VERSION
  Admin console : http://localhost:$PORT/admin  (login: $KC_BOOTSTRAP_ADMIN_USERNAME / $KC_BOOTSTRAP_ADMIN_PASSWORD
                  on the first start; later starts keep the admin created then)
  Demo realm    : nhi-demo  (users alice, bob, auditor; password <name>-demo-password)
  Inventory     : http://localhost:$PORT/admin/realms/nhi-demo/nhi-guard/inventory
  Mutual TLS    : https://localhost:$HTTPS_PORT (demo CA and client certificate in .run/pki)
  Workloads     : http://127.0.0.1:$ISSUER_PORT/jwks.json (scripts/demo-workload.sh signs workload tokens and DPoP proofs)
  Signals       : http://127.0.0.1:$RECEIVER_PORT/events receives the realm's revocation signals and prints them here
  Stop          : Ctrl+C

BANNER
    wait "$KC_PID"
    exit $?
  fi
  kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak exited during start-up; see the log above." >&2; exit 1; }
  sleep 0.5
done
echo "Keycloak was not ready after 5 minutes." >&2
exit 1
