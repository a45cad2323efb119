#!/usr/bin/env bash
# Takes NHI Guard off a realm's client policies (detach) and puts back exactly what it took (attach), for one realm,
# several, or every realm; with --dry-run it only prints what it would change. It uses nothing but Keycloak's admin
# API, so it works with the pack's JAR installed or already removed (a realm whose policies name a provider Keycloak no
# longer has answers 500 to every token request: detach is the repair).
#
#   scripts/nhi-guard-realms.sh detach|attach|forget (--realm NAME ... | --all) [--dry-run] [--url URL]
#
# Detach: the pack's executors (provider ids nhi-*) leave every client profile; a policy whose conditions include one
# of the pack's (nhi-attributes) is switched off, never edited (removing a condition would widen it) - or, when the JAR
# is gone already and Keycloak refuses to store a policy that names a condition it does not have, taken out whole; a
# profile the detach leaves empty leaves the policies that name it; the pack's event listeners leave the realm's list;
# an admin theme nhi-guard goes back to Keycloak's. What it changed is recorded in the realm attribute nhi.detached (it
# travels with a realm export). The pack's tables and the clients' nhi.* attributes stay.
# Attach: restores what that record says, where it says, and removes the record. It puts back only what detach takes
# (the pack's executors, listeners and theme, policies a condition of the pack selects) and refuses a realm, before
# writing anything, whose record it did not write, that names a policy or profile that no longer exists, or providers
# this Keycloak lacks (the JAR not back yet). What an admin changed in between stays.
# Forget: prints the record and removes it (for a record this script did not write, or one no longer wanted).
#
# Authentication: NHI_ADMIN_TOKEN (a bearer token of an admin who may manage the realms: manage-realm), or
# KC_ADMIN_USER and KC_ADMIN_PASSWORD of the master realm (admin-cli's password grant, asked afresh for each realm).
# Neither the token nor the password appears on a command line. URL: --url or KC_URL (http://localhost:8080).
# Needs curl and jq. Exit code: 0 when every realm was done (or had nothing to do), 1 when one was refused, 2 on usage.
set -euo pipefail

RECORD=nhi.detached
DEFAULT_ADMIN_THEME=keycloak.v2

usage() {
  echo "usage: $0 detach|attach|forget (--realm NAME ... | --all) [--dry-run] [--url URL]" >&2
  exit 2
}

command -v jq >/dev/null || { echo "nhi-guard-realms: jq is needed (install the package jq)" >&2; exit 2; }
command -v curl >/dev/null || { echo "nhi-guard-realms: curl is needed" >&2; exit 2; }

