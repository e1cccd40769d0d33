// make bench: prints Ziar's figures and writes target/bench/latest.json.
// Everything runs here: the release dist/ served by the demo newsroom, headless
// Debian Chromium driven by playwright-core, CPU throttled 4x through CDP.
// Figures are medians of interleaved cold loads; they are not pass/fail.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startNewsroom, startServer, launch, DIST, SERVER_SITE } from '../tests/e2e/harness.mjs';
import * as serverBench from './server.mjs';
import { startWordPress, serveApp } from '../tests/e2e/wordpress.mjs';
import net from 'node:net';
import { SCREENS, benchArticle, startStaticArticle, throttledPage, waitInPage } from './pages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS || 9);
// The polls run inside the page (Playwright's virtual clock driven from page script, no
// driver round trip per poll), yet still cost 0.035-0.1 s each here (the app's own work,
// 7 s of virtual timers per poll, on a shared 2-core machine): 1,000 keep `make bench`
// under 10 minutes; BENCH_POLLS=10000 runs the full figure (6-17 min more).
// `heap_growth_polls` in the JSON records the count measured.
const POLLS = Number(process.env.BENCH_POLLS || 1000);
// BENCH_ONLY=article: the article and static loads only (sizes, visible, ratio, TBT,
// LCP, CLS, startup; desktop and mobile), about two minutes; for trying a change.
// Skipped figures are absent.
const ONLY_ARTICLE = process.env.BENCH_ONLY === 'article';
// BENCH_ONLY=widgets: each widget on its host page only (about a minute).
const ONLY_WIDGETS = process.env.BENCH_ONLY === 'widgets';
const out = {};
const note = (k, v) => { out[k] = v; };
const goalsExtra = {}; // the widgets' goals, per element

// ---- bytes -------------------------------------------------------------
function fileSizes(files) {
  const t = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const b = fs.readFileSync(f);
    t.raw += b.length;
    t.gzip += zlib.gzipSync(b, { level: 9 }).length;
    t.brotli += zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return t;
}
// The app: what the first load of any page fetches from dist/.
const app = fileSizes(fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css|json)$/.test(f) && f !== '404.html').map((f) => path.join(DIST, f)));
note('app_raw_bytes', app.raw); note('app_gzip_bytes', app.gzip); note('app_brotli_bytes', app.brotli);
// ---- pages -------------------------------------------------------------
const newsroom = await startNewsroom();
const browser = await launch();
const article = await benchArticle(newsroom.url);
// The physical limit: the same article and CSS as a plain static page.
const staticPage = await startStaticArticle(article, DIST);
const staticUrl = staticPage.url;
// Server mode (make server): ziar-server in front of the same newsroom, loaded in the same rounds.
const hasServer = fs.existsSync(path.join(root, 'target/release/ziar-server')) && fs.existsSync(path.join(SERVER_SITE, 'index.html'));
const SITE_CONFIG = { site_name: 'Curierul de Valea Verde', locale: 'ro', time_zone: 'Europe/Bucharest' };
const zserver = hasServer ? await startServer(`${newsroom.url}/wp-json/wp/v2/`, ['--poll-seconds', '60'], { config: SITE_CONFIG }) : null;
if (!hasServer) console.error('bench: no target/release/ziar-server or server site (make server): server-mode figures are skipped');

// Lighthouse's "slow 4G" (its mobile throttling): 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

