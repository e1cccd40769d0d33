#!/usr/bin/env bash
# Runs every suite (host, browser, budget, docs, end-to-end), even after a
# failure, prints each runner's summary, then one total line. Exits non-zero if
# any suite failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/test-logs
status=0
passed=0
failed=0

run() { # name, command...
  local name=$1; shift
  printf '\n\033[1m==> %s: %s\033[0m\n' "$name" "$*"
  "$@" 2>&1 | tee "target/test-logs/$name.log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -ne 0 ] && status=1 && echo "!! $name suite failed (exit $rc)"
  # cargo and wasm-bindgen-test: "test result: ok. N passed; M failed"; node: "ℹ pass N" / "ℹ fail M".
  local p f
  p=$(grep -hoE '[0-9]+ passed;' "target/test-logs/$name.log" | awk '{s+=$1} END {print s+0}')
  f=$(grep -hoE '[0-9]+ failed;' "target/test-logs/$name.log" | awk '{s+=$1} END {print s+0}')
  p=$((p + $(grep -hoE '^ℹ pass [0-9]+' "target/test-logs/$name.log" | awk '{s+=$3} END {print s+0}')))
  p=$((p + $(grep -hoE '^budget: [0-9]+ passed' "target/test-logs/$name.log" | awk '{s+=$2} END {print s+0}')))
  f=$((f + $(grep -hoE '^budget: [0-9]+ passed, [0-9]+ failed' "target/test-logs/$name.log" | awk '{s+=$4} END {print s+0}')))
  f=$((f + $(grep -hoE '^ℹ fail [0-9]+' "target/test-logs/$name.log" | awk '{s+=$3} END {print s+0}')))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "$name: $p passed, $f failed" >> target/test-logs/summary.txt
  passed=$((passed + p)); failed=$((failed + f))
}

: > target/test-logs/summary.txt
run host cargo test --workspace
run browser cargo test --target wasm32-unknown-unknown --test browser --test xss
run budget node bench/budget.mjs
run docs node --test --test-reporter=spec tests/docs/docs.test.mjs
run e2e bash -c 'cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec *.test.mjs'

printf '\n\033[1m==> summary\033[0m\n'
cat target/test-logs/summary.txt
echo "total: $passed passed, $failed failed"
exit $status