[[ $# -ge 1 ]] || usage
ACTION=$1
shift
[[ $ACTION == detach || $ACTION == attach || $ACTION == forget ]] || usage
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

# Everything large or secret goes through files in a private directory, never through a command line: a realm's
# policies may exceed what one argument holds, and a command line is readable by every local user.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
umask 077

# Text as a terminal should show it: control, bidirectional and zero-width characters as \uXXXX, so a name cannot clear
# the screen, colour it, or pass for another.
JQ_SHOWN='def hex4: [(. / 4096 | floor) % 16, (. / 256 | floor) % 16, (. / 16 | floor) % 16, . % 16]
  | map("0123456789abcdef"[.:(. + 1)]) | join("");
def shown: tostring | [explode[] | if . < 32 or (. >= 127 and . < 160) or (. >= 8203 and . <= 8207)
  or (. >= 8232 and . <= 8238) or (. >= 8288 and . <= 8303) or . == 65279 then "\\u" + hex4 else [.] | implode end] | join("");'
shown() { jq -rn --arg v "$1" "$JQ_SHOWN \$v | shown"; }
say() { echo "$(shown "$1"): $2"; }
complain() { echo "$(shown "$1"): $2" >&2; }

# A fresh token for each realm: a run over many realms outlives an access token.
token() {
  if [[ -n ${NHI_ADMIN_TOKEN:-} ]]; then
    printf '%s' "$NHI_ADMIN_TOKEN"
    return
  fi
  [[ -n ${KC_ADMIN_USER:-} && -n ${KC_ADMIN_PASSWORD:-} ]] \
    || { echo "nhi-guard-realms: set NHI_ADMIN_TOKEN, or KC_ADMIN_USER and KC_ADMIN_PASSWORD" >&2; exit 2; }
  printf '%s' "$KC_ADMIN_USER" > "$WORK/user"
  printf '%s' "$KC_ADMIN_PASSWORD" > "$WORK/password"
  curl -sS --fail-with-body -X POST "$URL/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username@$WORK/user" --data-urlencode "password@$WORK/password" | jq -jer .access_token
}
authorize() {
  local bearer
  bearer=$(token) || { echo "nhi-guard-realms: no admin token from $URL" >&2; exit 2; }
  printf 'header = "Authorization: Bearer %s"\n' "$bearer" > "$WORK/auth"
}

# admin METHOD PATH [BODY_FILE]: PATH under /admin; the answer's body on 2xx; the status and body on stderr, and a
# failure, otherwise.
admin() {
  local method=$1 path=$2 body=${3:-} status
  if [[ -n $body ]]; then
    status=$(curl -sS -K "$WORK/auth" -o "$WORK/answer" -w '%{http_code}' -X "$method" "$URL/admin$path" \
      -H 'Content-Type: application/json' --data-binary "@$body")
  else
    status=$(curl -sS -K "$WORK/auth" -o "$WORK/answer" -w '%{http_code}' -X "$method" "$URL/admin$path")
  fi
  if [[ $status != 2* ]]; then
    echo "nhi-guard-realms: $method $(shown "$path") answered $status: $(head -c 500 "$WORK/answer" | tr -d '\000-\037\177')" >&2
    return 1
  fi
  cat "$WORK/answer"
}

enc() { jq -rn --arg v "$1" '$v|@uri'; }

# The realm as the programs below read it, in $WORK/state.json: its own profiles and policies (no global ones), event
# listeners, admin theme, and the detach record with what is wrong with it, if anything.
state() {
  local path=/realms/$(enc "$1")
  rm -f "$WORK"/*.json # nothing of the previous realm may be read for this one
  admin GET "$path/client-policies/profiles" > "$WORK/profiles.json" || return 1
  admin GET "$path/client-policies/policies" > "$WORK/policies.json" || return 1
  admin GET "$path" > "$WORK/realm.json" || return 1
  jq -n --slurpfile profiles "$WORK/profiles.json" --slurpfile policies "$WORK/policies.json" --slurpfile realm "$WORK/realm.json" \
    --arg key "$RECORD" "$JQ_COMMON"'
    ($realm[0].attributes // {})[$key] as $text
    | {profiles: ($profiles[0].profiles // []), policies: ($policies[0].policies // []),
       listeners: ($realm[0].eventsListeners // []), adminTheme: $realm[0].adminTheme}
    | .recordText = $text
    | .record = (if $text == null or $text == "" then null else ($text | try fromjson catch {unreadable: true}) end)
    | .recordProblem = (if .record == null then null else (.policies as $p | .record | record_problem($p)) end)' > "$WORK/state.json" \
    || return 1
}

JQ_COMMON="$JQ_SHOWN"'
def pack: type == "string" and startswith("nhi-");
def packcondition: (.conditions // []) | any(.condition | pack);
# What is wrong with a record, judged against the realm it is in: null when it is one detach writes.
def record_problem($policies):
  if type != "object" or .unreadable == true then "it is not a JSON object"
  elif .version != 1 then "its version is not 1"
  elif (.profiles | type) != "array" or (.policies | type) != "array" or ((.listeners // []) | type) != "array"
  then "its profiles, policies or listeners are not lists"
  elif any(.profiles[]; type != "object" or (.name | type) != "string" or (.removed | type) != "array"
      or any(.removed[]; type != "object" or (.index | type) != "number" or (.executor | type) != "object"
        or (.executor.executor | pack | not)))
  then "it names an executor that is not NHI Guard'"'"'s, or a profile entry detach does not write"
  elif any(.policies[]; type != "object" or (.name | type) != "string" or (.disabled | type) != "boolean"
      or ((.profiles // []) | type) != "array"
      or any((.profiles // [])[]; (.index | type) != "number" or (.name | type) != "string")
      or (.removed != null and ((.removed | type) != "object" or (.removed.index | type) != "number"
        or (.removed.policy | type) != "object" or .removed.policy.name != .name or (.removed.policy | packcondition | not))))
  then "it names a policy entry detach does not write, or a policy no condition of NHI Guard selects"
  elif any(.policies[] | select(.disabled); .name as $n | any($policies[]; .name == $n and (packcondition | not)))
  then "it would switch on a policy no condition of NHI Guard selects"
  elif ([.profiles[].name] as $emptied | any(.policies[]; any((.profiles // [])[]; .name as $p | $emptied | index($p) | not)))
  then "it would add a profile to a policy that detach did not take from it"
  elif any((.listeners // [])[]; pack | not) then "it names an event listener that is not NHI Guard'"'"'s"
  elif .adminTheme != null and .adminTheme != "nhi-guard" then "it names an admin theme other than nhi-guard"
  else null end;'

# What detach changes: the new profiles, policies, listeners and theme, the record to keep, and one line per change.
DETACH="$JQ_COMMON"'
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
    changes: ([ $profiles[] | "profile \(.name | shown): remove executors \([.removed[].executor.executor | shown] | join(", "))" ]
      + [ $policies[] | select(.disabled) | "policy \(.name | shown): switch off (a condition of NHI Guard selects its clients)" ]
      + [ $policies[] | select(.removed) | "policy \(.name | shown): take out (a condition of NHI Guard selects its clients, and Keycloak without the pack refuses to keep it)" ]
      + [ $policies[] | select(.profiles | length > 0) | "policy \(.name | shown): leave profiles \([.profiles[].name | shown] | join(", ")) (left empty)" ]
      + (if ($listeners | length) > 0 then [ "event listeners: remove \([$listeners[] | shown] | join(", "))" ] else [] end)
      + (if .adminTheme == "nhi-guard" then [ "admin theme: nhi-guard -> \($default), the default" ] else [] end))
  }'

# What attach restores. An executor equal to one the profile holds (a repeated attach) is not added twice; an admin's
# own executors, a theme an admin chose since, and policies switched off by hand stay as they are.
ATTACH="$JQ_COMMON"'
def insert_at($i; $x): .[:$i] + [$x] + .[$i:];
.record as $r
| .policies as $now
| .profiles as $profilesNow
| ([ $r.policies[] | select(.removed | not) | .name as $n | select(all($now[]; .name != $n)) | "policy \($n | shown)" ]
   + [ $r.profiles[] | .name as $n | select(all($profilesNow[]; .name != $n)) | "profile \($n | shown)" ]) as $missing
| ( $profilesNow | map(.name as $name | ([ $r.profiles[] | select(.name == $name) | .removed[] ] | sort_by(.index)) as $put
      | if ($put | length) == 0 then . else .executors = (reduce $put[] as $e ((.executors // []);
          if any(.[]; . == $e.executor) then . else insert_at([$e.index, length] | min; $e.executor) end)) end) ) as $profiles
| ( reduce ([ $r.policies[] | select(.removed) ] | sort_by(.removed.index))[] as $rq ($now;
      if any(.[]; .name == $rq.name) then . else insert_at([$rq.removed.index, length] | min; $rq.removed.policy) end) ) as $withRemoved
| ( reduce $r.policies[] as $rq ($withRemoved;
      map(if .name == $rq.name then
            (.profiles = (reduce ($rq.profiles | sort_by(.index))[] as $p ((.profiles // []);
               if index($p.name) then . else insert_at([$p.index, length] | min; $p.name) end)))
            | (if $rq.disabled then .enabled = true else . end)
          else . end)) ) as $policies
| (.adminTheme // "") as $theme
| {
    missing: $missing,
    profiles: $profiles,
    policies: $policies,
    listeners: ((.listeners // []) as $l | $l + [ ($r.listeners // [])[] | select(. as $x | $l | index($x) | not) ]),
    adminTheme: (if $r.adminTheme != null and ($theme == $default or $theme == "") then $r.adminTheme else .adminTheme end),
    changes: ([ $r.profiles[] | "profile \(.name | shown): put back executors \([.removed[].executor.executor | shown] | join(", "))" ]
      + [ $r.policies[] | select(.disabled) | "policy \(.name | shown): switch on again" ]
      + [ $r.policies[] | select(.removed) | "policy \(.name | shown): put back" ]
      + [ $r.policies[] | select(.profiles | length > 0) | "policy \(.name | shown): name profiles \([.profiles[].name | shown] | join(", ")) again" ]
      + (if (($r.listeners // []) | length) > 0 then [ "event listeners: add \([$r.listeners[] | shown] | join(", "))" ] else [] end)
      + (if $r.adminTheme == null then []
         elif $theme == $default or $theme == "" then [ "admin theme: back to \($r.adminTheme)" ]
         else [ "admin theme: left as \($theme | shown), which an admin chose since the detach" ] end))
  }'

# Sets (or, with an empty file, removes) the detach record. Keycloak replaces a realm's whole attribute map on an update
# that sends one, so the map is read and sent back whole with only the record changed.
write_record() {
  local path=/realms/$(enc "$1") record_file=$2
  admin GET "$path" > "$WORK/realm-now.json" || return 1
  jq -c --arg key "$RECORD" --slurpfile record "$record_file" \
    '{attributes: ((.attributes // {}) | if ($record | length) == 0 then del(.[$key]) else .[$key] = ($record[0] | tojson) end)}' \
    "$WORK/realm-now.json" > "$WORK/attributes.json" || return 1
  admin PUT "$path" "$WORK/attributes.json" >/dev/null
}

# Writes the listeners and the theme as planned, in one realm update of only what changed (the realm representation
# carries both, so managing the realm is all it takes).
write_realm() {
  local path=/realms/$(enc "$1")
  jq -c '(if .listenersChanged then {eventsListeners: .plan.listeners} else {} end)
    + (if .themeChanged then {adminTheme: .plan.adminTheme} else {} end)' "$WORK/realm-change.json" > "$WORK/realm-update.json" \
    || return 1
  [[ $(cat "$WORK/realm-update.json") == "{}" ]] && return 0
  admin PUT "$path" "$WORK/realm-update.json" >/dev/null
}
realm_change() {
  jq -n --slurpfile s "$WORK/state.json" --slurpfile p "$WORK/plan.json" \
    '{plan: $p[0], listenersChanged: ($s[0].listeners != $p[0].listeners), themeChanged: (($s[0].adminTheme // "") != ($p[0].adminTheme // ""))}' \
    > "$WORK/realm-change.json"
}

# The client-policy executors and conditions this Keycloak has, read once from server info into $WORK/providers.ids;
# fails when server info is not this admin's to read.
providers_read() {
  [[ -s "$WORK/providers.ids" ]] && return 0
  [[ -e "$WORK/providers.unknown" ]] && return 1
  if admin GET /serverinfo 2>/dev/null | jq -c '{
      executors: (.componentTypes["org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider"] // [] | map(.id)),
      conditions: (.componentTypes["org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider"] // [] | map(.id))}' \
      > "$WORK/providers.ids" 2>/dev/null && [[ $(jq '.conditions | length' "$WORK/providers.ids") != 0 ]]; then
    return 0
  fi
  rm -f "$WORK/providers.ids"
  : > "$WORK/providers.unknown"
  return 1
}

# Whether Keycloak knows every condition the realm's policies name (it does not, once the pack's JAR is gone).
conditions_known() {
  local realm=$1
  if providers_read; then
    jq -e --slurpfile known "$WORK/providers.ids" '[.policies[].conditions[]?.condition] | all(. as $c | $known[0].conditions | index($c))' \
      "$WORK/state.json" >/dev/null
    return
  fi
  # server info is not this admin's to read: ask Keycloak whether it keeps the policies as they are
  jq -c '{policies: .policies}' "$WORK/state.json" > "$WORK/same-policies.json" || return 1
  admin PUT "/realms/$(enc "$realm")/client-policies/policies" "$WORK/same-policies.json" >/dev/null 2>&1
}

# Whether Keycloak has every executor and condition the record would put back. Unknown when server info is not this
# admin's to read: then Keycloak's own refusal of the first write (the profiles) stops the attach.
record_providers_known() {
  providers_read || return 0
  jq -e --slurpfile known "$WORK/providers.ids" '
    ([.record.profiles[].removed[].executor.executor] | all(. as $e | $known[0].executors | index($e)))
    and ([.record.policies[] | .removed.policy.conditions[]?.condition] | all(. as $c | $known[0].conditions | index($c)))' \
    "$WORK/state.json" >/dev/null
}

# put_planned REALM profiles|policies: writes the plan's profiles or policies.
put_planned() {
  jq -c --arg kind "$2" '{($kind): .[$kind]}' "$WORK/plan.json" > "$WORK/put-$2.json" || return 1
  admin PUT "/realms/$(enc "$1")/client-policies/$2" "$WORK/put-$2.json" >/dev/null
}

print_changes() {
  local realm=$1 line
  jq -r '.changes[]' "$WORK/plan.json" | while IFS= read -r line; do say "$realm" "$line"; done
}

not_ours() {
  complain "$1" "the realm attribute $RECORD holds something this script did not write ($(jq -r '.recordProblem' "$WORK/state.json")): \
nothing changed; see it and remove it with: $0 forget --realm <this realm>"
}

detach() {
  local realm=$1 remove=false
  state "$realm" || return 1
  if [[ $(jq '.record != null' "$WORK/state.json") == true ]]; then
    if [[ $(jq '.recordProblem != null' "$WORK/state.json") == true ]]; then
      not_ours "$realm"
    else
      complain "$realm" "detached already (attach first): nothing changed"
    fi
    return 1
  fi
  # without the pack's JAR, Keycloak refuses policies that name its condition, even switched off: those go whole
  if ! conditions_known "$realm"; then
    remove=true
  fi
  jq --arg default "$DEFAULT_ADMIN_THEME" --argjson remove "$remove" "$DETACH" "$WORK/state.json" > "$WORK/plan.json" || return 1
  if [[ $(jq '.changes | length' "$WORK/plan.json") == 0 ]]; then
    say "$realm" "nothing of NHI Guard to detach"
    return 0
  fi
  print_changes "$realm"
  [[ $DRY_RUN == true ]] && return 0
  # the record first: whatever step fails after it, attach puts back what was taken
  jq -c '.record' "$WORK/plan.json" > "$WORK/record.json" || return 1
  write_record "$realm" "$WORK/record.json" || return 1
  put_planned "$realm" policies || return 1
  put_planned "$realm" profiles || return 1
  realm_change || return 1
  write_realm "$realm" || return 1
  say "$realm" "detached (record in realm attribute $RECORD)"
}

attach() {
  local realm=$1
  state "$realm" || return 1
  if [[ $(jq '.record == null' "$WORK/state.json") == true ]]; then
    say "$realm" "not detached (no $RECORD): nothing changed"
    return 0
  fi
  if [[ $(jq '.recordProblem != null' "$WORK/state.json") == true ]]; then
    not_ours "$realm"
    return 1
  fi
  jq --arg default "$DEFAULT_ADMIN_THEME" "$ATTACH" "$WORK/state.json" > "$WORK/plan.json" || return 1
  if [[ $(jq '.missing | length' "$WORK/plan.json") != 0 ]]; then
    complain "$realm" "the record names $(jq -r '.missing | join(", ")' "$WORK/plan.json"), which no longer exist: nothing changed \
(put them back under those names, or see the record and remove it with: $0 forget --realm <this realm>)"
    return 1
  fi
  if ! record_providers_known; then
    complain "$realm" "this Keycloak lacks providers the detached policies name (is the pack's JAR in providers/?): nothing changed"
    return 1
  fi
  print_changes "$realm"
  [[ $DRY_RUN == true ]] && return 0
  put_planned "$realm" profiles || return 1
  put_planned "$realm" policies || return 1
  realm_change || return 1
  write_realm "$realm" || return 1
  : > "$WORK/no-record.json"
  write_record "$realm" "$WORK/no-record.json" || return 1
  say "$realm" "attached"
}

forget() {
  local realm=$1
  state "$realm" || return 1
  if [[ $(jq '.record == null' "$WORK/state.json") == true ]]; then
    say "$realm" "no $RECORD: nothing changed"
    return 0
  fi
  say "$realm" "$RECORD holds: $(jq -r "$JQ_SHOWN"' .recordText | shown' "$WORK/state.json")"
  [[ $DRY_RUN == true ]] && return 0
  : > "$WORK/no-record.json"
  write_record "$realm" "$WORK/no-record.json" || return 1
  say "$realm" "$RECORD removed; nothing else changed"
}

if [[ $ALL == true ]]; then
  authorize
  # NUL-separated: a realm name may hold a line break
  admin GET /realms > "$WORK/realms.json" || exit 1
  mapfile -d '' -t REALMS < <(jq -j '.[].realm | . + "\u0000"' "$WORK/realms.json")
fi
status=0
for realm in "${REALMS[@]}"; do
  authorize
  "$ACTION" "$realm" || status=1
done
exit $status