async function coldLoad(url, screen, { network = null, hydrates = false } = {}) {
  const { context, page, cdp } = await throttledPage(browser, screen);
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  await waitInPage(cdp, () => window.__m.visible !== null || document.querySelector('.ziar-body p'), 120000);
  // A server page is readable at once; its TBT counts the app's hydration too, so wait for it.
  if (hydrates) await waitInPage(cdp, () => performance.getEntriesByName('ziar:hydrated').length > 0, 120000);
  await page.waitForTimeout(1500); // let LCP, CLS and long tasks settle
  const m = await page.evaluate(() => {
    const v = window.__m.visible ?? performance.now();
    const fcp = window.__m.fcp ?? 0;
    const tbt = window.__m.longTasks.filter(([s]) => s >= fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
    // The app's startup marks (web::mark): ms from navigation start to each step.
    const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((e) => e.name.startsWith('ziar:')).map((e) => [e.name.slice(5), e.startTime]));
    const files = performance.getEntriesByType('resource').filter((e) => /\.(css|js|wasm)$/.test(e.name));
    marks.downloaded = files.length ? Math.max(...files.map((e) => e.responseEnd)) : null;
    marks.list = window.__m.list;
    // Bytes on the wire before the text was on screen: the document and every response finished by then.
    const nav = performance.getEntriesByType('navigation')[0];
    const before = performance.getEntriesByType('resource').filter((e) => e.responseEnd <= v).reduce((a, e) => a + e.transferSize, 0);
    const bytesBefore = (nav?.transferSize ?? 0) + before;
    return { visible: v, lcp: window.__m.lcp, cls: window.__m.cls, tbt, marks, bytesBefore };
  });
  await context.close();
  return m;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x) => Math.round(x * 10) / 10;
// Every load of the article and its static page, on both screens (SCREENS: desktop, and
// Lighthouse's mobile emulation), interleaved so drift hits every series alike.
const runs = Object.fromEntries(Object.keys(SCREENS).map((k) => [k, { app: [], static: [], server: [] }]));
for (let i = 0; i < (ONLY_WIDGETS ? 0 : RUNS); i++) {
  for (const [name, screen] of Object.entries(SCREENS)) {
    runs[name].app.push(await coldLoad(`${newsroom.url}/articol/${article.slug}`, screen));
    runs[name].static.push(await coldLoad(staticUrl, screen));
    if (zserver) runs[name].server.push(await coldLoad(`${zserver.url}/articol/${article.slug}`, screen, { hydrates: true }));
  }
}
const stats = (runs, k) => ({ median: round(median(runs.map((r) => r[k]))), min: round(Math.min(...runs.map((r) => r[k]))), max: round(Math.max(...runs.map((r) => r[k]))) });
// The desktop figures keep their names; the mobile ones are the same with `mobile_` in front.
for (const [name, { app: appRuns, static: staticRuns }] of Object.entries(ONLY_WIDGETS ? {} : runs)) {
  const key = (k) => (name === 'desktop' ? k : `${name}_${k}`);
  const av = stats(appRuns, 'visible'); const sv = stats(staticRuns, 'visible');
  note(key('article_visible_ms'), av.median); note(key('article_visible_ms_min'), av.min); note(key('article_visible_ms_max'), av.max);
  note(key('static_article_visible_ms'), sv.median); note(key('static_article_visible_ms_min'), sv.min); note(key('static_article_visible_ms_max'), sv.max);
  note(key('article_visible_ratio'), Math.round(av.median / sv.median * 100) / 100);
  // TBT is the noisiest figure: whether two pieces of work land in one task or two
  // varies from load to load, so its spread is kept beside the median.
  const tbt = stats(appRuns, 'tbt');
  note(key('tbt_ms'), tbt.median); note(key('tbt_ms_min'), tbt.min); note(key('tbt_ms_max'), tbt.max);
  note(key('lcp_ms'), stats(appRuns, 'lcp').median);
  // The median and the worst load: one shifting load in nine is still a shift.
  note(key('cls'), Math.round(median(appRuns.map((r) => r.cls)) * 1000) / 1000);
  note(key('cls_max'), Math.round(Math.max(...appRuns.map((r) => r.cls)) * 1000) / 1000);
  note(key('bytes_before_text'), median(appRuns.map((r) => r.bytesBefore)));
  const serverRuns = runs[name].server;
  if (serverRuns.length) {
    const zv = stats(serverRuns, 'visible');
    note(key('server_article_visible_ms'), zv.median);
    note(key('server_article_visible_ratio'), Math.round(zv.median / sv.median * 100) / 100);
    note(key('server_lcp_ms'), stats(serverRuns, 'lcp').median);
    note(key('server_lcp_ratio'), Math.round(stats(serverRuns, 'lcp').median / stats(staticRuns, 'lcp').median * 100) / 100);
    const ztbt = stats(serverRuns, 'tbt');
    note(key('server_tbt_ms'), ztbt.median); note(key('server_tbt_ms_max'), ztbt.max);
    note(key('server_cls_max'), Math.round(Math.max(...serverRuns.map((r) => r.cls)) * 1000) / 1000);
    note(key('server_bytes_before_text'), median(serverRuns.map((r) => r.bytesBefore)));
    note(key('server_hydrated_ms'), round(median(serverRuns.map((r) => r.marks?.hydrated ?? 0))));
  }
}
// Slow 4G (Lighthouse's: 150 ms RTT, 1.6 Mbit/s), where the wasm's size shows: fewer
// rounds (each load takes seconds), static page, static app and server mode interleaved.
if (zserver && !ONLY_ARTICLE && !ONLY_WIDGETS) {
  const slow = { app: [], static: [], server: [] };
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 3)); i++) {
    slow.static.push(await coldLoad(staticUrl, SCREENS.mobile, { network: SLOW_4G }));
    slow.app.push(await coldLoad(`${newsroom.url}/articol/${article.slug}`, SCREENS.mobile, { network: SLOW_4G }));
    slow.server.push(await coldLoad(`${zserver.url}/articol/${article.slug}`, SCREENS.mobile, { network: SLOW_4G, hydrates: true }));
  }
  const sv = stats(slow.static, 'visible').median;
  for (const k of ['app', 'server']) {
    const v = stats(slow[k], 'visible').median;
    note(`slow4g_${k}_article_visible_ms`, v);
    note(`slow4g_${k}_article_visible_ratio`, Math.round(v / sv * 100) / 100);
    note(`slow4g_${k}_lcp_ms`, stats(slow[k], 'lcp').median);
    note(`slow4g_${k}_tbt_ms`, stats(slow[k], 'tbt').median);
  }
  note('slow4g_static_article_visible_ms', sv);
}
const appRuns = runs.desktop.app;
// Where the article page's time goes (medians, ms from navigation start; see
// bench/startup.mjs for per-run detail and bench/profile.mjs for a CPU profile).
const STEPS = [['downloaded', 'html, css, js and wasm downloaded'], ['main', 'wasm compiled, main() runs'],
  ['config', 'config.json read'], ['article-prefetch', "article's request sent"], ['shell-mounted', 'shell and router mounted'],
  ['article-data', 'article fetched and parsed'], ['article-body', 'article rendered'], ['list-fetch', "sidebar list's request sent"],
  ['list', 'sidebar list rendered']];
