// Writes `<file>.br` (brotli 11) and `<file>.gz` (gzip 9) beside each html, js, wasm,
// css and json file of a built site, once at build time: ziar-server sends these as
// they are instead of compressing the 1.3 MB wasm on every request (brotli at the
// quality a response allows costs ~75 ms of CPU per request here and gives ~20 % more
// bytes than quality 11). Usage: node scripts/precompress.mjs <dir>
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.error('usage: node scripts/precompress.mjs <built site folder>');
  process.exit(2);
}
let files = 0;
for (const name of fs.readdirSync(dir, { recursive: true })) {
  const file = path.join(dir, name);
  if (!/\.(html|js|wasm|css|json)$/.test(name) || !fs.statSync(file).isFile()) continue;
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  files++;
}
console.log(`precompress: ${files} files in ${dir} (.br and .gz beside each)`);
