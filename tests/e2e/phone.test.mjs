// End-to-end: cold loads on a phone shift nothing (CLS 0). Lighthouse's mobile screen
// (412×823 CSS px, DPR 1.75, touch; bench/pages.mjs SCREENS.mobile) with the CPU
// slowed 4× and no cache, as `make bench` loads pages. Every `layout-shift` entry
// the page reports is recorded from the first script on; none may come, whatever
// order the article, the sidebar's list and the second half of the article arrive in.
// On a phone the layout is one column with the sidebar under the main content
// (style/main.css): before the fix the article pushed the visible Recent Posts box
// down as it rendered (CLS 0.11-0.13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';
import { SCREENS, benchArticle } from '../../bench/pages.mjs';

const s = suite({ page: false });

const LONG = 'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice';

/** A cold, throttled phone page recording layout shifts; checked for console errors like the others. */
async function phone() {
  const { page, context } = await s.open(SCREENS.mobile);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__shifts = [];
    const describe = (n) => n ? `${n.nodeName.toLowerCase()}${n.className ? `.${String(n.className).split(' ').join('.')}` : ''}` : '(gone)';
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__shifts.push({
      at: Math.round(e.startTime),
      value: e.value,
      recentInput: e.hadRecentInput,
      // Rects are clipped to the view: an empty one is out of sight.
      moved: e.sources.map((x) => `${describe(x.node)} y ${x.previousRect.height ? Math.round(x.previousRect.y) : 'out of view'} → ${x.currentRect.height ? Math.round(x.currentRect.y) : 'out of view'}`),
    }))).observe({ type: 'layout-shift', buffered: true });
  });
  return page;
}

/** Loads `path` cold and waits until `ready` (run in the page) and the sidebar's list are in, then 1 s. */
async function shiftsOf(path, ready) {
  const page = await phone();
  await page.goto(s.newsroom.url + path);
  await page.waitForFunction(ready, null, { timeout: 30000 });
  await page.locator('.ziar-recent-item').first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(1000);
  const shifts = await page.evaluate(() => window.__shifts);
  // What the reader sees first is the page's content, not the sidebar.
  const fold = await page.evaluate(() => ({
    recentTop: Math.round(document.querySelector('.ziar-recent').getBoundingClientRect().top),
    height: innerHeight,
  }));
  return { shifts, fold };
}

const articleReady = () => document.querySelector('.ziar-body p') && document.querySelector('.ziar-article-share .ziar-share-button');
const listReady = () => document.querySelectorAll('.ziar-main .ziar-card').length > 0;

for (const [name, path, ready] of [
  ['the benchmark article (with a hero image)', null, articleReady],
  ['the long demo article', `/articol/${LONG}`, articleReady],
  ['the home page', '/', listReady],
  ['a category page', '/categorie/sport', listReady],
]) {
  test(`a cold load of ${name} on a phone shifts nothing (CLS 0)`, async () => {
    const url = path ?? `/articol/${(await benchArticle(s.newsroom.url)).slug}`;
    const { shifts, fold } = await shiftsOf(url, ready);
    assert.deepEqual(shifts, [], `layout shifts (CLS ${shifts.reduce((a, e) => a + e.value, 0).toFixed(3)}):\n${JSON.stringify(shifts, null, 1)}`);
    assert.ok(fold.recentTop >= fold.height, `the sidebar starts below the first screen (${fold.recentTop} ≥ ${fold.height})`);
  });
}
