#!/usr/bin/env bash
# Takes NHI Guard off a realm's client policies (detach) and puts back exactly what it took (attach), for one realm,
# several, or every realm; with --dry-run it only prints what it would change. It uses nothing but Keycloak's own admin
# API, so it works with the pack's JAR installed or already removed (a realm whose policies name a provider Keycloak no
# longer has answers 500 to every token request: detach is the repair).
#
#   scripts/nhi-guard-realms.sh detach|attach (--realm NAME ... | --all) [--dry-run] [--url URL]
#
# Detach: the pack's executors (provider ids nhi-*) leave every client profile of the realm; a policy whose conditions
# include one of the pack's (nhi-attributes) is switched off, never edited (removing a condition would widen it) - or,
# when the JAR is gone already and Keycloak refuses to store a policy that names a condition it does not have, taken
# out whole; a profile the detach leaves empty leaves the other policies that name it; the pack's event listeners
# leave the realm's list; an admin theme nhi-guard goes back to Keycloak's. What it changed is recorded in the realm attribute
# nhi.detached (it travels with a realm export). The pack's tables and the clients' nhi.* attributes stay.
# Attach: restores what that record says, where it says, and removes the record. A policy the record names that no
# longer exists stops the attach of that realm before anything is written.
#
# Authentication: NHI_ADMIN_TOKEN (a bearer token of an admin who may manage the realms), or KC_ADMIN_USER and
# KC_ADMIN_PASSWORD of the master realm (admin-cli's password grant). URL: --url or KC_URL (http://localhost:8080).
# Needs curl and jq. Exit code: 0 when every realm was done (or had nothing to do), 1 when one was refused, 2 on usage.
set -euo pipefail

RECORD=nhi.detached
DEFAULT_ADMIN_THEME=keycloak.v2

usage() {
  echo "usage: $0 detach|attach (--realm NAME ... | --all) [--dry-run] [--url URL]" >&2
  exit 2
}

command -v jq >/dev/null || { echo "nhi-guard-realms: jq is needed (install the package jq)" >&2; exit 2; }
command -v curl >/dev/null || { echo "nhi-guard-realms: curl is needed" >&2; exit 2; }

