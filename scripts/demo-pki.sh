#!/usr/bin/env bash
# Makes the demo PKI for mutual TLS, valid 90 days (longer than the inventory's 30-day CERT_EXPIRING window): a CA, a server certificate for localhost/127.0.0.1
# and a client certificate for the demo client settlement-gateway. Never use these outside the demo.
# Usage: scripts/demo-pki.sh DIR   (run.sh calls it with .run/pki; an existing, unexpired PKI is kept)
set -euo pipefail
dir="${1:?usage: scripts/demo-pki.sh DIR}"
mkdir -p "$dir"
cd "$dir"
if [[ -f ca.pem ]] && openssl x509 -checkend $((31 * 86400)) -noout -in ca.pem >/dev/null 2>&1 \
   && openssl x509 -checkend $((31 * 86400)) -noout -in settlement-gateway.pem >/dev/null 2>&1; then
  exit 0
fi
rm -f ./*.pem ./*.csr ./*.srl ./*.p12
openssl req -x509 -newkey rsa:2048 -nodes -days 90 -keyout ca-key.pem -out ca.pem \
  -subj "/O=NHI Guard Demo/CN=NHI Guard Demo CA" 2>/dev/null
issue() { # name subject extensions
  openssl req -newkey rsa:2048 -nodes -keyout "$1-key.pem" -out "$1.csr" -subj "$2" 2>/dev/null
  printf '%b' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 90 \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
issue server "/O=NHI Guard Demo/CN=localhost" "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth"
issue settlement-gateway "/O=NHI Guard Demo/CN=settlement-gateway" "extendedKeyUsage=clientAuth"
# Keycloak reads the client-certificate trust anchors from a key store
"${KEYTOOL:-keytool}" -importcert -noprompt -alias nhi-demo-ca -file ca.pem -keystore truststore.p12 \
  -storetype PKCS12 -storepass nhi-demo-pki >/dev/null 2>&1
echo "demo PKI written to $dir"
