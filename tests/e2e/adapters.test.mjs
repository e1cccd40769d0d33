// End-to-end: the same demo posts through different API adapters. config.json
// is replaced per test (kind "auto"), so detection, the adapter and the app's
// requests for each shape all run for real against the demo newsroom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

let newsroom, browser, page, context, problems;

suite({
  started: (s) => ({ newsroom, browser } = s),
  opened: (o) => ({ page, context, problems } = o),
});

/** Points the app at `api` (a newsroom path or a full URL) with kind auto. */
async function useApi(api, extra = {}) {
  const url = api.startsWith('http') ? api : newsroom.url + api;
  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ api: url, kind: 'auto', ...extra }) }));
  return url;
}

/** The newest ten titles, as plain text, from the JSON Feed of the same store. */
async function expectedTitles() {
  const r = await fetch(`${newsroom.url}/feed.json`);
  assert.equal(r.status, 200);
  return (await r.json()).items.slice(0, 10).map((i) => i.title);
}

/**
 * The home page's card titles, first ten (`page_size` defaults to 10, whatever
 * the API's pages hold).
 */
async function cardTitles() {
  await page.locator('.ziar-card').first().waitFor();
  const all = (await page.locator('.ziar-card-title').allTextContents()).map((t) => t.trim());
  assert.ok(all.length >= 10, `at least ten cards, got ${all.length}`);
  return all.slice(0, 10);
}

const SHAPES = [
  ['WordPress REST v2', '/wp-json/wp/v2/'],
  ['JSON Feed', '/feed.json'],
  ['Ghost Content API', '/ghost/api/content/posts/'],
  ['dev.to', '/api/articles'],
  ['NewsAPI', '/v2/top-headlines'],
];

for (const [name, path] of SHAPES) {
  test(`${name}: the home page shows the same ten newest posts`, async () => {
    const requested = [];
    page.on('request', (r) => { if (r.url().startsWith(newsroom.url + path)) requested.push(r.url()); });
    await useApi(path);
    await page.goto(newsroom.url + '/');
    const titles = await cardTitles();
    assert.deepEqual(titles, await expectedTitles());
    assert.ok(requested.length > 0, `the app asked ${path}`);
    // Each API is asked in its own terms for one page of ten.
    const pageSize = { '/ghost/api/content/posts/': 'limit=10', '/api/articles': 'per_page=10',
      '/v2/top-headlines': 'pageSize=10', '/wp-json/wp/v2/': 'per_page=10' }[path];
    if (pageSize) assert.ok(requested.some((u) => u.includes(pageSize)), requested.join('\n'));
    // Recent posts: newest first, with relative times, through the same adapter.
    await page.locator('.ziar-recent-item').first().waitFor();
    const newest = (await (await fetch(`${newsroom.url}/feed.json`)).json()).items[0].date_published;
    const shown = await page.locator('.ziar-recent-item time').first().getAttribute('datetime');
    assert.equal(Date.parse(shown), Date.parse(newest), 'the newest post, with its UTC time');
    assert.match(await page.locator('.ziar-recent-item time').first().textContent(), /^acum /);
  });
}

test('JSON Feed: the home page shows page_size posts, and "load more" walks the feed across next_url', async () => {
  const pages = [];
  page.on('request', (r) => { if (r.url().startsWith(newsroom.url + '/feed.json?')) pages.push(r.url()); });
  await useApi('/feed.json', { page_size: 4 });
  await page.goto(newsroom.url + '/');
  // The whole feed, across its pages, as the newsroom serves it.
  const all = [];
  for (let next = `${newsroom.url}/feed.json`; next;) {
    const f = await (await fetch(next)).json();
    all.push(...f.items.map((i) => i.title));
    next = f.next_url;
  }
  assert.ok(all.length > 20, 'the demo feed has more than one page');
  const cards = page.locator('.ziar-card-title');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 4, 'page_size, not the feed\'s 20');
  for (let shown = 4; shown < all.length; shown = Math.min(shown + 4, all.length)) {
    if (shown >= 20) assert.equal(pages.length, shown === 20 ? 0 : 1, 'the next page only when the first ran out');
    await page.locator('.ziar-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('.ziar-card-title').length === n,
      Math.min(shown + 4, all.length));
  }
  assert.deepEqual((await cards.allTextContents()).map((t) => t.trim()), all);
  assert.equal(await page.locator('.ziar-more').count(), 0, 'nothing more after the last page');
  assert.equal(pages.length, 1, `next_url fetched once: ${pages.join(', ')}`);
});