[[ $# -ge 1 ]] || usage
ACTION=$1
shift
[[ $ACTION == detach || $ACTION == attach ]] || usage
REALMS=()
ALL=false
DRY_RUN=false
URL="${KC_URL:-http://localhost:8080}"
while [[ $# -gt 0 ]]; do
  case $1 in
    --realm) [[ $# -ge 2 && -n $2 ]] || usage; REALMS+=("$2"); shift 2 ;;
    --all) ALL=true; shift ;;
    --dry-run) DRY_RUN=true; shift ;;
    --url) [[ $# -ge 2 ]] || usage; URL=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $ALL == true || ${#REALMS[@]} -gt 0 ]] || usage
[[ $ALL == true && ${#REALMS[@]} -gt 0 ]] && usage
URL=${URL%/}

token() {
  if [[ -n ${NHI_ADMIN_TOKEN:-} ]]; then
    echo "$NHI_ADMIN_TOKEN"
    return
  fi
  [[ -n ${KC_ADMIN_USER:-} && -n ${KC_ADMIN_PASSWORD:-} ]] \
    || { echo "nhi-guard-realms: set NHI_ADMIN_TOKEN, or KC_ADMIN_USER and KC_ADMIN_PASSWORD" >&2; exit 2; }
  curl -sS --fail-with-body -X POST "$URL/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASSWORD" | jq -er .access_token
}
TOKEN=$(token)

# api METHOD PATH [BODY]: PATH under /admin/realms; the answer's body on 2xx; the status and body on stderr, and a
# failure, otherwise
api() { admin "$1" "/realms$2" "${3:-}"; }

# admin METHOD PATH [BODY]: as api, PATH under /admin
admin() {
  local method=$1 path=$2 body=${3:-}
  local out status
  out=$(mktemp)
  if [[ -n $body ]]; then
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$URL/admin$path" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' --data-binary "$body")
  else
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$URL/admin$path" -H "Authorization: Bearer $TOKEN")
  fi
  if [[ $status != 2* ]]; then
    echo "nhi-guard-realms: $method $path answered $status: $(head -c 500 "$out")" >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

enc() { jq -rn --arg v "$1" '$v|@uri'; }

# What detach changes, from {profiles, policies, listeners, adminTheme}: the new profiles, policies and listeners, the
# record to keep, and one line per change.
DETACH='
def pack: type == "string" and startswith("nhi-");
def packcondition: (.conditions // []) | any(.condition | pack);
[ .profiles[] | select(((.executors // []) | length) > 0 and ((.executors // []) | all(.executor | pack))) | .name ] as $emptied
| [ .profiles[] | {name, removed: [ (.executors // []) | to_entries[] | select(.value.executor | pack) | {index: .key, executor: .value} ]}
    | select(.removed | length > 0) ] as $profiles
| [ .policies | to_entries[] | .key as $at | .value | {name,
      disabled: (packcondition and (.enabled == true) and ($remove | not)),
      removed: (if packcondition and $remove then {index: $at, policy: .} else null end),
      profiles: (if packcondition then [] else [ (.profiles // []) | to_entries[] | select(.value as $p | $emptied | index($p)) | {index: .key, name: .value} ] end)}
    | select(.disabled or .removed != null or (.profiles | length > 0)) | if .removed == null then del(.removed) else . end ] as $policies
| [ (.listeners // [])[] | select(pack) ] as $listeners
| {
    profiles: [ .profiles[] | .executors = [ (.executors // [])[] | select(.executor | pack | not) ] ],
    policies: [ .policies[] | if packcondition then (if $remove then empty else .enabled = false end)
                 else .profiles = [ (.profiles // [])[] | select(. as $p | $emptied | index($p) | not) ] end ],
    listeners: [ (.listeners // [])[] | select(pack | not) ],
    adminTheme: (if .adminTheme == "nhi-guard" then $default else .adminTheme end),
    record: {version: 1, profiles: $profiles, policies: $policies, listeners: $listeners,
             adminTheme: (if .adminTheme == "nhi-guard" then "nhi-guard" else null end)},
    changes: ([ $profiles[] | "profile \(.name): remove executors \([.removed[].executor.executor] | join(", "))" ]
      + [ $policies[] | select(.disabled) | "policy \(.name): switch off (a condition of NHI Guard selects its clients)" ]
      + [ $policies[] | select(.removed) | "policy \(.name): take out (a condition of NHI Guard selects its clients, and Keycloak without the pack refuses to keep it)" ]
      + [ $policies[] | select(.profiles | length > 0) | "policy \(.name): leave profiles \([.profiles[].name] | join(", ")) (left empty)" ]
      + (if ($listeners | length) > 0 then [ "event listeners: remove \($listeners | join(", "))" ] else [] end)
      + (if .adminTheme == "nhi-guard" then [ "admin theme: nhi-guard -> \($default), the default" ] else [] end))
  }'

# What attach restores, from {profiles, policies, listeners, adminTheme, record}.
ATTACH='
def insert_at($i; $x): .[:$i] + [$x] + .[$i:];
.record as $r
| .policies as $now
| [ $r.policies[] | select(.removed | not) | .name as $n | select(all($now[]; .name != $n)) | $n ] as $missing
| ( reduce $r.profiles[] as $rp (.profiles;
      if any(.[]; .name == $rp.name) then
        map(if .name == $rp.name then
              .executors = (reduce ($rp.removed | sort_by(.index))[] as $e ((.executors // []);
                if any(.[]; .executor == $e.executor.executor) then . else insert_at([$e.index, length] | min; $e.executor) end))
            else . end)
      else . + [{name: $rp.name, executors: [ $rp.removed | sort_by(.index)[] | .executor ]}] end) ) as $profiles
| ( reduce ([ $r.policies[] | select(.removed) ] | sort_by(.removed.index))[] as $rq (.policies;
      if any(.[]; .name == $rq.name) then . else insert_at([$rq.removed.index, length] | min; $rq.removed.policy) end) ) as $withRemoved
| ( reduce $r.policies[] as $rq ($withRemoved;
      map(if .name == $rq.name then
            (.profiles = (reduce ($rq.profiles | sort_by(.index))[] as $p ((.profiles // []);
               if index($p.name) then . else insert_at([$p.index, length] | min; $p.name) end)))
            | (if $rq.disabled then .enabled = true else . end)
          else . end)) ) as $policies
| {
    missing: $missing,
    profiles: $profiles,
    policies: $policies,
    listeners: ((.listeners // []) as $now | $now + [ ($r.listeners // [])[] | select(. as $l | $now | index($l) | not) ]),
    adminTheme: ($r.adminTheme // .adminTheme),
    changes: ([ $r.profiles[] | "profile \(.name): put back executors \([.removed[].executor.executor] | join(", "))" ]
      + [ $r.policies[] | select(.disabled) | "policy \(.name): switch on again" ]
      + [ $r.policies[] | select(.removed) | "policy \(.name): put back" ]
      + [ $r.policies[] | select(.profiles | length > 0) | "policy \(.name): name profiles \([.profiles[].name] | join(", ")) again" ]
      + (if (($r.listeners // []) | length) > 0 then [ "event listeners: add \($r.listeners | join(", "))" ] else [] end)
      + (if $r.adminTheme then [ "admin theme: back to \($r.adminTheme)" ] else [] end))
  }'

# The realm's own profiles and policies (no global ones), event listeners, admin theme and detach record, as one object.
state() {
  local realm=$1 path
  path=/$(enc "$realm")
  jq -n --argjson profiles "$(api GET "$path/client-policies/profiles" | jq '.profiles // []')" \
        --argjson policies "$(api GET "$path/client-policies/policies" | jq '.policies // []')" \
        --argjson events "$(api GET "$path/events/config")" \
        --argjson realm "$(api GET "$path")" \
        '{profiles: $profiles, policies: $policies, listeners: ($events.eventsListeners // []), adminTheme: $realm.adminTheme,
          record: (($realm.attributes // {})["'"$RECORD"'"] // "" | if . == "" then null else fromjson end)}'
}

# Sets (or, with null, removes) the detach record. Keycloak replaces a realm's whole attribute map on an update that
# sends one, so the map is read and sent back whole with only the record changed.
write_record() {
  local realm=$1 record=$2 path
  path=/$(enc "$realm")
  api PUT "$path" "$(api GET "$path" | jq -c --arg key "$RECORD" --argjson record "$record" \
    '{attributes: ((.attributes // {}) | if $record == null then del(.[$key]) else .[$key] = ($record | tojson) end)}')" >/dev/null
}

# Writes listeners and theme as computed; a realm whose listeners did not change is not touched there.
write_realm() {
  local realm=$1 before=$2 after=$3 path
  path=/$(enc "$realm")
  if [[ $(jq -c '.listeners' <<<"$before") != $(jq -c '.listeners' <<<"$after") ]]; then
    api GET "$path/events/config" | jq -c --argjson l "$(jq -c '.listeners' <<<"$after")" '.eventsListeners = $l' \
      | { read -r body; api PUT "$path/events/config" "$body" >/dev/null; }
  fi
  if [[ $(jq -r '.adminTheme // ""' <<<"$before") != $(jq -r '.adminTheme // ""' <<<"$after") ]]; then
    api PUT "$path" "$(jq -c '{adminTheme: .adminTheme}' <<<"$after")" >/dev/null
  fi
}

detach() {
  local realm=$1 before plan path remove=false
  path=/$(enc "$realm")
  before=$(state "$realm") || return 1
  if [[ $(jq '.record != null' <<<"$before") == true ]]; then
    echo "$realm: detached already (attach first): nothing changed" >&2
    return 1
  fi
  # without the pack's JAR, Keycloak refuses policies that name its condition, even switched off: those go whole
  if ! conditions_known "$realm" "$before"; then
    remove=true
  fi
  plan=$(jq --arg default "$DEFAULT_ADMIN_THEME" --argjson remove "$remove" "$DETACH" <<<"$before")
  if [[ $(jq '.changes | length' <<<"$plan") == 0 ]]; then
    echo "$realm: nothing of NHI Guard to detach"
    return 0
  fi
  jq -r --arg realm "$realm" '.changes[] | "\($realm): \(.)"' <<<"$plan"
  [[ $DRY_RUN == true ]] && return 0
  # the record first: whatever step fails after it, attach puts back what was taken
  write_record "$realm" "$(jq -c '.record' <<<"$plan")" || return 1
  api PUT "$path/client-policies/policies" "$(jq -c '{policies: .policies}' <<<"$plan")" >/dev/null || return 1
  api PUT "$path/client-policies/profiles" "$(jq -c '{profiles: .profiles}' <<<"$plan")" >/dev/null || return 1
  write_realm "$realm" "$before" "$plan" || return 1
  echo "$realm: detached (record in realm attribute $RECORD)"
}

# Whether Keycloak knows every condition the realm's policies name (it does not, once the pack's JAR is gone).
conditions_known() {
  local realm=$1 before=$2 known
  known=$(admin GET /serverinfo 2>/dev/null | jq -c '[.componentTypes["org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider"][]?.id]' 2>/dev/null) || known=""
  if [[ -z $known || $known == "[]" ]]; then
    # server info is not this admin's to read: ask Keycloak whether it keeps the policies as they are
    api PUT "/$(enc "$realm")/client-policies/policies" "$(jq -c '{policies: .policies}' <<<"$before")" >/dev/null 2>&1
    return
  fi
  jq -e --argjson known "$known" '[.policies[].conditions[]?.condition] | all(. as $c | $known | index($c))' <<<"$before" >/dev/null
}

# Whether Keycloak has every executor and condition the detach record would put back. Unknown when server info is not
# this admin's to read: then Keycloak's own refusal of the first write (the profiles) stops the attach.
record_providers_known() {
  local before=$1 known
  known=$(admin GET /serverinfo 2>/dev/null | jq -c '{
      executors: (.componentTypes["org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider"] // [] | map(.id)),
      conditions: (.componentTypes["org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider"] // [] | map(.id))}') \
    || return 0
  jq -e --argjson known "$known" '
    ([.record.profiles[].removed[].executor.executor] | all(. as $e | $known.executors | index($e)))
    and ([.record.policies[] | .removed.policy.conditions[]?.condition] | all(. as $c | $known.conditions | index($c)))' \
    <<<"$before" >/dev/null
}

attach() {
  local realm=$1 before plan path
  path=/$(enc "$realm")
  before=$(state "$realm") || return 1
  if [[ $(jq '.record == null' <<<"$before") == true ]]; then
    echo "$realm: not detached (no $RECORD): nothing changed"
    return 0
  fi
  if ! record_providers_known "$before"; then
    echo "$realm: this Keycloak lacks providers the detached policies name (is the pack's JAR in providers/?): nothing changed" >&2
    return 1
  fi
  plan=$(jq "$ATTACH" <<<"$before")
  if [[ $(jq '.missing | length' <<<"$plan") != 0 ]]; then
    echo "$realm: the detached policies $(jq -r '.missing | join(", ")' <<<"$plan") no longer exist: nothing changed" >&2
    return 1
  fi
  jq -r --arg realm "$realm" '.changes[] | "\($realm): \(.)"' <<<"$plan"
  [[ $DRY_RUN == true ]] && return 0
  api PUT "$path/client-policies/profiles" "$(jq -c '{profiles: .profiles}' <<<"$plan")" >/dev/null || return 1
  api PUT "$path/client-policies/policies" "$(jq -c '{policies: .policies}' <<<"$plan")" >/dev/null || return 1
  write_realm "$realm" "$before" "$plan" || return 1
  write_record "$realm" null || return 1
  echo "$realm: attached"
}

if [[ $ALL == true ]]; then
  mapfile -t REALMS < <(api GET "" | jq -r '.[].realm')
fi
status=0
for realm in "${REALMS[@]}"; do
  "$ACTION" "$realm" || status=1
done
exit $status
