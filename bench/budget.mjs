// Size budget: fails when the release build grows past bench/budget.json.
// Deterministic (bytes, not time), so it runs in `make test`. When a change cuts
// bytes, ratchet the budget down to the new size plus 5%.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const budget = JSON.parse(fs.readFileSync(path.join(root, 'bench/budget.json'), 'utf8'));
const brotli = (dir) => fs.readdirSync(dir)
  .filter((f) => /\.(html|js|wasm|css|json)$/.test(f) && f !== '404.html')
  .reduce((t, f) => t + zlib.brotliCompressSync(fs.readFileSync(path.join(dir, f)),
    { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0);

let passed = 0; let failed = 0;
for (const [key, dir] of [['app_brotli_bytes', 'dist'], ['widget_brotli_bytes', 'dist-embed']]) {
  if (budget[key] == null) continue;
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) { console.log(`FAIL ${key}: ${dir}/ is missing`); failed++; continue; }
  const size = brotli(full);
  const ok = size <= budget[key];
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${key}: ${size} bytes (budget ${budget[key]}, ${((size / budget[key]) * 100).toFixed(1)}%)`);
  ok ? passed++ : failed++;
}
console.log(`budget: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
