// End-to-end: the release build, served by the demo newsroom, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

let newsroom, browser, page, context, problems;

suite({
  started: (s) => ({ newsroom, browser } = s),
  opened: (o) => ({ page, context, problems } = o),
});

const recentItems = () => page.locator('.ziar-recent-item');

async function wpPosts(query) {
  const r = await fetch(`${newsroom.url}/wp-json/wp/v2/posts?${query}`);
  assert.equal(r.status, 200);
  return r.json();
}

test('home page lists the latest posts from the API, newest first', async () => {
  await page.goto(newsroom.url + '/');
  const cards = page.locator('.ziar-card');
  await cards.first().waitFor();
  const api = await wpPosts('per_page=10');
  assert.equal(await cards.count(), 10);
  const titles = await page.locator('.ziar-card-title').allTextContents();
  const decoded = api.map((p) => p.title.rendered);
  // The API sends WordPress entities; the page shows decoded text in the same order.
  assert.equal(titles.length, decoded.length);
  for (const t of titles) assert.ok(!/&#\d+;/.test(t), `entity left in title: ${t}`);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ro');
});

test('recent posts show 6 items, newest first, cut excerpts and Romanian relative times', async () => {
  await page.goto(newsroom.url + '/');
  await recentItems().first().waitFor();
  assert.equal(await recentItems().count(), 6);
  const stamps = await page.locator('.ziar-recent-item time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
  const sorted = [...stamps].sort((a, b) => b - a);
  assert.deepEqual(stamps, sorted, 'newest first');
  const times = await page.locator('.ziar-recent-item time').allTextContents();
  // Seed offsets 12, 20, 27, 42, 57, 60 minutes: Intl says "acum 12 minute" … "acum o oră".
  assert.equal(times[0], 'acum 12 minute');
  assert.equal(times[2], 'acum 27 de minute');
  assert.ok(times.every((t) => t.startsWith('acum ') && !/ago/.test(t)), times.join(' | '));
  const excerpts = await page.locator('.ziar-recent-excerpt').allTextContents();
  assert.ok(excerpts.some((e) => e.endsWith('…')), 'some excerpt is cut with …');
  assert.ok(excerpts.every((e) => [...e].length <= 101), 'excerpts are at most 100 characters plus …');
  const title = await page.locator('.ziar-recent-item time').first().getAttribute('title');
  assert.match(title, /\d{4}/, 'absolute date as the title');
});

test('the article page renders headline, category, byline, date and a sanitized body', async () => {
  const [long] = await wpPosts('slug=' + encodeURIComponent(
    'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice'));
  assert.ok(long, 'the long demo article exists');
  await page.goto(`${newsroom.url}/articol/${long.slug}`);
  const headline = page.locator('h1.ziar-headline');
  await headline.waitFor();
  assert.ok((await headline.textContent()).startsWith('Zilele Orașului Valea Verde'));
  assert.equal(await page.locator('h1').count(), 1);
  assert.match(await page.locator('.ziar-byline').textContent(), /^Publicat de \S/);
  assert.match(await page.locator('.ziar-date').textContent(), /2026|2025/);
  assert.ok(await page.locator('.ziar-label a').count() >= 1);
  const body = page.locator('.ziar-body');
  assert.ok(await body.locator('h2').count() >= 2);
  assert.ok(await body.locator('blockquote').count() >= 1);
  assert.ok(await body.locator('ul li').count() >= 2);
  assert.ok(await body.locator('ol li').count() >= 2);
  assert.equal(await body.locator('figure img').getAttribute('loading'), 'lazy');
  assert.equal(await body.locator('script, style, iframe').count(), 0);
  assert.equal(await page.title(), `${await headline.textContent()} – Curierul de Valea Verde`);
  const bodyText = await body.textContent();
  assert.ok(/[ăâîșț]/.test(bodyText) && bodyText.includes('„'), 'diacritics and typographic quotes survive');
});

test('clicking a recent post navigates client-side to its article', async () => {
  await page.goto(newsroom.url + '/');
  const first = page.locator('.ziar-recent-title').first();
  await first.waitFor();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.locator('h1.ziar-headline').waitFor();
  assert.equal((await page.locator('h1.ziar-headline').textContent()).trim(), title);
  assert.match(page.url(), /\/articol\//);
});

test('a post published mid-test appears first after a reload', async () => {
  await page.goto(newsroom.url + '/');
  await recentItems().first().waitFor();
  const before = await page.locator('.ziar-recent-title').allTextContents();
  const fresh = await newsroom.admin('publish', { title: 'Știre de ultimă oră: podul peste Valea Verde se redeschide mâine' });
  assert.ok(!before.includes('Știre de ultimă oră: podul peste Valea Verde se redeschide mâine'));
  await page.reload();
  await recentItems().first().waitFor();
  const after = await page.locator('.ziar-recent-title').allTextContents();
  assert.equal(after[0].trim(), 'Știre de ultimă oră: podul peste Valea Verde se redeschide mâine');
  assert.equal(after.length, 6);
  assert.equal(await page.locator('.ziar-recent-item time').first().textContent(), 'acum');
  assert.ok(fresh.id);
});

test('deep links and unknown slugs get the app, with a friendly not-found page', async () => {
  const resp = await page.goto(`${newsroom.url}/articol/nu-exista-un-asemenea-articol`);
  assert.equal(resp.status(), 200);
  await page.getByRole('heading', { name: 'Pagina nu a fost găsită' }).waitFor();
  await page.goto(`${newsroom.url}/o/cale/oarecare`);
  await page.getByRole('heading', { name: 'Pagina nu a fost găsită' }).waitFor();
});

test('category pages list that category [category]', async () => {
  await page.goto(newsroom.url + '/categorie/sport');
  await page.locator('.ziar-card').first().waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Sport');
  const labels = await page.locator('.ziar-card .ziar-label').allTextContents();
  assert.ok(labels.length > 0);
});

test('a wrong API URL in config.json shows a clear on-page error naming it [expects console errors]', async () => {
  const bad = 'http://127.0.0.1:9/wp-json/wp/v2/';
  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ api: bad }) }));
  await page.goto(newsroom.url + '/');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /nu a putut fi contactat/);
  assert.ok(text.includes('http://127.0.0.1:9/wp-json/wp/v2/posts'), text);
  // The console has the technical detail; no panic happened.
  assert.ok(problems.some((p) => p.includes('Ziar:') && p.includes('127.0.0.1:9')), problems.join('\n'));
  assert.ok(!problems.some((p) => p.startsWith('pageerror') || /panicked/.test(p)), problems.join('\n'));
});