if (!ONLY_WIDGETS) {
  const startup = {};
  for (const [k] of STEPS) {
    const xs = appRuns.map((r) => r.marks?.[k]).filter((x) => x != null);
    startup[k] = xs.length ? round(median(xs)) : null;
  }
  note('startup_ms', startup);
}

// ---- the home and category pages: layout shift on both screens -------------------
// A cold load until the main list and the sidebar list are both in, then 1.5 s more.
async function pageShift(url, screen) {
  const { context, page, cdp } = await throttledPage(browser, screen);
  await page.goto(url, { waitUntil: 'load' });
  await waitInPage(cdp, () => document.querySelector('.ziar-main .ziar-card') && document.querySelector('.ziar-recent-item'));
  await page.waitForTimeout(1500);
  const cls = await page.evaluate(() => window.__m.cls);
  await context.close();
  return cls;
}
if (!ONLY_ARTICLE && !ONLY_WIDGETS) {
  const PAGE_RUNS = Math.max(3, Math.ceil(RUNS / 3));
  for (const [page, path] of [['home', '/'], ['category', `/categorie/${article._embedded?.['wp:term']?.[0]?.[0]?.slug ?? 'cultura'}`]]) {
    for (const name of Object.keys(SCREENS)) {
      const xs = [];
      for (let i = 0; i < PAGE_RUNS; i++) xs.push(await pageShift(`${newsroom.url}${path}`, SCREENS[name]));
      note(`${name === 'desktop' ? '' : `${name}_`}${page}_cls_max`, Math.round(Math.max(...xs) * 1000) / 1000);
    }
  }
}

