#!/usr/bin/env bash
# The token path's figures of record: the pack's share of CPU samples and of allocated bytes under load (JFR), three
# profiled runs of TokenBenchmark with the demo policies against a built-in-only baseline, and the median of each.
# Run from the repository root after `mvn -B -ntp -DskipTests -DskipITs install`. RUNS (3) and ROUNDS (20) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
rounds="${ROUNDS:-20}"
out=bench/target/profile
mkdir -p "$out"
mvn -B -ntp -q -pl bench -Pbench -DskipTests -DskipITs compile
cpu=(); alloc=()
for i in $(seq 1 "$runs"); do
  jfr="$out/token-$i.jfr"
  rm -f "$jfr"
  # stack depth 1024 so deep Keycloak stacks are not cut; allocation sampling raised to tens of thousands of samples a run
  NHI_SERVER_JAVA_OPTS_APPEND="-XX:FlightRecorderOptions=stackdepth=1024 -XX:StartFlightRecording=filename=$jfr,settings=profile,jdk.ObjectAllocationSample#throttle=2000/s" \
    mvn -B -ntp -Pbench -DskipTests -DskipITs verify -pl bench -Dbench.main=dev.nhiguard.bench.TokenBenchmark \
    -Dbench.policies=demo -Dbench.baseline=builtin -Dbench.profile=true -Dbench.rounds="$rounds" > "$out/token-$i.log" 2>&1
  java -cp bench/target/classes dev.nhiguard.bench.JfrShare "$jfr" bench/target/profile-window.txt | tee "$out/share-$i.txt"
  cpu+=("$(grep '^measured load.*CPU samples' "$out/share-$i.txt" | sed -E 's/.*\(([0-9.]+) %\)$/\1/')")
  alloc+=("$(grep '^measured load.*allocation samples' "$out/share-$i.txt" | sed -E 's/.*\(([0-9.]+) %\)$/\1/')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "runs: $runs; CPU shares: ${cpu[*]}; allocation shares: ${alloc[*]}"
echo "median share of CPU samples: $(median "${cpu[@]}") %; median share of allocated bytes: $(median "${alloc[@]}") %"