test('an invalid config.json is reported on the page, not a blank screen [expects console errors]', async () => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"recent_count": 0}' }));
  await page.goto(newsroom.url + '/');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  assert.match(await alert.textContent(), /recent_count/);
  assert.ok(!problems.some((p) => p.startsWith('pageerror')), problems.join('\n'));
});

test('every problem of an invalid config.json is listed with its key, under the header, with a Retry [expects console errors]', async () => {
  let body = JSON.stringify({
    apii: 'wp-json/wp/v2/', recent_count: '6', page_size: 500, theme: 'sepia',
    share: { via: '@nu merge' }, follow: [{ network: 'fax', url: '/x' }],
  });
  await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body }));
  await page.goto(newsroom.url + '/');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  assert.match(await alert.locator('.ziar-error-detail').textContent(), /config\.json/);
  // One line per problem, each naming its key: unknown keys first, then in the documented order.
  const items = await alert.locator('.ziar-config-problems li').allTextContents();
  const keys = ['apii', 'recent_count', 'page_size', 'share.via', 'follow[0].network', 'theme'];
  assert.equal(items.length, keys.length, items.join('\n'));
  keys.forEach((k, i) => assert.ok(items[i].includes(`\`${k}\``), `${k}: ${items[i]}`));
  // The page keeps its frame: the header and one h1.
  assert.equal(await page.locator('header.ziar-header').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);
  // The console has each problem in full, for the publisher.
  const logged = problems.find((p) => p.includes('Ziar:') && p.includes('config.json'));
  assert.ok(logged, problems.join('\n'));
  for (const detail of ['`apii` is not a setting Ziar knows', '`recent_count` must be a whole number',
    '`page_size` must be between 1 and 100', '`share.via` must be an X handle', '`follow[0].network` is not a network',
    '`theme` must be']) {
    assert.ok(logged.includes(detail), `${detail}: ${logged}`);
  }
  // Fixed on the server, Retry reads it again: the site appears without a reload.
  body = JSON.stringify({ site_name: 'Curierul de Valea Verde' });
  await page.evaluate(() => { window.__sameDocument = true; });
  await alert.locator('.ziar-retry').click();
  await page.locator('.ziar-card').first().waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  assert.ok(!problems.some((p) => p.startsWith('pageerror')), problems.join('\n'));
});

test('api set to the site\'s own address ("/") finds the WordPress API from its Link header', async () => {
  const infos = [];
  page.on('console', (m) => { if (m.type() === 'info') infos.push(m.text()); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/config.json', (route) => route.fulfill({ json: { api: '/', site_name: 'Curierul de Valea Verde' } }));
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-card').first().waitFor();
  await page.locator('.ziar-recent-item').first().waitFor();
  assert.ok(requests.some((u) => u.startsWith(`${newsroom.url}/wp-json/wp/v2/posts?_embed=1`)), requests.join('\n'));
  assert.ok(infos.some((i) => i.includes(`its API is ${newsroom.url}/wp-json/wp/v2/`)), infos.join('\n'));
  // Found from the page's Link header: no guessing at wp-json/ or ?rest_route=.
  assert.ok(!requests.some((u) => u.includes('rest_route') || u.includes('per_page=1&_fields=id')), requests.join('\n'));
});

test('a boot skeleton paints before the wasm, config.json is preloaded beside it, and the skeleton yields to the app', async () => {
  // Hold the wasm back: whatever shows now is index.html and CSS alone.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  const configRequested = page.waitForRequest((r) => new URL(r.url()).pathname === '/config.json', { timeout: 10000 });
  await page.goto(newsroom.url + '/', { waitUntil: 'commit' });
  const boot = page.locator('.ziar-boot');
  await boot.waitFor({ state: 'visible' });
  const bootBox = await boot.boundingBox();
  assert.ok(bootBox.height > 300, `the skeleton fills the first screen (${bootBox.height}px)`);
  const bootHead = await page.locator('.ziar-boot-head').boundingBox();
  // The preload fetches config.json while the wasm is still on its way, not after it.
  await configRequested;
  release();
  await page.locator('.ziar-header').waitFor();
  await boot.waitFor({ state: 'hidden' });
  const head = await page.locator('.ziar-header').boundingBox();
  assert.ok(Math.abs(head.height - bootHead.height) < 1, `header ${head.height}px where the skeleton's was ${bootHead.height}px`);
  assert.equal(head.y, bootHead.y);
  await recentItems().first().waitFor();
});