test('Ghost: an article opens by slug with its body and byline', async () => {
  await useApi('/ghost/api/content/posts/');
  await page.goto(newsroom.url + '/');
  const first = page.locator('.ziar-card-title').first();
  await first.waitFor();
  const title = (await first.textContent()).trim();
  const slugRequests = [];
  page.on('request', (r) => { if (r.url().includes('/ghost/api/content/posts/slug/')) slugRequests.push(r.url()); });
  await first.click();
  await page.locator('h1.ziar-headline').waitFor();
  assert.equal((await page.locator('h1.ziar-headline').textContent()).trim(), title);
  assert.match(await page.locator('.ziar-byline').textContent(), /^Publicat de \S/);
  assert.ok((await page.locator('.ziar-body p').count()) >= 1, 'the body rendered');
  assert.ok(slugRequests.length >= 1, 'looked up by slug');
});

test('dev.to: an article page fetches the body the list lacks', async () => {
  await useApi('/api/articles');
  const byId = [];
  page.on('request', (r) => { if (/\/api\/articles\/\d+/.test(r.url())) byId.push(r.url()); });
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-card-title').first().click();
  await page.locator('h1.ziar-headline').waitFor();
  await page.locator('.ziar-body p').first().waitFor();
  assert.ok((await page.locator('.ziar-body').textContent()).trim().length > 20, 'non-empty body');
  assert.equal(byId.length, 1, byId.join('\n'));
});

test('a custom mapping reads an API no adapter knows', async () => {
  // A made-up API: the same posts, re-shaped, served through page.route.
  const feed = await (await fetch(`${newsroom.url}/feed.json`)).json();
  const body = { meta: { count: feed.items.length }, data: { stories: feed.items.map((i) => ({
    key: `s-${i.id}`, headline: i.title, web: i.url, when: Math.floor(Date.parse(i.date_published) / 1000),
    summary: i.summary, html: i.content_html, byline: i.authors.map((a) => ({ name: a.name })),
  })) } };
  await page.route('**/stiri-api/v1/stories*', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) }));
  await useApi(newsroom.url + '/stiri-api/v1/stories', {
    mapping: { items: '/data/stories', id: '/key', title: '/headline', url: '/web', published: '/when',
      excerpt: '/summary', content_html: '/html', author: '/byline', total: '/meta/count' },
  });
  await page.goto(newsroom.url + '/');
  assert.deepEqual(await cardTitles(), await expectedTitles());
});

test('an unknown shape is reported with what was expected [expects console errors]', async () => {
  await page.route('**/nu-e-api/stiri.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"hello": "world"}' }));
  await useApi('/nu-e-api/stiri.json');
  await page.goto(newsroom.url + '/');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  const text = await alert.textContent();
  assert.ok(text.includes('/nu-e-api/stiri.json'), text);
  // The reader gets it in the UI language; the English technical text is in the console.
  assert.match(text, /un format pe care Ziar nu îl cunoaște/);
  assert.match(text, /Ghost/);
  assert.ok(problems.some((p) => /unknown API shape/.test(p)), problems.join('\n'));
  assert.ok(!problems.some((p) => p.startsWith('pageerror') || /panicked/.test(p)), problems.join('\n'));
});

test("an API's own error object reaches the reader [expects console errors]", async () => {
  await page.route('**/v2/top-headlines*', (route) => route.fulfill({
    status: 401, contentType: 'application/json',
    body: JSON.stringify({ status: 'error', code: 'apiKeyInvalid', message: 'Your API key is invalid or incorrect.' }),
  }));
  await useApi('/v2/top-headlines?country=ro&apiKey=gresit');
  await page.goto(newsroom.url + '/');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /Your API key is invalid or incorrect\./);
  assert.match(text, /NewsAPI/);
  assert.ok(!problems.some((p) => p.startsWith('pageerror') || /panicked/.test(p)), problems.join('\n'));
});
