// End-to-end against a real WordPress (Debian's 6.1, tests/e2e/wordpress.mjs), not the
// demo newsroom: no ETag or Last-Modified, `date_gmt` without a zone, entities in
// titles (&#038;, &#8220;), 400 for a page past the end, CORS echoing the Origin.
// The release dist/ is served from another origin with its own config.json and the
// strict CSP of deploy/nginx.conf; the database is reloaded from the seed before each test.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, DIST, startServer, hydrated, openPage } from './harness.mjs';
import { startWordPress, serveApp } from './wordpress.mjs';

let wp, app, browser, page, context, problems;
const opened = [];

before(async () => {
  wp = await startWordPress();
  console.log(`# WordPress ${wp.cold ? 'cold (installed and seeded)' : 'warm (cached seed)'} start: ${(wp.timings.total_ms / 1000).toFixed(1)} s`);
  app = await serveApp(DIST, { api: wp.api, poll_seconds: 5, site_name: 'Curierul de Valea Verde' }, { apiOrigins: [wp.url] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await wp?.stop();
});
beforeEach(async () => {
  wp.reset();
  ({ page, context, problems } = await open());
});
afterEach(async (t) => {
  const all = opened.flatMap((o) => o.problems);
  for (const o of opened) await o.context.close();
  opened.length = 0;
  if (!t.name.includes('[expects console errors]')) assert.deepEqual(all, [], 'console errors or panics');
});

/** A page in a Romanian locale and a time zone two or three hours off UTC (so a
 *  `date_gmt` read as local time would show the wrong hour). */
async function open() {
  const o = await openPage(browser, { timezoneId: 'Europe/Chisinau' });
  opened.push(o);
  return o;
}

async function wpGet(query) {
  const r = await fetch(`${wp.api}${query}`);
  assert.equal(r.status, 200, `GET ${query}`);
  return r.json();
}
/** What a browser shows for WordPress's rendered HTML (entities decoded, tags dropped). */
const shown = (html) => page.evaluate((h) => new DOMParser().parseFromString(h, 'text/html').body.textContent.trim(), html);
const cardTitles = () => page.locator('.ziar-card-title').allTextContents().then((t) => t.map((s) => s.trim()));
const recentTitles = () => page.locator('.ziar-recent-title').allTextContents().then((t) => t.map((s) => s.trim()));
async function waitFor(cond, what, ms = 20000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the home page lists the seeded posts, newest first, with decoded titles', async () => {
  await page.goto(app.url + '/');
  await page.locator('.ziar-card').first().waitFor();
  const api = await wpGet('posts?per_page=10');
  assert.ok(api.some((p) => p.title.rendered.includes('&#038;')), 'WordPress sends &#038; (else this test proves nothing)');
  assert.ok(api.some((p) => p.title.rendered.includes('&#8220;')), 'WordPress sends &#8220;');
  const titles = await cardTitles();
  assert.deepEqual(titles, await Promise.all(api.map((p) => shown(p.title.rendered))));
  assert.deepEqual(titles.slice(0, 3), [
    'Tramvaiul de noapte revine pe linia 3 & circulă până la ora 2',
    'Piața centrală: „Roșiile s-au ieftinit”, spun producătorii',
    'Teatrul municipal deschide stagiunea cu “Visul unei nopți de vară”',
  ]);
  for (const t of titles) assert.ok(!/&#?\w+;/.test(t), `entity left in title: ${t}`);
  const text = await page.locator('body').textContent();
  assert.ok(!/Invalid Date|NaN/.test(text), 'no broken date');
  await page.locator('.ziar-recent-item').first().waitFor(); // the sidebar starts after the page paints
  assert.equal(await page.locator('.ziar-recent-item').count(), 6);
  assert.equal(await page.locator('.ziar-error').count(), 0);
});

test('an article shows its text with diacritics and „quotes”, byline, category, image and the right date', async () => {
  const seeded = wp.posts.find((p) => p.slug === 'teatrul-municipal-stagiune-noua');
  const [api] = await wpGet(`posts?slug=${seeded.slug}`);
  assert.ok(!api.date_gmt.endsWith('Z') && api.date_gmt !== api.date, 'date_gmt has no zone and differs from the local date');
  await page.goto(`${app.url}/articol/${seeded.slug}`);
  const h1 = page.locator('h1.ziar-headline');
  await h1.waitFor();
  assert.equal((await h1.textContent()).trim(), 'Teatrul municipal deschide stagiunea cu “Visul unei nopți de vară”');
  const body = page.locator('.ziar-body');
  const text = await body.textContent();
  for (const s of ['își deschide stagiunea', 'Irina Ștefănescu', 'ursitoare în loc de zâne', '„Vreau ca oamenii să râdă', 'Biletele costă între 20 și 45 de lei']) {
    assert.ok(text.includes(s), `body has “${s}”`);
  }
  assert.equal(await body.locator('h2').count(), 1);
  assert.equal(await body.locator('ol li').count(), 3);
  assert.equal(await body.locator('blockquote').count(), 1);
  // The date: date_gmt read as UTC, shown in the reader's zone through Intl.
  const time = page.locator('.ziar-date time').first();
  assert.equal(await time.getAttribute('datetime'), `${api.date_gmt}Z`);
  const expected = await page.evaluate((d) => new Intl.DateTimeFormat('ro', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(`${d}Z`)), api.date_gmt);
  assert.equal((await time.textContent()).trim(), expected);
  assert.match(await page.locator('.ziar-date').textContent(), /\(acum \d+ (ore|de ore)\)/);
  assert.ok(!/Invalid|NaN/.test(await page.locator('.ziar-meta').textContent()));
  assert.match(await page.locator('.ziar-byline').textContent(), /Ana-Maria Țurcanu/);
  assert.equal((await page.locator('.ziar-label').textContent()).trim(), 'Cultură');
  const hero = page.locator('.ziar-hero img');
  assert.equal(await hero.getAttribute('alt'), 'Scena teatrului municipal, luminată în roșu și violet');
  assert.ok((await hero.getAttribute('src')).startsWith(`${wp.url}/wp-content/uploads/`));
  await waitFor(() => hero.evaluate((i) => i.complete && i.naturalWidth > 0), 'the featured image to load', 5000);
  assert.equal(await page.title(), 'Teatrul municipal deschide stagiunea cu “Visul unei nopți de vară” – Curierul de Valea Verde');
});

test('a category page lists only its posts, with its decoded name', async () => {
  await page.goto(`${app.url}/categorie/educatie-stiinta`);
  const title = page.locator('h1.ziar-page-title');
  await title.waitFor();
  assert.equal((await title.textContent()).trim(), 'Educație & Știință');
  await page.locator('.ziar-card').first().waitFor();
  const expected = wp.posts.filter((p) => p.category === 'educatie-stiinta').map((p) => p.slug);
  const links = await page.locator('.ziar-card-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links.map((h) => h.split('/').pop()), expected);
  assert.deepEqual(await cardTitles(), [
    'Elevii din Valea Verde, trei medalii la olimpiada de chimie',
    'Universitatea deschide o facultate de informatică în 2027',
    'Școala din Lunca se redeschide după renovare, cu sală de sport nouă',
  ]);
});

test('load more appends the last page; a page gone past the end (WordPress: 400) keeps the cards and shows no error [expects console errors]', async () => {
  await page.goto(app.url + '/');
  const cards = page.locator('.ziar-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 10);
  const more = page.locator('.ziar-more');
  await more.click();
  await waitFor(async () => (await cards.count()) === wp.posts.length, 'the second page');
  assert.equal(await more.count(), 0, 'no button after the last page');
  assert.deepEqual(await cardTitles(), [...new Set(await cardTitles())], 'no duplicates');

  // Fresh page, then the site shrinks to one page before the reader asks for the second.
  let second;
  ({ page, problems: second } = await open());
  await page.goto(app.url + '/');
  await page.locator('.ziar-card').first().waitFor();
  const shownBefore = await cardTitles();
  for (const p of wp.posts.slice(10)) await wp.trash(p.id);
  const r = await fetch(`${wp.api}posts?per_page=10&page=2`);
  assert.equal(r.status, 400, 'WordPress answers 400 past the last page');
  await page.locator('.ziar-more').click();
  await waitFor(async () => (await page.locator('.ziar-more').count()) === 0, 'the button to go ("no more")');
  assert.deepEqual(await cardTitles(), shownBefore, 'the cards stay');
  assert.equal(await page.locator('.ziar-error').count(), 0, 'no error for "no more posts"');
  // Chromium itself logs every 4xx answer; the app logs nothing.
  assert.deepEqual(problems, []);
  assert.deepEqual(second, ['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
});

test('a post published in WordPress shows up in Recent Posts without a reload', async () => {
  await page.goto(app.url + '/');
  await page.locator('.ziar-recent-item').first().waitFor();
  const before = await recentTitles();
  const made = await wp.publish({ title: 'Ultima oră: apa caldă revine "mâine" în cartierul Izvoare & Teilor', category: 'local' });
  assert.match(made.title.rendered, /&#8220;.*&#038;/);
  const pill = page.locator('.ziar-pill');
  await pill.waitFor({ timeout: 20000 });
  assert.equal((await pill.textContent()).trim(), 'un articol nou');
  assert.deepEqual(await recentTitles(), before, 'the list waits for the reader');
  await pill.click();
  await waitFor(async () => (await recentTitles())[0] === 'Ultima oră: apa caldă revine “mâine” în cartierul Izvoare & Teilor', 'the new post on top');
  assert.equal(await page.locator('.ziar-recent-item').first().getAttribute('data-post-id'), String(made.id));
  assert.equal(await page.locator('.ziar-recent-item').count(), 6);
  assert.ok(!/Invalid|NaN/.test(await page.locator('.ziar-recent-item time').first().textContent()));
});

test('an edit in WordPress updates the Recent Posts item in place', async () => {
  await page.goto(app.url + '/');
  await page.locator('.ziar-recent-item').first().waitFor();
  const ids = await page.locator('.ziar-recent-item').evaluateAll((li) => li.map((x) => x.dataset.postId));
  const title = 'Piața centrală: prețurile corectate de redacție & confirmate';
  await wp.edit(Number(ids[1]), { title });
  await waitFor(async () => (await recentTitles())[1] === title, 'the edited title', 20000);
  assert.deepEqual(await page.locator('.ziar-recent-item').evaluateAll((li) => li.map((x) => x.dataset.postId)), ids, 'same items, same order');
  assert.equal(await page.locator('.ziar-pill').count(), 0, 'an edit is not a new post');
});

test('a post trashed in WordPress disappears from Recent Posts', async () => {
  await page.goto(app.url + '/');
  await page.locator('.ziar-recent-item').first().waitFor();
  const first = await page.locator('.ziar-recent-item').first().getAttribute('data-post-id');
  await wp.trash(Number(first));
  await waitFor(async () => (await page.locator(`.ziar-recent-item[data-post-id="${first}"]`).count()) === 0, 'the trashed post to go', 20000);
  assert.equal(await page.locator('.ziar-recent-item').count(), 6, 'an older post backfills');
  assert.equal((await recentTitles())[0], wp.posts[1].title.replace(/"([^"]*)"/g, '“$1”'));
  assert.equal(await page.locator('.ziar-pill').count(), 0);
});

test('an author page lists that author\'s posts, reached from a byline', async () => {
  const author = wp.authors.find((a) => wp.posts.some((p) => p.author === a.slug));
  const theirs = wp.posts.filter((p) => p.author === author.slug);
  await page.goto(`${app.url}/articol/${theirs[0].slug}`);
  const byline = page.locator('.ziar-byline a');
  await byline.first().waitFor();
  assert.equal((await byline.first().textContent()).trim(), author.name);
  assert.equal(await byline.first().getAttribute('href'), `/autor/${author.slug}`);
  await byline.first().click();
  await page.waitForFunction((n) => document.querySelector('h1')?.textContent.trim() === n, author.name);
  await page.locator('.ziar-card').first().waitFor();
  const api = await wpGet(`posts?author=${author.id}&per_page=10`);
  assert.deepEqual(await cardTitles(), await Promise.all(api.map((p) => shown(p.title.rendered))));
  assert.equal(await page.title(), `${author.name} – Curierul de Valea Verde`);
});

test('ziar-server in front of WordPress: text and preview tags without JavaScript, 304 idle polls, the page hydrates', async () => {
  const server = await startServer(wp.api, ['--poll-seconds', '5', '--time-zone', 'Europe/Chisinau']);
  try {
    const post = wp.posts.find((p) => p.image != null);
    // Without JavaScript, as link previews and crawlers read it.
    const nojs = await browser.newContext({ javaScriptEnabled: false, locale: 'ro-RO' });
    const bare = await nojs.newPage();
    const res = await bare.goto(`${server.url}/articol/${post.slug}`);
    assert.equal(res.status(), 200);
    const [api] = await wpGet(`posts?slug=${post.slug}`);
    const title = await shown(api.title.rendered);
    assert.equal((await bare.locator('h1.ziar-headline').textContent()).trim(), title);
    assert.ok((await bare.locator('.ziar-body p').count()) >= 2);
    assert.equal(await bare.locator('meta[property="og:title"]').getAttribute('content'), title);
    assert.match(await bare.locator('meta[property="og:image"]').getAttribute('content'), /^http:\/\/127\.0\.0\.1:\d+\/.*\.(png|jpe?g)$/);
    assert.match(await bare.locator('.ziar-date time').first().textContent(), /\d{4}/);
    await nojs.close();
    // WordPress sends no validators; the server's JSON does, so an idle poll is a 304.
    const list = `${server.url}/_ziar/api/posts?page=1&per_page=6`;
    const first = await fetch(list);
    const again = await fetch(list, { headers: { 'If-None-Match': first.headers.get('etag') } });
    assert.equal(again.status, 304);
    const wpAgain = await fetch(`${wp.api}posts?per_page=6&_fields=id,date_gmt,modified_gmt,slug,link,title,excerpt`);
    assert.equal(wpAgain.status, 200, 'WordPress itself re-sends the whole list');
    assert.equal(wpAgain.headers.get('etag'), null);
    // With JavaScript: the app takes over the same page.
    await page.goto(`${server.url}/articol/${post.slug}`);
    await hydrated(page);
    await page.locator('.ziar-share-button').click();
    assert.ok(await page.locator('.ziar-share-menu').isVisible());
  } finally {
    server.stop();
  }
});
