// One cold article load under the bench's conditions, traced: prints each main-thread
// task over 30 ms (start and length from navigation start), the app's `ziar:*` marks
// inside it, and what it spent its time on (lazy wasm compilation, script, style,
// layout, paint, GC), then the whole load's totals. Where `profile.mjs` says which
// functions ran, this says which browser work the tasks hold (V8 compiles each wasm
// function lazily, on the main thread, the first time it runs). Not pass/fail.
//   node bench/trace.mjs [dist]       (after `make dist newsroom`)
//   node bench/trace.mjs --server     the same article from ziar-server, until hydrated (after `make server`)
// ZIAR_CHROME_ARGS (see tests/e2e/harness.mjs) passes Chromium flags, e.g.
// "--js-flags=--no-wasm-lazy-compilation" to see what eager compilation would change.
// KEEP=1 keeps the trace file and prints its path (it opens in DevTools' Performance panel).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNewsroom, startServer, launch, DIST } from '../tests/e2e/harness.mjs';
import { benchArticle, throttledPage, waitInPage } from './pages.mjs';

const SERVER = process.argv[2] === '--server';
const dist = path.resolve((!SERVER && process.argv[2]) || DIST);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ziar-trace-')), 'trace.json');
const newsroom = await startNewsroom([], { dist });
const browser = await launch();
const server = SERVER ? await startServer(`${newsroom.url}/wp-json/wp/v2/`, [], { config: { locale: 'ro', time_zone: 'Europe/Bucharest' } }) : null;
try {
  const article = await benchArticle(newsroom.url);
  const { context, page, cdp } = await throttledPage(browser);
  await page.goto('about:blank');
  await browser.startTracing(page, {
    path: file,
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading'],
  });
  await page.goto(`${(server ?? newsroom).url}/articol/${article.slug}`, { waitUntil: 'load' });
  if (server) await waitInPage(cdp, () => performance.getEntriesByName('ziar:hydrated').length > 0);
  else await waitInPage(cdp, () => window.__m.list !== null);
  await page.waitForTimeout(500);
  await browser.stopTracing();
  await context.close();
} finally {
  await browser.close();
  server?.stop();
  newsroom.stop();
}

const { traceEvents: ev } = JSON.parse(fs.readFileSync(file, 'utf8'));
const thread = ev.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const main = ev.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
// Navigation start, from a mark's own `startTime` (the trace holds several navigationStart events).
const anchor = ev.find((e) => e.name?.startsWith('ziar:') && e.args?.data?.startTime != null);
const t0 = anchor.ts - anchor.args.data.startTime * 1000;
const ms = (ts) => Math.round((ts - t0) / 1000);
const marks = ev.filter((e) => e.name?.startsWith('ziar:') && e.pid === thread.pid);
const fcp = ev.find((e) => e.name === 'firstContentfulPaint' && e.pid === thread.pid && e.ts > t0);
const KINDS = {
  'wasm.CompileLazy': 'lazy compile', FunctionCall: 'script', EvaluateScript: 'script', TimerFire: 'script',
  UpdateLayoutTree: 'style', Layout: 'layout', Paint: 'paint', PrePaint: 'paint', Commit: 'paint',
  MinorGC: 'gc', MajorGC: 'gc', ParseHTML: 'html',
};
// Nested events (a compile inside a function call) count in both: the kinds overlap.
const spent = (from, to) => {
  const by = {};
  for (const e of main) if (e.ph === 'X' && KINDS[e.name] && e.ts >= from && e.ts < to) by[KINDS[e.name]] = (by[KINDS[e.name]] ?? 0) + e.dur / 1000;
  return Object.entries(by).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
};
console.log(`first contentful paint at ${fcp ? ms(fcp.ts) : '-'} ms`);
console.log('  start  length  marks | spent on (ms; lazy compile also counts inside script)');
let blocking = 0;
for (const t of main.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur > 30000 && e.ts >= t0)) {
  const inside = marks.filter((m) => m.ts >= t.ts && m.ts < t.ts + t.dur).map((m) => m.name.slice(5));
  if (fcp && t.ts >= fcp.ts) blocking += Math.max(0, t.dur / 1000 - 50);
  console.log(`${String(ms(t.ts)).padStart(7)} ${String(Math.round(t.dur / 1000)).padStart(7)}  ${inside.join(' ') || '-'} | ${spent(t.ts, t.ts + t.dur)}`);
}
const lazy = main.filter((e) => e.name === 'wasm.CompileLazy');
console.log(`\nwhole load: ${spent(t0, Infinity)}`);
console.log(`lazily compiled wasm functions: ${lazy.length}; blocking time after FCP (traced, so inflated): ${Math.round(blocking)} ms`);
if (!process.env.KEEP) fs.rmSync(path.dirname(file), { recursive: true }); else console.log(file);
