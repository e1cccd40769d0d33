#!/usr/bin/env bash
# The embed build: custom elements <ziar-recent-posts>, <ziar-share>, <ziar-article>
# and the iframe page, into <dist>/embed/ (first argument, default dist). Run after `trunk build` (which replaces dist/).
#
#   one bundle per element, and per common set of elements (BUNDLES below):
#   cargo (release, wasm32, bin ziar-embed-<name>, feature embed) → wasm-bindgen --target web → wasm-opt -Os
#   → glue, entry and stylesheet minified (esbuild)
#   → content-hashed glue, wasm and stylesheet (the sections of embed/ziar-embed.css
#     for its elements) per bundle, and the stable entry ziar-embed.js, which gets the
#     manifest (bundles.json: each bundle's files, the elements it serves and its brotli
#     bytes) and loads, per page, the cheapest set of bundles that covers the elements on it
#   + demo.html and the iframe mode files, copied as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}/embed
work=target/embed
rm -rf "$work" "$out"
mkdir -p "$work" "$out"

# name:cargo bin:the elements its wasm serves (its src/bin file names the same ones).
BUNDLES=(
  "share:ziar-embed-share:ziar-share"
  "recent:ziar-embed-recent:ziar-recent-posts"
  "recent-share:ziar-embed-recent-share:ziar-recent-posts ziar-share"
  "article:ziar-embed-article:ziar-article ziar-share"
  "all:ziar-embed:ziar-recent-posts ziar-share ziar-article"
)

bins=()
for b in "${BUNDLES[@]}"; do IFS=: read -r _ bin _ <<<"$b"; bins+=(--bin "$bin"); done
cargo build --release --target wasm32-unknown-unknown "${bins[@]}" --features embed

hash() { sha256sum "$1" | cut -c1-16; }
brotli() { node -e 'const fs=require("fs"),z=require("zlib");let n=0;for(const f of process.argv.slice(1))n+=z.brotliCompressSync(fs.readFileSync(f),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length;console.log(n)' "$@"; }
# A stylesheet per bundle: the sections of embed/ziar-embed.css marked `@for all` or
# `@for` one of the elements it serves.
stylesheet() {
  awk -v tags=" $1 " '/^\/\* @for /{ keep = 0; n = split($0, w, " "); for (i = 3; i <= n; i++) if (w[i] == "all" || index(tags, " " w[i] " ")) keep = 1 } keep' embed/ziar-embed.css
}
manifest=""
for b in "${BUNDLES[@]}"; do
  IFS=: read -r name bin tags <<<"$b"
  stem=${bin//-/_}
  wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name "$stem" \
    "target/wasm32-unknown-unknown/release/$bin.wasm"
  wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$work/${stem}_bg.opt.wasm" "$work/${stem}_bg.wasm"
  # The glue, minified with the pinned esbuild (scripts/tools.sh); it keeps export names.
  esbuild --minify --format=esm --log-level=warning --outfile="$work/$stem.min.js" "$work/$stem.js"
  stylesheet "$tags" > "$work/$stem.css"
  esbuild --minify --log-level=warning --outfile="$work/$stem.min.css" "$work/$stem.css"
  wasm="ziar-embed-$name-$(hash "$work/${stem}_bg.opt.wasm")_bg.wasm"
  core="ziar-embed-$name-core-$(hash "$work/$stem.min.js").js"
  css="ziar-embed-$name-$(hash "$work/$stem.min.css").css"
  cp "$work/${stem}_bg.opt.wasm" "$out/$wasm"
  cp "$work/$stem.min.js" "$out/$core"
  cp "$work/$stem.min.css" "$out/$css"
  bytes=$(brotli "$out/$core" "$out/$wasm" "$out/$css")
  tag_list=$(printf '"%s",' $tags)
  manifest+="{\"name\":\"$name\",\"tags\":[${tag_list%,}],\"core\":\"$core\",\"wasm\":\"$wasm\",\"css\":\"$css\",\"bytes\":$bytes},"
done
manifest="[${manifest%,}]"
# Also beside the files: the budget test, the bench and the e2e tests read it.
echo "$manifest" > "$out/bundles.json"
sed -e "s/__ZIAR_BUNDLES__/${manifest//&/\\&}/" embed/ziar-embed.js > "$work/ziar-embed.js"
if grep -q '__ZIAR_' "$work/ziar-embed.js"; then echo "embed.sh: a placeholder was left in ziar-embed.js" >&2; exit 1; fi
esbuild --minify --format=esm --log-level=warning --outfile="$out/ziar-embed.js" "$work/ziar-embed.js"
cp embed/demo.html embed/demo.css embed/recent.html embed/iframe.js embed/iframe.css embed/ziar-iframe-host.js "$out/"

# What a host page downloads for one element alone (entry + its css + its bundle's glue and wasm).
node -e '
const fs = require("fs"), zlib = require("zlib"), path = require("path");
const [out, manifest] = process.argv.slice(1);
const sizes = (files) => files.reduce((t, f) => {
  const b = fs.readFileSync(path.join(out, f));
  t.raw += b.length;
  t.gzip += zlib.gzipSync(b, { level: 9 }).length;
  return t;
}, { raw: 0, gzip: 0 });
// The bundle brotli size is in the manifest already (`bytes`); only the entry is new here.
const entry = zlib.brotliCompressSync(fs.readFileSync(path.join(out, "ziar-embed.js")), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
for (const b of JSON.parse(fs.readFileSync(manifest, "utf8"))) {
  const s = sizes(["ziar-embed.js", b.css, b.core, b.wasm]);
  console.log(`embed: bundle ${b.name.padEnd(12)} (${b.tags.join(", ")}): raw ${s.raw}, gzip ${s.gzip}, brotli ${entry + b.bytes} with the entry and css`);
}
' "$out" "$out/bundles.json"
