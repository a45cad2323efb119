#!/usr/bin/env bash
# The demo's stand-in for a Kubernetes cluster and its pods, for machine clients without a shared secret
# (Keycloak's federated-jwt) and with DPoP-bound tokens (RFC 9449). Needs openssl and perl.
#
#   demo-workload.sh init DIR                           the workload issuer's key pair in DIR and its JWKS in DIR/public/jwks.json
#                                                       (run.sh serves DIR/public the way a cluster serves /openid/v1/jwks)
#   demo-workload.sh token DIR SUBJECT AUDIENCE         a workload token for SUBJECT, valid two minutes (what a pod's
#                                                       projected service-account token is)
#   demo-workload.sh dpop-key DIR NAME                  a key pair of the workload's own for DPoP, DIR/NAME-dpop.pem
#   demo-workload.sh dpop-proof DIR NAME METHOD URL [ACCESS_TOKEN]
#                                                       a DPoP proof for one request, signed with that key
set -euo pipefail

ISSUER="https://workloads.nhi-demo.test"
KID="nhi-demo-workloads"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
hex_to_b64url() { perl -e 'my $h = <STDIN>; $h =~ s/\s//g; print pack("H*", $h)' | b64url; }

new_key() {
  [[ -f "$1" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:65537 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

# the public half as a JWK: modulus from openssl, exponent 65537 (AQAB) as new_key makes it
public_jwk() {
  local n
  n="$(openssl rsa -in "$1" -noout -modulus | cut -d= -f2 | hex_to_b64url)"
  printf '{"kty":"RSA","n":"%s","e":"AQAB"}' "$n"
}

sign() { # header-json claims-json key
  local input
  input="$(printf '%s' "$1" | b64url).$(printf '%s' "$2" | b64url)"
  printf '%s.%s' "$input" "$(printf '%s' "$input" | openssl dgst -sha256 -sign "$3" | b64url)"
}

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[[ $# -ge 2 ]] || usage
command="$1"; dir="$2"
case "$command" in
  init)
    mkdir -p "$dir/public"
    new_key "$dir/issuer-key.pem"
    jwk="$(public_jwk "$dir/issuer-key.pem")"
    printf '{"keys":[%s]}\n' "${jwk%\}},\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"$KID\"}" > "$dir/public/jwks.json"
    echo "$dir/public/jwks.json"
    ;;
  token)
    [[ $# -eq 4 ]] || usage
    now="$(date +%s)"
    claims="$(printf '{"iss":"%s","sub":"%s","aud":"%s","iat":%s,"exp":%s,"jti":"%s"}' "$ISSUER" "$3" "$4" "$now" "$((now + 120))" \
      "$(openssl rand -hex 16)")"
    sign "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"$KID\"}" "$claims" "$dir/issuer-key.pem"; echo
    ;;
  dpop-key)
    [[ $# -eq 3 ]] || usage
    mkdir -p "$dir"
    new_key "$dir/$3-dpop.pem"
    echo "$dir/$3-dpop.pem"
    ;;
  dpop-proof)
    [[ $# -eq 5 || $# -eq 6 ]] || usage
    key="$dir/$3-dpop.pem"
    [[ -f "$key" ]] || { echo "no DPoP key $key: run '$0 dpop-key $dir $3' first" >&2; exit 1; }
    ath=""
    if [[ $# -eq 6 ]]; then
      ath="$(printf ',"ath":"%s"' "$(printf '%s' "$6" | openssl dgst -sha256 -binary | b64url)")"
    fi
    claims="$(printf '{"jti":"%s","htm":"%s","htu":"%s","iat":%s%s}' "$(openssl rand -hex 16)" "$4" "$5" "$(date +%s)" "$ath")"
    sign "{\"typ\":\"dpop+jwt\",\"alg\":\"RS256\",\"jwk\":$(public_jwk "$key")}" "$claims" "$key"; echo
    ;;
  *) usage ;;
esac
