// End-to-end: links inside an article (src/sanitize.rs: ids, in-article fragments,
// links to other posts; src/components/html_body.rs: the click). A table of contents
// and footnotes scroll within the article and put their #fragment in the URL (Back
// returns to where the reader was); a link to another post of the site opens in the
// app; other links stay external. The /news/ deploy is in deploy.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

let newsroom, page;

suite({
  started: (s) => ({ newsroom } = s),
  opened: (o) => ({ page } = o),
});

const LONG = 'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice';
const FESTIVAL = 'festivalul-teatru-muzica-revine-in-parcul-castanilor-cu-douazeci-de-spectacole-gratuite';
const body = () => page.locator('.ziar-body');
const headline = () => page.locator('h1.ziar-headline');

async function openArticle(slug) {
  await page.goto(`${newsroom.url}/articol/${slug}`);
  await body().locator('p').first().waitFor();
  // Set on this document only: a full page load would lose it.
  await page.evaluate(() => { window.__sameDocument = true; });
}

/** Where `id` is relative to the view, whether it has focus, and the page's state.
 *  `reached`: at the top of the view, or in view with the page scrolled to its end. */
const state = (id) => page.evaluate((id) => {
  const el = document.getElementById(id);
  const r = el?.getBoundingClientRect();
  const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
  return {
    top: r && Math.round(r.top),
    reached: !!r && (Math.abs(r.top) <= 2 || (end && r.top > 0 && r.bottom <= innerHeight)),
    inView: !!r && r.top >= -1 && r.bottom <= innerHeight + 1,
    focused: document.activeElement === el,
    scrollY: Math.round(scrollY),
    url: location.href,
    sameDocument: window.__sameDocument === true,
  };
}, id);

test('a table-of-contents entry scrolls to its heading in the page, with its #fragment in the URL; Back returns', async () => {
  await openArticle(LONG);
  const here = page.url();
  const toc = body().locator('ol').first().locator('a');
  assert.deepEqual(await toc.allTextContents(),
    ['Pe scurt: ce, unde și când', 'Programul, zi cu zi', 'Cum ajungeți și unde parcați', 'Sfaturi practice', 'Note']);
  // The hrefs name this page, with the headings' prefixed ids (not the API's URL, not the home page).
  assert.equal(await toc.nth(3).getAttribute('href'), `${here}#ziar-c-sfaturi`);
  assert.equal(await body().locator('h2#ziar-c-sfaturi').count(), 1);
  await toc.nth(3).scrollIntoViewIfNeeded();
  const before = (await state('ziar-c-sfaturi')).scrollY;
  await toc.nth(3).click();
  await page.waitForFunction(() => location.hash === '#ziar-c-sfaturi');
  const at = await state('ziar-c-sfaturi');
  assert.ok(at.reached, `the heading is at the top of the view (${at.top})`);
  assert.ok(at.focused, 'focus moved to the heading');
  assert.ok(at.scrollY > before, 'the page scrolled down');
  assert.equal(at.url, `${here}#ziar-c-sfaturi`, 'same page, same origin');
  assert.ok(at.sameDocument, 'no page load');
  assert.equal((await headline().textContent()).trim().slice(0, 20), 'Zilele Orașului Vale');
  // Back: the fragment goes and the view returns to the table of contents.
  await page.goBack();
  await page.waitForFunction(() => location.hash === '');
  await page.waitForFunction((y) => Math.abs(scrollY - y) <= 2, before);
  assert.equal(page.url(), here);
  assert.ok((await state('ziar-c-sfaturi')).sameDocument);
  // Forward: at the heading again.
  await page.goForward();
  await page.waitForFunction(() => location.hash === '#ziar-c-sfaturi');
  await page.waitForFunction(() => Math.abs(document.getElementById('ziar-c-sfaturi').getBoundingClientRect().top) <= 2
    || scrollY + innerHeight >= document.documentElement.scrollHeight - 1);
  assert.ok((await state('ziar-c-sfaturi')).reached);
});

