#!/usr/bin/env bash
# Prints the home of a JDK that can run Keycloak (Java 21 or newer). The one place that decides, used by run.sh,
# the test harness and the benchmarks alike. Order:
#   1. NHI_SERVER_JAVA_HOME: an explicit choice; if it is not a JDK 21+, that is an error, not a reason to look elsewhere
#   2. JAVA_HOME, when it is a JDK 21+
#   3. the newest JDK 21+ in the usual install folders (NHI_JDK_ROOTS, colon-separated, replaces that list)
# Exits 1 with a message on stderr if none is found.
set -euo pipefail

MINIMUM=21

feature_version() {
  local release="$1/release"
  [[ -f "$release" ]] || { echo 0; return; }
  local v
  v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$release" | head -n 1)
  echo "${v:-0}"
}

usable() {
  [[ -n "$1" && -x "$1/bin/java" ]] && (( $(feature_version "$1") >= MINIMUM ))
}

if [[ -n "${NHI_SERVER_JAVA_HOME:-}" ]]; then
  if usable "$NHI_SERVER_JAVA_HOME"; then
    echo "$NHI_SERVER_JAVA_HOME"
    exit 0
  fi
  echo "NHI_SERVER_JAVA_HOME=$NHI_SERVER_JAVA_HOME is not a JDK $MINIMUM or newer (Keycloak needs one)." >&2
  exit 1
fi

if usable "${JAVA_HOME:-}"; then
  echo "$JAVA_HOME"
  exit 0
fi

roots="${NHI_JDK_ROOTS:-/usr/lib/jvm:/usr/java:/opt/java:$HOME/.sdkman/candidates/java:/Library/Java/JavaVirtualMachines}"
best="" best_version=0 looked=()
IFS=':' read -r -a root_list <<< "$roots"
for root in "${root_list[@]}"; do
  [[ -d "$root" ]] || continue
  for dir in "$root"/*; do
    [[ -d "$dir/Contents/Home" ]] && dir="$dir/Contents/Home"
    looked+=("$dir")
    v=$(feature_version "$dir")
    if usable "$dir" && (( v > best_version )); then
      best=$dir best_version=$v
    fi
  done
done

if [[ -z "$best" ]]; then
  echo "No JDK $MINIMUM or newer found (Keycloak needs one). JAVA_HOME=${JAVA_HOME:-unset}; looked at: ${looked[*]:-nothing}." >&2
  echo "Install one (for example Temurin 21 or 25) or set NHI_SERVER_JAVA_HOME to its folder." >&2
  exit 1
fi
echo "$best"
