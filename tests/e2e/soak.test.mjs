// Soak, accelerated: the newsroom publishes, edits and deletes thousands of posts
// in random order while random faults come and go and the app polls every 5 s of
// virtual time. Afterwards Recent Posts must equal the API's newest N exactly, and
// JS heap, wasm memory and DOM size must have stayed bounded.
//
// Bounded by default (CI); `make soak` sets SOAK_OPS / SOAK_SECONDS higher.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNewsroom, launch, openPage } from './harness.mjs';

const OPS = Number(process.env.SOAK_OPS ?? 10000);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 100);
const BATCH = 40;
const COUNT = 6;

let newsroom, browser;
before(async () => {
  newsroom = await startNewsroom();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  newsroom?.stop();
});

/** Deterministic randomness, so a failure can be replayed (SOAK_SEED). */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}
const FAULTS = [
  { status: 503 }, { status: 429 }, { status: 500 }, { status: 502 }, { status: 404 },
  { malformed: true }, { html: true }, { empty: true }, { drop_mid_body: true }, { latency_ms: 80 },
  { content_type: 'text/plain' }, { redirect_loop: true }, { hang: true }, { huge: true },
];

test(`soak: ${OPS} random publish/edit/delete ops under random faults; nothing lost, memory and DOM bounded [expects console errors]`, async () => {
  const seed = Number(process.env.SOAK_SEED ?? 20261127);
  const random = rng(seed);
  await newsroom.admin('reset');
  const { page, context, problems } = await openPage(browser);
  let requests = 0;
  page.on('request', (r) => { if (r.url().includes('/wp-json/wp/v2/posts')) requests++; });
  await page.route('**/config.json', (route) => route.fulfill({
    json: { site_name: 'Curierul de Valea Verde', poll_seconds: 5, recent_count: COUNT },
  }));
  await page.clock.install();
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-recent-item').first().waitFor();
  await page.waitForLoadState('networkidle'); // no request in flight before the clock jumps
  const cdp = await context.newCDPSession(page);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    return page.evaluate((heap) => ({
      heap,
      wasm: window.__ziarWasmMemory?.buffer.byteLength ?? -1,
      dom: document.getElementsByTagName('*').length,
      recentDom: document.querySelector('.ziar-recent')?.getElementsByTagName('*').length ?? 0,
    }), heap);
  };
  const first = await measure();
  assert.ok(first.wasm > 0, 'the app exposes its wasm memory');
  const samples = [first];

  const started = Date.now();
  let done = 0;
  let iteration = 0;
  while (done < OPS && Date.now() - started < SECONDS * 1000) {
    iteration++;
    await newsroom.admin('churn', { ops: BATCH, seed: seed + iteration });
    done += BATCH;
    await newsroom.admin('faults', random() < 0.35 ? FAULTS[Math.floor(random() * FAULTS.length)] : {});
    const n = requests;
    await page.clock.fastForward(3_000 + Math.floor(random() * 5_000));
    // Let a poll that started land (or fail) before the next change.
    const until = Date.now() + 400;
    while (requests === n && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await page.waitForTimeout(40);
    if (random() < 0.15 && (await page.locator('.ziar-pill').count()) > 0) {
      await page.locator('.ziar-pill').click();
    }
    if (iteration % 25 === 0) samples.push(await measure());
  }
  assert.equal(await page.locator('#ziar-panic').count(), 0, 'no panic banner');

  // Faults off; wait out the longest backoff (5 min cap) and let two clean polls land.
  await newsroom.admin('faults', {});
  for (const jump of [310_000, 7_000, 7_000]) {
    const n = requests;
    await page.clock.fastForward(jump);
    const until = Date.now() + 5000;
    while (requests === n && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await page.waitForTimeout(300);
  }
  if ((await page.locator('.ziar-pill').count()) > 0) await page.locator('.ziar-pill').click();
  await page.waitForTimeout(200);

  const api = await (await fetch(`${newsroom.url}/wp-json/wp/v2/posts?per_page=${COUNT}`)).json();
  const want = api.map((p) => ({ id: String(p.id), title: p.title.rendered }));
  const got = await page.locator('.ziar-recent-item').evaluateAll((li) =>
    li.map((x) => ({ id: x.dataset.postId, title: x.querySelector('.ziar-recent-title').textContent })));
  assert.deepEqual(got, want, 'Recent Posts equals the API newest N: none lost, duplicated or misordered');
  assert.equal(await page.locator('.ziar-live-note').count(), 0, 'recovered: no error note');

  const last = await measure();
  samples.push(last);
  const max = (k) => Math.max(...samples.map((s) => s[k]));
  const report = `ops ${done} in ${iteration} rounds, ${requests} polls, ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `heap ${(first.heap / 1e6).toFixed(1)} → ${(last.heap / 1e6).toFixed(1)} MB (max ${(max('heap') / 1e6).toFixed(1)}), ` +
    `wasm ${(first.wasm / 1e6).toFixed(1)} → ${(last.wasm / 1e6).toFixed(1)} MB, ` +
    `DOM ${first.dom} → ${last.dom} (max ${max('dom')})`;
  console.log(`# ${report}`);
  assert.ok(done >= Math.min(OPS, 2000), `too few ops in the time allowed: ${report}`);
  // Bounded: after GC the JS heap may not keep growing with the number of ops.
  assert.ok(last.heap < first.heap * 2 + 8e6, `JS heap grew: ${report}`);
  // wasm memory never shrinks, so bound its growth outright.
  assert.ok(last.wasm <= first.wasm + 16 * 2 ** 20, `wasm memory grew: ${report}`);
  // The list holds COUNT items and one pill: the DOM is what it was, give or take.
  assert.ok(max('dom') <= first.dom + 40, `DOM grew: ${report}`);
  assert.ok(max('recentDom') <= first.recentDom + 20, `Recent Posts DOM grew: ${report}`);
  const fatal = problems.filter((p) => p.startsWith('pageerror') || /panicked|unreachable/.test(p));
  assert.deepEqual(fatal, [], 'no page errors or panics');
  await context.close();
});
