#!/usr/bin/env bash
# The embed build: custom elements <ziar-recent-posts>, <ziar-share>, <ziar-article>
# and the iframe page, into <dist>/embed/ (first argument, default dist). Run after `trunk build` (which replaces dist/).
#
#   cargo (release, wasm32, bin ziar-embed, feature embed) → wasm-bindgen --target web → wasm-opt -Os
#   → glue, entry and stylesheet minified (esbuild)
#   → content-hashed glue/wasm/css + the stable entry ziar-embed.js (hashes filled in)
#   + demo.html and the iframe mode files, copied as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}/embed
work=target/embed
rm -rf "$work" "$out"
mkdir -p "$work" "$out"

cargo build --release --target wasm32-unknown-unknown --bin ziar-embed --features embed
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name ziar_embed \
  target/wasm32-unknown-unknown/release/ziar-embed.wasm
wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  -o "$work/ziar_embed_bg.opt.wasm" "$work/ziar_embed_bg.wasm"

# The glue, minified with the pinned esbuild (scripts/tools.sh); it keeps export names.
esbuild --minify --format=esm --log-level=warning --outfile="$work/ziar_embed.min.js" "$work/ziar_embed.js"

hash() { sha256sum "$1" | cut -c1-16; }
wasm="ziar-embed-$(hash "$work/ziar_embed_bg.opt.wasm")_bg.wasm"
cp "$work/ziar_embed_bg.opt.wasm" "$out/$wasm"
core="ziar-embed-core-$(hash "$work/ziar_embed.min.js").js"
cp "$work/ziar_embed.min.js" "$out/$core"
esbuild --minify --log-level=warning --outfile="$work/ziar-embed.css" embed/ziar-embed.css
css="ziar-embed-$(hash "$work/ziar-embed.css").css"
cp "$work/ziar-embed.css" "$out/$css"
sed -e "s/__ZIAR_CORE__/$core/" -e "s/__ZIAR_WASM__/$wasm/" -e "s/__ZIAR_CSS__/$css/" \
  embed/ziar-embed.js > "$work/ziar-embed.js"
if grep -q '__ZIAR_' "$work/ziar-embed.js"; then echo "embed.sh: a placeholder was left in ziar-embed.js" >&2; exit 1; fi
esbuild --minify --format=esm --log-level=warning --outfile="$out/ziar-embed.js" "$work/ziar-embed.js"
cp embed/demo.html embed/demo.css embed/recent.html embed/iframe.js embed/iframe.css embed/ziar-iframe-host.js "$out/"

# Sizes of what a host page downloads for the widgets (entry + glue + wasm + css).
node -e '
const fs = require("fs"), zlib = require("zlib");
let raw = 0, gz = 0, br = 0;
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  raw += b.length;
  gz += zlib.gzipSync(b, { level: 9 }).length;
  br += zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
console.log(`embed: widget bytes (ziar-embed.js + glue + wasm + css): raw ${raw}, gzip ${gz}, brotli ${br}`);
' "$out/ziar-embed.js" "$out/$core" "$out/$wasm" "$out/$css"
