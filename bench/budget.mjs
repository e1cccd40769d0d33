// Size budget: fails when the release build grows past bench/budget.json.
// Deterministic (bytes, not time), so it runs in `make test`. When a change cuts
// bytes, ratchet the budget down to the new size plus 2% (a new budget starts at +5%).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PAGES, firstLoad } from './widgets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const budget = JSON.parse(fs.readFileSync(path.join(root, 'bench/budget.json'), 'utf8'));
const brotliOf = (file) => zlib.brotliCompressSync(fs.readFileSync(file),
  { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
// The SPA's first load: the top level of dist/ (html, js, wasm, css, config; not 404.html).
const app = (dir) => fs.readdirSync(dir)
  .filter((f) => /\.(html|js|wasm|css|json)$/.test(f) && f !== '404.html')
  .map((f) => path.join(dir, f));
// The widgets: what a host page with one element (or all three) loads first from
// dist/embed/: the entry, the CSS and the bundle(s) ziar-embed.js picks for it.
const checks = [['app_brotli_bytes', 'dist', app],
  ...PAGES.map(([key, tags]) => [key, 'dist/embed', (dir) => firstLoad(dir, tags)])];

let passed = 0; let failed = 0;
for (const [key, dir, files] of checks) {
  if (budget[key] == null) { console.log(`skip ${key}: no budget set yet`); continue; }
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) { console.log(`FAIL ${key}: ${dir}/ is missing`); failed++; continue; }
  const size = files(full).reduce((t, f) => t + brotliOf(f), 0);
  const ok = size <= budget[key];
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${key}: ${size} bytes (budget ${budget[key]}, ${((size / budget[key]) * 100).toFixed(1)}%)`);
  ok ? passed++ : failed++;
}
console.log(`budget: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
