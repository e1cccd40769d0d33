#!/usr/bin/env bash
# Bytes only: the release wasm built with nightly `build-std` and `panic_immediate_abort`
# (std rebuilt for size, panics without messages or location strings). Not part of the
# default build, which stays on stable; see README "Performance".
# Needs: the nightly toolchain with the `rust-src` component and the wasm32 target
#   rustup component add rust-src --toolchain nightly
#   rustup target add wasm32-unknown-unknown --toolchain nightly
# Usage: bench/nightly_size.sh   (writes target/nightly-size/, prints raw/gzip/brotli bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  echo "nightly_size: the nightly toolchain has no rust-src (rustup component add rust-src --toolchain nightly)" >&2
  exit 2
fi
out=target/nightly-size
mkdir -p "$out"
# panic_immediate_abort became a panic strategy in recent nightlies; older ones take it as a std feature.
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
  cargo +nightly build --release --target wasm32-unknown-unknown --bin ziar \
  -Zbuild-std=std,panic_abort --target-dir "$out/target" \
  || RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none" cargo +nightly build --release \
     --target wasm32-unknown-unknown --bin ziar --target-dir "$out/target" \
     -Zbuild-std=std,panic_abort -Zbuild-std-features=panic_immediate_abort
wasm-bindgen --target web --out-dir "$out" "$out/target/wasm32-unknown-unknown/release/ziar.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$out/ziar_bg.wasm" -o "$out/ziar_bg.opt.wasm"
node -e '
const fs = require("fs"), z = require("zlib");
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${f}: raw ${b.length}, gzip ${z.gzipSync(b, { level: 9 }).length}, brotli ${br}`);
}' "$out/ziar_bg.opt.wasm" "$out/ziar.js"