// ---- each widget alone on a host page ------------------------------------------
// A third origin (like a partner's site) serves one page per element; the widget files
// come from the newsroom's dist/embed/ and the element talks to the newsroom's API.
// First load: every widget file fetched before the element first rendered. Lazy: any
// fetched after, with when (ms from navigation start). LCP, TBT and CLS are the host
// page's, under the same 4x throttle as the article.
const WIDGETS = [
  ['share', 'ziar-share', '.ziar-share-button', `url="${newsroom.url}/articol/${article.slug}" title="O știre de distribuit"`],
  ['recent_posts', 'ziar-recent-posts', '.ziar-recent-item', `api="${newsroom.url}/wp-json/wp/v2/" count="6"`],
  ['article', 'ziar-article', '.ziar-headline', `api="${newsroom.url}/wp-json/wp/v2/" slug="${article.slug}"`],
];
function startHost() {
  const page = (tag, attrs) => `<!DOCTYPE html><html lang="ro"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Pagina partenerului</title><script type="module" src="${newsroom.url}/embed/ziar-embed.js"></script></head>
<body><header><p>Gazeta Partenerului</p></header><main><h1>O pagină gazdă</h1>
<p>Textul gazdei, înaintea widgetului: o pagină oarecare a unui partener, cu elementul de mai jos.</p>
<${tag} ${attrs}></${tag}></main></body></html>`;
  const server = http.createServer((req, res) => {
    const w = WIDGETS.find(([name]) => req.url === `/${name}.html`);
    if (!w) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page(w[1], w[3]));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}
async function widgetLoad(url, tag, selector) {
  const { context, page, cdp } = await throttledPage(browser);
  await page.addInitScript(({ tag, selector }) => {
    // When the element first shows its content (inside its shadow root, which the
    // document's observers do not see): checked every frame until then.
    const check = () => {
      if (document.querySelector(tag)?.shadowRoot?.querySelector(selector)) window.__m.widget = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, { tag, selector });
  await page.goto(url, { waitUntil: 'load' });
  await waitInPage(cdp, () => window.__m.widget != null).catch(() => {});
  await page.waitForTimeout(1500); // LCP, CLS, long tasks, and anything loaded late
  const m = await page.evaluate(() => {
    const fcp = window.__m.fcp ?? 0;
    const tbt = window.__m.longTasks.filter(([s]) => s >= fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
    const files = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/embed/'))
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }));
    return { rendered: window.__m.widget, lcp: window.__m.lcp, cls: window.__m.cls, tbt, files };
  });
  await context.close();
  return m;
}
const brotliOf = (p) => fileSizes([path.join(DIST, decodeURIComponent(p))]).brotli;
if (!ONLY_ARTICLE && fs.existsSync(path.join(DIST, 'embed/bundles.json'))) {
  const host = await startHost();
  const widgetGoals = { share: 40960, recent_posts: 102400, article: 163840 };
  for (const [name, tag, selector] of WIDGETS) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await widgetLoad(`${host.url}/${name}.html`, tag, selector));
    const ok = runs.filter((r) => r.rendered != null);
    if (!ok.length) { console.error(`bench: <${tag}> never rendered`); continue; }
    const first = ok[0];
    const before = first.files.filter((f) => f.start <= first.rendered);
    const after = first.files.filter((f) => f.start > first.rendered);
    note(`widget_${name}_files`, before.map((f) => f.path.slice('/embed/'.length)));
    note(`widget_${name}_first_load_brotli_bytes`, before.reduce((n, f) => n + brotliOf(f.path), 0));
    note(`widget_${name}_lazy_brotli_bytes`, after.reduce((n, f) => n + brotliOf(f.path), 0));
    note(`widget_${name}_lazy_files`, after.map((f) => `${f.path.slice('/embed/'.length)} (${brotliOf(f.path)} B at ${Math.round(f.start)} ms)`));
    note(`widget_${name}_rendered_ms`, stats(ok, 'rendered').median);
    note(`widget_${name}_lcp_ms`, stats(ok, 'lcp').median);
    const t = stats(ok, 'tbt');
    note(`widget_${name}_tbt_ms`, t.median); note(`widget_${name}_tbt_ms_max`, t.max);
    note(`widget_${name}_cls`, Math.round(median(ok.map((r) => r.cls)) * 1000) / 1000);
    goalsExtra[`widget_${name}_first_load_brotli_bytes`] = [`≤ ${widgetGoals[name]}`, (v) => v <= widgetGoals[name]];
  }
  host.close();
} else if (!ONLY_ARTICLE) {
  console.error('bench: no dist/embed/bundles.json (widget build): widget figures are absent');
}