test('a footnote reference and its back-link take the reader there and back', async () => {
  await openArticle(LONG);
  const ref = body().locator('sup a').first();
  assert.equal(await ref.getAttribute('id'), 'ziar-c-nota-1-ref');
  await ref.click();
  await page.waitForFunction(() => location.hash === '#ziar-c-nota-1');
  const note = await state('ziar-c-nota-1');
  assert.ok(note.inView && note.focused, JSON.stringify(note));
  assert.match(await page.locator('#ziar-c-nota-1').textContent(), /1426/);
  // Keyboard: the back-link is the next stop after the focused note.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')?.split('#')[1]), 'ziar-c-nota-1-ref');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#ziar-c-nota-1-ref');
  const back = await state('ziar-c-nota-1-ref');
  assert.ok(back.inView && back.focused && back.sameDocument, JSON.stringify(back));
  // The reference link keeps its place in the tab order (no tabindex added to a link).
  assert.equal(await ref.getAttribute('tabindex'), null);
});

test('an article opened at a #fragment scrolls to it once the body is in', async () => {
  await page.goto(`${newsroom.url}/articol/${LONG}#ziar-c-transport`);
  await body().locator('#ziar-c-transport').waitFor();
  await page.waitForFunction(() => Math.abs(document.getElementById('ziar-c-transport').getBoundingClientRect().top) <= 2);
});

test('a link to another demo post opens it inside the app, without a page load', async () => {
  await openArticle(LONG);
  const link = body().locator(`a[href$="/articol/${FESTIVAL}"]`);
  assert.equal(await link.getAttribute('href'), `${newsroom.url}/articol/${FESTIVAL}`);
  assert.equal(await link.getAttribute('target'), null, 'in-app: no new tab');
  await link.click();
  await page.waitForURL(`${newsroom.url}/articol/${FESTIVAL}`);
  await page.waitForFunction(() => document.querySelector('h1.ziar-headline')?.textContent.includes('„Teatru & muzică”'));
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('h1.ziar-headline')?.textContent.startsWith('Zilele'));
});

test('external links stay external: rel=noopener noreferrer, the configured target, left to the browser', async () => {
  await openArticle(LONG);
  const ext = body().locator('a[href^="https://example.org/"]');
  assert.equal(await ext.count(), 2);
  for (const a of await ext.all()) {
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await a.getAttribute('target'), '_blank');
  }
  // Neither the article nor the router takes the click (cancelled here, so nothing opens).
  const handled = await ext.first().evaluate((a) => {
    let prevented = null;
    addEventListener('click', (e) => { prevented = e.defaultPrevented; e.preventDefault(); }, { once: true });
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    return prevented;
  });
  assert.equal(handled, false);
  assert.equal(page.url(), `${newsroom.url}/articol/${LONG}`);
});

test('repeated ids, missing targets, clobbering ids and ?p= links', async () => {
  const [other] = await (await fetch(`${newsroom.url}/wp-json/wp/v2/posts?slug=${FESTIVAL}`)).json();
  const post = await newsroom.admin('publish', {
    title: 'Test: ancore în corpul articolului',
    content_html: '<p id="main">Un paragraf cu id-ul paginii.</p><h2 id="x">Prima</h2><p>Text.</p><h2 id="x">A doua</h2>'
      + '<p><a href="#x">la x</a> · <a href="#lipsa">fără țintă</a> · <a href="#" onclick="alert(1)">diez</a>'
      + ` · <a href="{base}/?p=${other.id}">după id</a></p>`,
  });
  await openArticle(post.slug);
  const here = page.url();
  // The page's own <main> is still the one getElementById finds; each id once.
  assert.equal(await page.evaluate(() => document.getElementById('main').tagName), 'MAIN');
  assert.equal(await page.locator('[id="ziar-c-x"]').count(), 1);
  assert.equal(await body().locator('h2').nth(1).getAttribute('id'), null, 'the repeat lost its id');
  assert.equal(await body().getByText('diez').getAttribute('href'), null, 'a bare # leads nowhere');
  // A fragment with no target: nothing moves, the URL stays, no error.
  await body().getByText('fără țintă').scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => scrollY);
  await body().getByText('fără țintă').click();
  await page.waitForTimeout(200);
  assert.equal(page.url(), here);
  assert.equal(await page.evaluate(() => scrollY), y);
  // The first of the repeated ids is the target.
  await body().getByText('la x').click();
  await page.waitForFunction(() => location.hash === '#ziar-c-x');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Prima');
  // WordPress's ?p=<id> opens the post in the app (looked up by id).
  await body().getByText('după id').click();
  await page.waitForFunction(() => document.querySelector('h1.ziar-headline')?.textContent.includes('„Teatru & muzică”'));
  assert.equal(new URL(page.url()).pathname, `/articol/${other.id}`);
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
});
