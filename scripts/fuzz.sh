#!/usr/bin/env bash
# Long property-test run ("fuzzing") over the adapters, the JSON-Pointer mapping
# and the sanitizer policy: rounds of PROPTEST_CASES cases each, every round with
# a fresh random seed, until FUZZ_SECONDS have passed. `make test` runs the same
# properties with 256 cases. A failure prints the minimal input and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
cases=${FUZZ_CASES:-5000}
cargo test --lib --no-run -q
end=$((SECONDS + seconds))
round=0
while [ "$SECONDS" -lt "$end" ]; do
  round=$((round + 1))
  seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')
  echo "fuzz round $round: $cases cases per property, seed $seed ($((end - SECONDS)) s left)"
  log=target/fuzz-round.log
  if ! PROPTEST_CASES=$cases PROPTEST_RNG_SEED=$seed cargo test --lib -q -- fuzz >"$log" 2>&1; then
    grep -E 'FAILED|minimal|panicked' "$log" || tail -20 "$log"
    echo "fuzz: failure in round $round (replay: PROPTEST_RNG_SEED=$seed PROPTEST_CASES=$cases cargo test --lib fuzz)"
    exit 1
  fi
  grep -E 'test result' "$log"
done
echo "fuzz: $round rounds, no failures"