// ---- polling costs ------------------------------------------------------
async function livePage(config = {}, { bodies = true } = {}) {
  const context = await browser.newContext({ locale: 'ro-RO' });
  const page = await context.newPage();
  const base = await (await fetch(`${newsroom.url}/config.json`)).json();
  await page.route('**/config.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...base, ...config }) }));
  await page.addInitScript(() => {
    // Keep a handle on the wasm memory to measure it.
    const wrap = (name) => { const f = WebAssembly[name]; WebAssembly[name] = async (...a) => { const r = await f.apply(WebAssembly, a); window.__wasmMemory = (r.instance || r).exports.memory; return r; }; };
    wrap('instantiateStreaming'); wrap('instantiate');
  });
  await page.clock.install();
  const polls = [];
  page.on('response', async (r) => {
    if (!r.url().includes('/wp-json/wp/v2/posts')) return;
    // Recorded at once, in order; the body size arrives later.
    const entry = { status: r.status(), bytes: null };
    polls.push(entry);
    if (!bodies) return;
    entry.bytes = (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-recent-title').first().waitFor();
  await page.waitForLoadState('networkidle');
  // The config has been read. With a route in place Playwright intercepts every
  // request, and each poll would wait on a round trip through this process.
  await page.unrouteAll();
  return { context, page, polls };
}
async function settle(page, polls, n, extraMs = 20) {
  for (let i = 0; i < 2000 && polls.length <= n; i++) await page.waitForTimeout(1);
  if (extraMs) await page.waitForTimeout(extraMs);
}

if (!ONLY_ARTICLE && !ONLY_WIDGETS) { // an idle poll
  await newsroom.admin('reset');
  const { context, page, polls } = await livePage();
  const n = polls.length;
  await page.clock.fastForward(73_000);
  await settle(page, polls, n);
  const idle = polls.slice(n)[0];
  for (let i = 0; i < 200 && idle && idle.bytes === null; i++) await page.waitForTimeout(5);
  note('idle_poll_status', idle?.status ?? null);
  note('idle_poll_body_bytes', idle ? idle.bytes : null);
  await context.close();
}
if (!ONLY_ARTICLE && !ONLY_WIDGETS) { // an idle poll against a real WordPress (Debian's), which sends no ETag:
  // every poll is a full 200. The URL is the one the app really polls (read from the browser).
  let wp, site;
  try {
    wp = await startWordPress({ gzip: true });
    note('wordpress_start_ms', wp.timings.total_ms);
    note('wordpress_start_cold', wp.cold);
    site = await serveApp(DIST, { api: wp.api }, { apiOrigins: [wp.url] });
    const context = await browser.newContext({ locale: 'ro-RO' });
    const page = await context.newPage();
    await page.clock.install();
    const requests = [];
    page.on('requestfinished', (r) => { if (r.url().startsWith(`${wp.api}posts`)) requests.push(r); });
    await page.goto(site.url + '/');
    await page.locator('.ziar-recent-title').first().waitFor();
    await page.waitForLoadState('networkidle');
    const n = requests.length;
    await page.clock.fastForward(73_000);
    for (let i = 0; i < 200 && requests.length <= n; i++) await page.waitForTimeout(25);
    const poll = requests[n];
    if (!poll) throw new Error('no poll request within 5 s of the poll delay');
    const res = await poll.response();
    const sizes = await poll.sizes();
    note('wp_idle_poll_url', poll.url().slice(wp.api.length));
    note('wp_idle_poll_status', res.status());
    // What the browser received, headers included: compressed when the server compresses.
    const enc = (await res.allHeaders())['content-encoding'] ?? 'identity';
    note('wp_idle_poll_encoding', enc);
    const browserBytes = sizes.responseHeadersSize + sizes.responseBodySize;
    // The same request (same headers) without and with compression, counted on the socket.
    const headers = await poll.allHeaders();
    const plain = await rawGet(poll.url(), headers, null);
    const gzip = await rawGet(poll.url(), headers, 'gzip');
    note('wp_idle_poll_bytes', plain);
    note('wp_idle_poll_gzip_bytes', enc === 'gzip' ? browserBytes : gzip);
    await context.close();
  } catch (e) {
    console.error(`bench: the real-WordPress idle poll was not measured: ${e.message}`);
    for (const k of ['wp_idle_poll_bytes', 'wp_idle_poll_gzip_bytes']) note(k, null);
  } finally {
    await site?.close();
    await wp?.stop();
  }
}
/** Bytes received for one GET with `headers` (HTTP/1.1, Connection: close), status line and headers included. */
function rawGet(url, headers, acceptEncoding) {
  const u = new URL(url);
  const lines = [`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`];
  for (const [k, v] of Object.entries(headers)) {
    if (!['host', 'connection', 'accept-encoding'].includes(k.toLowerCase())) lines.push(`${k}: ${v}`);
  }
  if (acceptEncoding) lines.push(`Accept-Encoding: ${acceptEncoding}`);
  lines.push('Connection: close', '', '');
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const s = net.connect(Number(u.port), u.hostname, () => s.write(lines.join('\r\n')));
    s.on('data', (d) => { bytes += d.length; });
    s.on('end', () => resolve(bytes));
    s.on('error', reject);
  });
}
if (!ONLY_ARTICLE && !ONLY_WIDGETS) { // one new post into a 50-item list
  await newsroom.admin('reset');
  const { context, page, polls } = await livePage({ recent_count: 50, auto_insert: true });
  await page.evaluate(() => {
    window.__nodes = 0;
    const count = (n) => { window.__nodes++; n.childNodes.forEach(count); };
    new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach(count))).observe(document.querySelector('.ziar-recent-list'), { childList: true, subtree: true });
  });
  await newsroom.admin('publish');
  const n = polls.length;
  await page.clock.fastForward(73_000);
  await settle(page, polls, n);
  await page.waitForTimeout(100);
  note('dom_nodes_per_new_post', await page.evaluate(() => window.__nodes));
  await context.close();
}
if (!ONLY_ARTICLE && !ONLY_WIDGETS) { // a hidden tab for 5 minutes of virtual time
  await newsroom.admin('reset');
  const { context, page, polls } = await livePage();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(100);
  const n = polls.length;
  for (let i = 0; i < 10; i++) { await page.clock.fastForward(30_000); await page.waitForTimeout(20); }
  note('hidden_tab_requests', polls.length - n);
  await context.close();
}
if (!ONLY_ARTICLE && !ONLY_WIDGETS) { // memory over many accelerated polls with churn
  await newsroom.admin('reset');
  const { context, page } = await livePage({ poll_seconds: 5 }, { bodies: false });
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
    return usedSize + wasm;
  };
  page.on('crash', () => console.error('bench: the page crashed during the polling run'));
  const before = await heap();
  const t0 = Date.now();
  // Runs `n` polls from page script: advance the virtual clock (Playwright's controller, the
  // one page.clock drives), wait in real macrotasks until the app's poll has been answered
  // and handled, and every 10 polls churn the newsroom (publish/edit/delete) and take the
  // "new posts" pill. A poll that doesn't start (timer not yet re-armed) just gets another
  // fast-forward. Returns the polls counted by a fetch wrapper.
  const burst = (n, first) => page.evaluate(async ({ n, first }) => {
    const clock = globalThis.__pwClock?.controller;
    if (!clock) throw new Error('no Playwright clock controller in the page');
    if (!window.__polls) {
      window.__polls = { started: 0, done: 0 };
      const real = window.fetch;
      window.fetch = function (input, init) {
        const url = typeof input === 'string' ? input : input.url;
        const p = real.call(this, input, init);
        if (!url.includes('/wp-json/wp/v2/posts')) return p;
        window.__polls.started++;
        const settle = () => { window.__polls.done++; };
        p.then(settle, settle);
        return p;
      };
    }
    const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    const target = window.__polls.started + n;
    for (let i = first; window.__polls.started < target; i++) {
      if (i % 10 === 0) await fetch('/__admin/churn', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ops: 2, seed: i }) });
      if (i % 10 === 5) document.querySelector('.ziar-pill')?.click();
      const s = window.__polls.started;
      await clock.fastForward(7000);
      for (let k = 0; k < 20 && window.__polls.started === s; k++) await tick(); // else: not re-armed yet, go again
      for (let k = 0; k < 500 && window.__polls.done < window.__polls.started; k++) await tick();
      for (let k = 0; k < 3; k++) await tick(); // the body is read and handled, the next timer armed
    }
    return window.__polls.started;
  }, { n, first });
  const CHUNK = 1000;
  let done = 0;
  for (let i = 0; done < POLLS; i++) {
    const n = Math.min(CHUNK, POLLS - done);
    await burst(n, done);
    done += n;
    console.error(`bench: ${done} polls, ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  note('heap_growth_polls', done);
  note('heap_growth_bytes_after_10k_polls', (await heap()) - before); // over heap_growth_polls polls (BENCH_POLLS)
  note('heap_growth_seconds', Math.round((Date.now() - t0) / 1000));
  await context.close();
}

// ---- Lighthouse -------------------------------------------------------------
await newsroom.admin('reset');
const lhBin = path.join(root, 'bench/node_modules/.bin/lighthouse');
if (!ONLY_ARTICLE && !ONLY_WIDGETS && fs.existsSync(lhBin)) {
  const report = path.join(root, 'target/bench/lighthouse.json');
  fs.mkdirSync(path.dirname(report), { recursive: true });
  const r = spawnSync(lhBin, [`${newsroom.url}/articol/${article.slug}`, '--quiet', '--output=json', `--output-path=${report}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage'],
  { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, encoding: 'utf8', timeout: 180_000 });
  if (r.status === 0) {
    const cats = JSON.parse(fs.readFileSync(report, 'utf8')).categories;
    for (const [k, key] of [['performance', 'performance'], ['accessibility', 'accessibility'], ['best_practices', 'best-practices'], ['seo', 'seo']]) {
      note(`lighthouse_${k}`, cats[key]?.score == null ? null : Math.round(cats[key].score * 100));
    }
  } else {
    console.error('lighthouse failed:', (r.stderr || '').slice(-500));
  }
}

