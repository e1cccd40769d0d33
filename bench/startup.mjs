// Where a cold article load spends its time, under the bench's conditions (headless
// Chromium, loopback, CPU throttled 4x, cache off). Prints, per run: every request
// (start/end, ms from navigation), the app's `ziar:*` performance marks, the long
// tasks, and console warnings (e.g. an unused preload); then the medians.
//   node bench/startup.mjs [runs] [distA distB …]   (after `make dist newsroom`)
// With several dist folders (copies of earlier builds), their loads are interleaved
// and each gets its own medians: an A/B comparison under the same machine load.
// Not pass/fail: a tool for finding what to cut.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, DIST } from '../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] || process.env.BENCH_RUNS || 5);
const DISTS = process.argv.length > 3 ? process.argv.slice(3).map((d) => path.resolve(d)) : [DIST];
const VERBOSE = process.env.VERBOSE === '1';

/** The demo newsroom serving `dist`; resolves with its URL and a stop(). */
function newsroomFor(dist) {
  const proc = spawn(path.join(root, 'target/debug/newsroom'), ['--addr', '127.0.0.1:0', '--dist', dist], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) resolve({ url: m[1], stop: () => proc.kill('SIGTERM') });
    });
    proc.on('exit', (code) => reject(new Error(`newsroom exited with ${code}`)));
  });
}
const newsrooms = [];
for (const d of DISTS) newsrooms.push(await newsroomFor(d));
const browser = await launch();
const [article] = await (await fetch(`${newsrooms[0].url}/wp-json/wp/v2/posts?per_page=1&categories=4&_embed=1`)).json();
// The static page of the same article and CSS (as in bench.mjs), loaded in the same
// rounds, so each build's ratio to it is measured under the same machine load.
const css = fs.readdirSync(DISTS[0]).find((f) => f.endsWith('.css'));
const staticHtml = `<!DOCTYPE html><html lang="ro"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${article.title.rendered}</title><link rel="stylesheet" href="/${css}"></head>
<body><header class="ziar-header"><a class="ziar-brand" href="/">Curierul de Valea Verde</a></header>
<div class="ziar-layout"><main id="main" class="ziar-main"><article class="ziar-article">
<h1 class="ziar-headline">${article.title.rendered}</h1>
<div class="ziar-body">${article.content.rendered}</div></article></main></div></body></html>`;
const staticServer = http.createServer((req, res) => {
  if (req.url === '/article.html') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(staticHtml); return; }
  if (req.url === `/${css}`) { res.writeHead(200, { 'content-type': 'text/css' }); res.end(fs.readFileSync(path.join(DISTS[0], css))); return; }
  res.writeHead(404); res.end();
});
await new Promise((r) => staticServer.listen(0, '127.0.0.1', r));
const staticUrl = `http://127.0.0.1:${staticServer.address().port}/article.html`;

const OBSERVE = () => {
  window.__s = { visible: null, list: null, longTasks: [], fcp: null, lcp: 0, cls: 0 };
  new MutationObserver(() => {
    if (window.__s.visible === null && document.querySelector('.ziar-body p')) window.__s.visible = performance.now();
    if (window.__s.list === null && document.querySelector('.ziar-recent-item')) window.__s.list = performance.now();
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__s.longTasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (e.name === 'first-contentful-paint') window.__s.fcp = e.startTime; })).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.__s.lcp = e.startTime; })).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) window.__s.cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
};

