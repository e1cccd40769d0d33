// One cold article load under the bench's conditions (4x CPU throttle, cache off)
// with the V8 sampling profiler on: prints, per 50 ms window from navigation start,
// how busy the main thread was and its top functions by self time (wasm functions
// show as wasm-function[n] in a release build: it has no name section). Then the
// whole load's top functions. For finding where startup time goes; not pass/fail.
//   node bench/profile.mjs [dist]      (after `make dist newsroom`)
import path from 'node:path';
import { startNewsroom, launch, DIST } from '../tests/e2e/harness.mjs';
import { benchArticle, throttledPage, waitInPage } from './pages.mjs';

const dist = path.resolve(process.argv[2] || DIST);
const newsroom = await startNewsroom([], { dist });
const base = newsroom.url;
const browser = await launch();
try {
  const article = await benchArticle(base);
  const { context, page, cdp } = await throttledPage(browser);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.goto('about:blank');
  await cdp.send('Profiler.start');
  await page.goto(`${base}/articol/${article.slug}`, { waitUntil: 'load' });
  await waitInPage(cdp, () => document.querySelector('.ziar-body p') && document.querySelector('.ziar-recent-item'));
  await page.waitForTimeout(500);
  const { profile } = await cdp.send('Profiler.stop');
  const marks = await page.evaluate(() => ({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').map((e) => [e.name, e.startTime]) }));
  await context.close();
  // Sample timestamps are µs on the monotonic clock; align with the navigation
  // start through the first sample at or after `goto` (good to a few ms).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = (n) => { const f = n.callFrame; return f.functionName || (f.url ? `(anon ${path.basename(f.url)}:${f.lineNumber})` : n.callFrame.functionName || '(anon)'); };
  let t = profile.startTime;
  const samples = profile.samples.map((id, i) => { t += profile.timeDeltas[i]; return [t, byId.get(id)]; });
  const navUs = samples.find(([, n]) => name(n) !== '(idle)' && name(n) !== '(program)')?.[0] ?? profile.startTime;
  const windows = new Map();
  const total = new Map();
  for (let i = 0; i < samples.length - 1; i++) {
    const [ts, n] = samples[i];
    const dt = (samples[i + 1][0] - ts) / 1000;
    const w = Math.floor((ts - navUs) / 1000 / 50);
    const nm = name(n);
    if (!windows.has(w)) windows.set(w, { busy: 0, fns: new Map() });
    const win = windows.get(w);
    if (nm !== '(idle)') { win.busy += dt; win.fns.set(nm, (win.fns.get(nm) || 0) + dt); total.set(nm, (total.get(nm) || 0) + dt); }
  }
  console.log('ms from first script sample; busy ms per 50 ms window; top functions (self ms)');
  for (const [w, win] of [...windows].sort((a, b) => a[0] - b[0])) {
    if (w < 0) continue;
    const top = [...win.fns].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k.slice(0, 40)} ${v.toFixed(0)}`).join(', ');
    console.log(`${String(w * 50).padStart(5)}  ${win.busy.toFixed(0).padStart(3)}  ${top}`);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const incl = new Map();
  for (let i = 0; i < samples.length - 1; i++) {
    const dt = (samples[i + 1][0] - samples[i][0]) / 1000;
    const seen = new Set();
    for (let id = samples[i][1].id; id != null; id = parent.get(id)) seen.add(name(byId.get(id)));
    for (const nm of seen) incl.set(nm, (incl.get(nm) || 0) + dt);
  }
  console.log('\ntop functions by inclusive time (ms):');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).filter(([k]) => !/^\((root|program|idle)\)$/.test(k)).slice(0, Number(process.env.TOP || 40))) console.log(`${v.toFixed(0).padStart(6)}  ${k.slice(0, 140)}`);
  console.log('\nmarks (ms from navigation start):', marks.marks.filter(([n]) => n.startsWith('ziar:')).map(([n, s]) => `${n.slice(5)}=${Math.round(s)}`).join(' '));
  console.log('\ntop functions over the whole load (self ms):');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(0).padStart(6)}  ${k}`);
} finally {
  await browser.close();
  newsroom.stop();
}
