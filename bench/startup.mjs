// Where a cold article load spends its time, under the bench's conditions (headless
// Chromium, loopback, CPU throttled 4x, cache off). Prints, per run: every request
// (start/end, ms from navigation), the app's `ziar:*` performance marks, the long
// tasks, and console warnings (e.g. an unused preload); then the medians.
//   node bench/startup.mjs [runs] [distA distB …]   (after `make dist newsroom`)
// With several dist folders (copies of earlier builds), their loads are interleaved
// and each gets its own medians: an A/B comparison under the same machine load.
// Not pass/fail: a tool for finding what to cut.
import path from 'node:path';
import { startNewsroom, launch, DIST } from '../tests/e2e/harness.mjs';
import { benchArticle, startStaticArticle, throttledPage, waitInPage } from './pages.mjs';

const RUNS = Number(process.argv[2] || process.env.BENCH_RUNS || 5);
const DISTS = process.argv.length > 3 ? process.argv.slice(3).map((d) => path.resolve(d)) : [DIST];
const VERBOSE = process.env.VERBOSE === '1';

const newsrooms = [];
for (const d of DISTS) newsrooms.push(await startNewsroom([], { dist: d }));
const browser = await launch();
const article = await benchArticle(newsrooms[0].url);
// The static page, loaded in the same rounds, so each build's ratio to it is
// measured under the same machine load.
const staticPage = await startStaticArticle(article, DISTS[0]);
const staticUrl = staticPage.url;

async function run(newsroom, url = `${newsroom.url}/articol/${article.slug}`) {
  const { context, page, cdp } = await throttledPage(browser);
  await cdp.send('Network.enable');
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text().slice(0, 160)); });
  const reqs = new Map();
  cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url.replace(new URL(url).origin, ''), t0: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => { const r = reqs.get(e.requestId); if (r) { r.t1 = e.timestamp; r.bytes = e.encodedDataLength; } });
  await page.goto(url, { waitUntil: 'load' });
  await waitInPage(cdp, url === staticUrl ? () => window.__m.visible !== null : () => window.__m.visible !== null && window.__m.list !== null);
  await page.waitForTimeout(1500);
  const m = await page.evaluate(() => {
    const nav = performance.timeOrigin / 1000;
    const marks = performance.getEntriesByType('mark').filter((e) => e.name.startsWith('ziar:')).map((e) => [e.name.slice(5), e.startTime]);
    const res = performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), e.startTime, e.responseEnd]);
    const fcp = window.__m.fcp ?? 0;
    const tbt = window.__m.longTasks.filter(([s]) => s >= fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
    return { nav, marks, res, ...window.__m, tbt };
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
staticPage.close();