// ---- server mode under load ---------------------------------------------------------
if (zserver && !ONLY_ARTICLE && !ONLY_WIDGETS) {
  await newsroom.admin('reset');
  const page = await serverBench.load(`${zserver.url}/articol/${article.slug}`);
  note('server_page_rps', page.rps); note('server_page_p99_ms', page.p99_ms); note('server_page_p50_ms', page.p50_ms);
  const json = await serverBench.load(`${zserver.url}/_ziar/api/posts?page=1&per_page=6`);
  note('server_json_rps', json.rps); note('server_json_p99_ms', json.p99_ms); note('server_json_p50_ms', json.p50_ms);
  note('server_load_errors', page.errors + json.errors);
  note('server_rss_bytes', serverBench.rssBytes(zserver.pid));
}
zserver?.stop();
// 1,000 simulated readers for a minute, polling every 10 s, with a post published every
// 20 s: what that costs the upstream API (goal: one request per poll interval).
if (hasServer && !ONLY_ARTICLE && !ONLY_WIDGETS) {
  await newsroom.admin('reset');
  const s = await startServer(`${newsroom.url}/wp-json/wp/v2/`, ['--poll-seconds', '10'], { config: SITE_CONFIG });
  try {
    const r = await serverBench.readers(s, newsroom, { n: 1000, seconds: 60, pollSeconds: 10, publishEvery: 20 });
    note('server_readers', 1000);
    note('server_poll_seconds', 10);
    note('server_upstream_requests_per_minute', r.upstream_per_minute);
    note('server_reader_polls', r.polls);
    note('server_reader_304_share', r.not_modified_share);
    note('server_rss_bytes_after_readers', serverBench.rssBytes(s.pid));
  } finally {
    s.stop();
  }
}

