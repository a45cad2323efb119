#!/usr/bin/env bash
# Prints the home of a JDK that can run Keycloak 26.7.3 (Java 21 or newer), newest first.
# Looks at NHI_SERVER_JAVA_HOME, JAVA_HOME, then the usual install folders. Exits 1 with a message if none.
set -euo pipefail

feature_version() {
  local release="$1/release"
  [[ -f "$release" ]] || { echo 0; return; }
  local v
  v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$release" | head -n 1)
  echo "${v:-0}"
}

candidates=()
[[ -n "${NHI_SERVER_JAVA_HOME:-}" ]] && candidates+=("$NHI_SERVER_JAVA_HOME")
[[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
for root in /usr/lib/jvm /usr/java /opt/java "$HOME/.sdkman/candidates/java" /Library/Java/JavaVirtualMachines; do
  [[ -d "$root" ]] || continue
  for dir in "$root"/*; do
    [[ -d "$dir/Contents/Home" ]] && dir="$dir/Contents/Home"
    candidates+=("$dir")
  done
done

best="" best_version=0
for home in "${candidates[@]}"; do
  v=$(feature_version "$home")
  if (( v >= 21 )) && [[ -x "$home/bin/java" ]]; then
    # an explicit choice wins over a newer JDK found by scanning
    if [[ "$home" == "${NHI_SERVER_JAVA_HOME:-}" ]]; then best=$home; break; fi
    if (( v > best_version )); then best=$home best_version=$v; fi
  fi
done

if [[ -z "$best" ]]; then
  echo "No JDK 21 or newer found (Keycloak 26.7.3 needs one). Looked at: ${candidates[*]:-nothing}." >&2
  echo "Install one (for example Temurin 21 or 25) or set NHI_SERVER_JAVA_HOME to its folder." >&2
  exit 1
fi
echo "$best"
