// End-to-end: the in-house router (src/components/router.rs, src/web/history.rs):
// in-app clicks stay in the page, everything else is left to the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

let newsroom, page;

suite({
  started: (s) => ({ newsroom } = s),
  opened: (o) => ({ page } = o),
});

const headline = () => page.locator('h1.ziar-headline');
const homeLink = () => page.locator('.ziar-nav a').first();

// Records whether the router handled the next click (defaultPrevented), then
// cancels it so the browser does not follow a link the router left alone.
async function nextClickHandled(locator, modifiers = {}) {
  await page.evaluate(() => {
    window.__handled = null;
    addEventListener('click', (e) => { window.__handled = e.defaultPrevented; e.preventDefault(); }, { once: true });
  });
  await locator.evaluate((a, m) => a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: m.button ?? 0, ctrlKey: !!m.ctrl, shiftKey: !!m.shift, metaKey: !!m.meta })), modifiers);
  return page.evaluate(() => window.__handled);
}

test('links navigate inside the page, mark the current page and follow back and forward', async () => {
  await page.goto(newsroom.url + '/');
  const first = page.locator('.ziar-recent-title').first();
  await first.waitFor();
  assert.equal(await homeLink().getAttribute('aria-current'), 'page');
  assert.equal(await page.locator('.ziar-brand').getAttribute('aria-current'), 'page');
  await page.evaluate(() => { window.__sameDocument = true; });
  const title = (await first.textContent()).trim();
  await first.click();
  await headline().waitFor();
  assert.equal((await headline().textContent()).trim(), title);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');
  // The link to the article showing is current; Home no longer is.
  await page.waitForFunction(() => document.querySelector('.ziar-recent-title')?.getAttribute('aria-current') === 'page');
  assert.equal(await homeLink().getAttribute('aria-current'), null);
  assert.equal(await page.locator('.ziar-brand').getAttribute('aria-current'), null);
  await page.goBack();
  await page.locator('.ziar-card').first().waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await homeLink().getAttribute('aria-current'), 'page');
  await page.goForward();
  await headline().waitFor();
  assert.equal((await headline().textContent()).trim(), title);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'back and forward stay in the page');
});

test('one article to another keeps the page and shows the new article', async () => {
  await page.goto(newsroom.url + '/');
  const links = page.locator('.ziar-recent-title');
  await links.nth(1).waitFor();
  const [a, b] = [(await links.nth(0).textContent()).trim(), (await links.nth(1).textContent()).trim()];
  await links.nth(0).click();
  await page.waitForFunction((t) => document.querySelector('h1.ziar-headline')?.textContent.trim() === t, a);
  await links.nth(1).click();
  await page.waitForFunction((t) => document.querySelector('h1.ziar-headline')?.textContent.trim() === t, b);
  assert.equal(await page.locator('h1').count(), 1);
  const site = await page.locator('.ziar-brand span').textContent();
  assert.equal(await page.title(), `${b} – ${site}`);
  // The head carries the article shown, once: the previous article's tags are gone.
  const og = page.locator('head meta[property="og:title"]');
  assert.equal(await og.count(), 1);
  assert.equal(await og.getAttribute('content'), b);
  assert.equal(await page.locator('head link[rel="canonical"]').count(), 1);
  // Leaving the article for the home page swaps its tags for the home page's and resets the title.
  await page.locator('.ziar-brand').click();
  await page.locator('.ziar-card').first().waitFor();
  assert.equal(await page.title(), site);
  const head = await page.evaluate(() => ({
    og: [...document.querySelectorAll('head meta[property^="og:"]')].map((m) => `${m.getAttribute('property')}=${m.content}`).sort(),
    canonical: [...document.querySelectorAll('head link[rel="canonical"]')].map((l) => l.href),
    description: document.querySelectorAll('head meta[name="description"], head meta[property^="article:"]').length,
  }));
  const home = new URL('.', page.url()).href;
  assert.deepEqual(head, {
    og: [`og:site_name=${site}`, `og:title=${site}`, 'og:type=website', `og:url=${home}`],
    canonical: [home],
    description: 0,
  });
});

test('modified clicks, other buttons and links out of the app are left to the browser', async () => {
  await page.goto(newsroom.url + '/');
  const link = page.locator('.ziar-recent-title').first();
  await link.waitFor();
  assert.equal(await nextClickHandled(link), true, 'a plain click is the router\'s');
  await page.goBack();
  await link.waitFor();
  for (const m of [{ ctrl: true }, { shift: true }, { meta: true }, { button: 1 }]) {
    assert.equal(await nextClickHandled(link, m), false, JSON.stringify(m));
  }
  // A link to another origin, one with target=_blank, one with download: not the router's.
  const outside = await page.evaluate(() => {
    const mk = (href, attrs = {}) => {
      const a = document.createElement('a');
      a.href = href;
      for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
      a.textContent = href;
      document.querySelector('.ziar-footer').append(a);
      return a.className = `t-${document.querySelectorAll('.ziar-footer a').length}`;
    };
    return [mk('https://example.invalid/articol/x'), mk('/articol/x', { target: '_blank' }), mk('/articol/x', { download: '' }), mk('/articol/x', { rel: 'external' })];
  });
  for (const cls of outside) assert.equal(await nextClickHandled(page.locator(`.${cls}`)), false, cls);
  assert.equal(new URL(page.url()).pathname, '/');
});

test('unknown paths and encoded slugs route like the server answers them', async () => {
  await page.goto(`${newsroom.url}/articol/a/b`);
  await page.getByRole('heading', { level: 1, name: 'Pagina nu a fost găsită' }).waitFor();
  // A slug with diacritics arrives percent-encoded and is matched decoded: it reaches the API as text.
  const asked = [];
  page.on('request', (r) => { if (/wp-json\/wp\/v2\/posts/.test(r.url())) asked.push(new URL(r.url()).searchParams.get('slug')); });
  await page.goto(`${newsroom.url}/articol/${encodeURIComponent('știri-de-azi')}`);
  await page.getByRole('heading', { level: 1, name: 'Pagina nu a fost găsită' }).waitFor();
  assert.ok(asked.includes('știri-de-azi'), asked.join(' | '));
});
