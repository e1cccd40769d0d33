#!/usr/bin/env bash
# What Leptos alone costs: builds bench/floor (a counter; then the same behind leptos_router)
# with Ziar's release profile, wasm-bindgen and wasm-opt -Oz, and prints brotli bytes of wasm + glue.
# Usage: bench/floor.sh   (after `make tools`; about 5 minutes cold, seconds warm)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
out=target/floor
for variant in counter router; do
  features=()
  [ "$variant" = router ] && features=(--features router)
  cargo build --quiet --release --target wasm32-unknown-unknown --manifest-path bench/floor/Cargo.toml \
    --target-dir "$out/target" "${features[@]}"
  wasm-bindgen --target web --no-typescript --out-dir "$out/$variant" \
    "$out/target/wasm32-unknown-unknown/release/floor.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/$variant/floor_bg.opt.wasm" "$out/$variant/floor_bg.wasm"
  node -e '
const fs = require("fs"), z = require("zlib");
let raw = 0, br = 0;
for (const f of process.argv.slice(2)) {
  const b = fs.readFileSync(f);
  raw += b.length;
  br += z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
console.log(`floor ${process.argv[1]}: wasm + glue raw ${raw}, brotli ${br}`);
' "$variant" "$out/$variant/floor_bg.opt.wasm" "$out/$variant/floor.js"
done
