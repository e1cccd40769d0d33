#!/usr/bin/env bash
# Bytes only: the release wasm of the app (bin ziar) and of the widget build (bin
# ziar-embed) built with nightly `build-std` and `panic_immediate_abort` (std rebuilt
# for size, panics without messages or location strings, no Debug formatting). Not
# part of the default build, which stays on stable; see README "Performance".
# Needs: the nightly toolchain with the `rust-src` component (build-std compiles std
# from it, so the nightly wasm32 target itself is not needed):
#   rustup component add rust-src --toolchain nightly
# Usage: bench/nightly_size.sh [bin…]   (default: ziar ziar-embed; writes
# target/nightly-size/, prints raw/gzip/brotli bytes of the wasm and the glue)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  echo "nightly_size: the nightly toolchain has no rust-src (rustup component add rust-src --toolchain nightly)" >&2
  exit 2
fi
out=target/nightly-size
mkdir -p "$out"
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=(ziar ziar-embed)
for bin in "${bins[@]}"; do
  # The widget build is built as scripts/embed.sh builds it (feature embed).
  features=(); [ "$bin" = ziar-embed ] && features=(--features embed)
  # panic_immediate_abort became a panic strategy in recent nightlies; older ones take it as a std feature.
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
    cargo +nightly build --release --target wasm32-unknown-unknown --bin "$bin" "${features[@]}" \
    -Zbuild-std=std,panic_abort --target-dir "$out/target" \
    || RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none" cargo +nightly build --release \
       --target wasm32-unknown-unknown --bin "$bin" "${features[@]}" --target-dir "$out/target" \
       -Zbuild-std=std,panic_abort -Zbuild-std-features=panic_immediate_abort
  name=${bin//-/_}
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$out/target/wasm32-unknown-unknown/release/$bin.wasm"
  # The same wasm-opt level as the stable builds (index.html data-wasm-opt, scripts/embed.sh).
  wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$out/${name}_bg.wasm" -o "$out/${name}_bg.opt.wasm"
  node -e '
const fs = require("fs"), z = require("zlib");
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${f}: raw ${b.length}, gzip ${z.gzipSync(b, { level: 9 }).length}, brotli ${br}`);
}' "$out/${name}_bg.opt.wasm" "$out/$name.js"
  # The widget's numbers with the glue minified as embed.sh ships it.
  if command -v esbuild >/dev/null; then
    esbuild --minify --format=esm --log-level=warning --outfile="$out/$name.min.js" "$out/$name.js"
    node -e '
const fs = require("fs"), z = require("zlib"), f = process.argv[1], b = fs.readFileSync(f);
console.log(`${f}: raw ${b.length}, brotli ${z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length}`);' "$out/$name.min.js"
  fi
done