async function run(newsroom, url = `${newsroom.url}/articol/${article.slug}`) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ro-RO' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text().slice(0, 160)); });
  const reqs = new Map();
  cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url.replace(new URL(url).origin, ''), t0: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => { const r = reqs.get(e.requestId); if (r) { r.t1 = e.timestamp; r.bytes = e.encodedDataLength; } });
  await page.addInitScript(OBSERVE);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction((isStatic) => window.__s.visible !== null && (isStatic || window.__s.list !== null), url === staticUrl, { timeout: 30000 });
  await page.waitForTimeout(1500);
  const m = await page.evaluate(() => {
    const nav = performance.timeOrigin / 1000;
    const marks = performance.getEntriesByType('mark').filter((e) => e.name.startsWith('ziar:')).map((e) => [e.name.slice(5), e.startTime]);
    const res = performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), e.startTime, e.responseEnd]);
    const fcp = window.__s.fcp ?? 0;
    const tbt = window.__s.longTasks.filter(([s]) => s >= fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
    return { nav, marks, res, ...window.__s, tbt };
  });
  await context.close();
  return { ...m, warnings, requests: [...reqs.values()] };
}

const fmt = (x) => (x == null ? '-' : Math.round(x).toString()).padStart(6);
const all = DISTS.map(() => []);
const statics = [];
for (let i = 0; i < RUNS; i++) {
  statics.push((await run(null, staticUrl)).visible);
  for (let d = 0; d < DISTS.length; d++) { // interleaved, so machine load hits every build alike
    const r = await run(newsrooms[d]);
    all[d].push(r);
    if ((i === 0 && d === 0) || VERBOSE) {
      console.log(`--- ${DISTS[d]} run ${i + 1}: requests (resource timing, ms from navigation start)`);
      for (const [name, s, e] of r.res) console.log(`${fmt(s)} ${fmt(e)}  ${name.slice(0, 90)}`);
      const dup = r.requests.map((q) => q.url).filter((u, k, a) => a.indexOf(u) !== k);
      if (dup.length) console.log('requested twice:', dup.join(', '));
      console.log('marks:', r.marks.map(([n, t]) => `${n}=${Math.round(t)}`).join(' '));
      console.log('long tasks:', r.longTasks.map(([s, d]) => `${Math.round(s)}+${Math.round(d)}`).join(' '));
      if (r.warnings.length) console.log('console:', r.warnings.join(' | '));
    }
  }
}
const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
const resEnd = (re) => (r) => r.res.filter(([n]) => re.test(n)).map(([, , e]) => e)[0];
for (let d = 0; d < DISTS.length; d++) {
  const runs = all[d];
  const row = (name, pick) => console.log(`${name.padEnd(28)}${fmt(median(runs.map(pick)))}   [${runs.map(pick).map((x) => (x == null ? '-' : Math.round(x))).join(' ')}]`);
  console.log(`\n${DISTS[d]}: medians of ${RUNS} cold loads (ms from navigation start)`);
  row('html+css+js+wasm loaded', (r) => Math.max(...r.res.filter(([n]) => /\.(css|js|wasm)$/.test(n)).map(([, , e]) => e)));
  row('config.json downloaded', resEnd(/config\.json$/));
  row('article API response', (r) => r.res.filter(([n]) => /wp-json.*slug=/.test(n)).map(([, , e]) => e)[0]);
  const marks = [...new Set(runs.flatMap((r) => r.marks.map(([n]) => n)))];
  for (const n of marks) row(`mark ${n}`, (r) => r.marks.find(([k]) => k === n)?.[1]);
  row('article visible', (r) => r.visible);
  console.log(`${'ratio to the static page'.padEnd(28)}${(median(runs.map((r) => r.visible)) / median(statics)).toFixed(2).padStart(6)}   (static page: median ${Math.round(median(statics))} ms [${statics.map(Math.round).join(' ')}])`);
  row('recent list visible', (r) => r.list);
  row('first contentful paint', (r) => r.fcp);
  row('LCP', (r) => r.lcp);
  row('TBT (after FCP)', (r) => r.tbt);
  row('long tasks total', (r) => r.longTasks.reduce((a, [, d]) => a + d, 0));
  row('CLS x1000', (r) => r.cls * 1000);
}

await browser.close();
for (const n of newsrooms) n.stop();
staticServer.close();