await browser.close();
newsroom.stop();
staticPage.close();

// ---- output ---------------------------------------------------------------
out.measured_at = new Date().toISOString();
out.machine = `${(await import('node:os')).cpus().length} cores, ${(await import('node:os')).cpus()[0]?.model ?? ''}`.trim();
const dir = path.join(root, 'target/bench');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
const goals = {
  ...goalsExtra,
  app_brotli_bytes: ['≤ 102400', (v) => v <= 102400],
  article_visible_ratio: ['≤ 1.5', (v) => v <= 1.5], tbt_ms: ['≤ 50', (v) => v <= 50], cls: ['0', (v) => v === 0],
  cls_max: ['0', (v) => v === 0], home_cls_max: ['0', (v) => v === 0], category_cls_max: ['0', (v) => v === 0],
  wp_idle_poll_bytes: ['≤ 8192', (v) => v <= 8192], wp_idle_poll_gzip_bytes: ['≤ 8192', (v) => v <= 8192],
  server_article_visible_ratio: ['≤ 1.2', (v) => v <= 1.2], server_lcp_ratio: ['≤ 1.2', (v) => v <= 1.2],
  server_tbt_ms: ['≤ 50', (v) => v <= 50], server_cls_max: ['0', (v) => v === 0],
  slow4g_server_article_visible_ratio: ['≤ 1.2', (v) => v <= 1.2],
  server_upstream_requests_per_minute: ['≤ 6 (one per 10 s poll)', (v) => v <= 6.5],
};
const verdict = (k, v) => { const g = goals[k]; return g && v != null ? `${g[0]} ${g[1](v) ? 'met' : 'NOT met'}` : ''; };
console.log('\nstartup of the article page (median ms from navigation start)');
for (const [k, label] of STEPS) console.log(`  ${String(out.startup_ms?.[k] ?? '-').padStart(7)}  ${label}`);
// Figures taken on both screens print side by side; the rest in one column.
const mobileKeys = Object.keys(out).filter((k) => k.startsWith('mobile_'));
const both = mobileKeys.map((k) => k.slice('mobile_'.length)).filter((k) => k in out);
const m = SCREENS.mobile.viewport;
console.log(`\nboth screens (desktop 1280×900; mobile ${m.width}×${m.height}, Lighthouse's phone)`);
console.log(`${'figure'.padEnd(40)}${'desktop'.padEnd(12)}${'mobile'.padEnd(12)}goal`);
for (const k of both) {
  const [d, mv] = [out[k], out[`mobile_${k}`]];
  const g = goals[k];
  const goal = g ? `${g[0]} ${[d, mv].every((x) => x == null || g[1](x)) ? 'met' : 'NOT met'}` : '';
  console.log(`${k.padEnd(40)}${String(d).padEnd(12)}${String(mv).padEnd(12)}${goal}`);
}
console.log('\nfigure                                        value       goal');
for (const [k, v] of Object.entries(out)) {
  if (k === 'startup_ms' || Array.isArray(v) || mobileKeys.includes(k) || both.includes(k)) continue;
  console.log(`${k.padEnd(46)}${String(v).padEnd(12)}${verdict(k, v)}`);
}
console.log('\nwidget files (first load; lazy: loaded after the element rendered)');
for (const [k, v] of Object.entries(out)) if (Array.isArray(v)) console.log(`  ${k}: ${v.length ? v.join(', ') : 'none'}`);
console.log(`\nwrote ${path.join(dir, 'latest.json')}`);
