// End-to-end: the embed build on someone else's page. Two demo newsrooms are two
// news APIs (A also serves dist/embed/); the host pages come from a third origin,
// a tiny node server, with hostile global CSS and a strict CSP that names only
// what the widgets need. Every page records CSP violations; none may happen.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { startNewsroom, launch, openPage, DIST } from './harness.mjs';

let A, B, host, browser, page, context, problems;
const pages = new Map(); // path → { body, type, csp }
const EMBED = path.join(DIST, 'embed');
const HOSTILE = '* { all: unset } div { display: none } a { color: lime !important }';

/** The foreign host: serves whatever `pages` holds, with that page's CSP header. */
function startHost() {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    if (pathname === '/favicon.ico') { res.writeHead(204).end(); return; }
    const p = pages.get(pathname);
    if (!p) { res.writeHead(404).end('not found'); return; }
    const headers = { 'content-type': p.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (p.csp) headers['content-security-policy'] = p.csp;
    res.writeHead(200, headers).end(p.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() });
  }));
}

/** The policy a host page needs for the custom elements (README, Embedding). */
const widgetCsp = () => [
  "default-src 'self'",
  `script-src 'self' ${A.url} 'wasm-unsafe-eval'`,
  `style-src 'self' ${A.url}`,
  `connect-src 'self' ${A.url} ${B.url}`,
  `img-src 'self' ${A.url} ${B.url} data:`,
].join('; ');

const recentPage = (extra = '') => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Partner page</title>
<link rel="stylesheet" href="/hostile.css">
<link rel="stylesheet" href="/theme.css">
<script type="module" src="${A.url}/embed/ziar-embed.js"></script></head>
<body>
<h2 id="probe">Host heading</h2>
<div id="host-div">Host div (hidden by the host's own CSS)</div>
<section><ziar-recent-posts id="wa" api="${A.url}/wp-json/wp/v2/" count="4" poll="5" auto-insert></ziar-recent-posts></section>
<section><ziar-recent-posts id="wb" api="${B.url}/wp-json/wp/v2/" count="4" poll="5" auto-insert locale="en"></ziar-recent-posts></section>
${extra}
</body></html>`;

before(async () => {
  [A, B] = await Promise.all([startNewsroom(), startNewsroom()]);
  host = await startHost();
  browser = await launch();
  pages.set('/hostile.css', { body: HOSTILE, type: 'text/css' });
  // The documented theming hooks: a custom property on the element, and a part.
  pages.set('/theme.css', {
    body: '#wa { --ziar-fg: rgb(1, 2, 3) } #wa::part(heading) { color: rgb(4, 5, 6) }',
    type: 'text/css',
  });
});
after(async () => {
  await browser?.close();
  A?.stop();
  B?.stop();
  host?.stop();
});
beforeEach(async () => {
  await Promise.all([A.admin('reset'), B.admin('reset')]);
  ({ page, context, problems } = await openPage(browser));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});
afterEach(async (t) => {
  const csp = page && !page.isClosed() ? await page.evaluate(() => window.__csp ?? []) : [];
  await context?.close();
  assert.deepEqual(csp, [], 'CSP violations');
  if (!t.name.includes('[expects console errors]')) assert.deepEqual(problems, [], 'console errors or panics');
});

const items = (id) => page.locator(`#${id} .ziar-recent-item`);
/** dist/embed/bundles.json: each bundle's files, the elements it serves and its brotli bytes. */
const bundles = () => JSON.parse(fs.readFileSync(path.join(EMBED, 'bundles.json'), 'utf8'));
const bundle = (name) => bundles().find((b) => b.name === name);
/** The widget files the page fetches from A's /embed/ (names), in order. */
function embedFiles(p) {
  const seen = [];
  p.on('requestfinished', (r) => {
    const u = new URL(r.url());
    if (u.origin === A.url && u.pathname.startsWith('/embed/')) seen.push(u.pathname.slice('/embed/'.length));
  });
  return seen;
}
const code = (files) => files.filter((f) => /\.(js|wasm)$/.test(f)).sort();
const sharePage = (attrs = '') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host title</title>
<link rel="stylesheet" href="/hostile.css">
<script type="module" src="${A.url}/embed/ziar-embed.js"></script></head><body>
<ziar-share id="s" url="https://example.org/stiri/pod" title="Podul se redeschide" targets="x facebook copy" ${attrs}></ziar-share>
</body></html>`;
const titles = (id) => items(id).locator('.ziar-recent-title').allTextContents();

test('dist/embed is served with the right types, cache headers and CORS', async () => {
  const files = fs.readdirSync(EMBED);
  const wasm = files.find((f) => f.endsWith('_bg.wasm'));
  const css = files.find((f) => /^ziar-embed-share-[0-9a-f]{16}\.css$/.test(f));
  assert.ok(wasm && css, `hashed wasm and css in dist/embed: ${files}`);
  for (const [name, type, cache] of [
    ['ziar-embed.js', 'text/javascript', 'no-cache'],
    [wasm, 'application/wasm', 'immutable'],
    [css, 'text/css', 'immutable'],
    ['demo.html', 'text/html', 'no-cache'],
  ]) {
    const r = await fetch(`${A.url}/embed/${name}`);
    assert.equal(r.status, 200, name);
    assert.ok(r.headers.get('content-type').startsWith(type), `${name}: ${r.headers.get('content-type')}`);
    assert.ok(r.headers.get('cache-control').includes(cache), `${name}: ${r.headers.get('cache-control')}`);
    assert.equal(r.headers.get('access-control-allow-origin'), '*', `${name} is loadable from other origins`);
  }
  const entry = await (await fetch(`${A.url}/embed/ziar-embed.js`)).text();
  assert.ok(entry.includes(wasm) && entry.includes(css), 'the stable entry names the hashed files');
  const iframe = await fetch(`${A.url}/embed/recent?count=3`);
  assert.ok((await iframe.text()).includes('iframe.js'), '/embed/recent is the iframe page, not the app');
});

test('two widgets on a hostile foreign page render, update live, and a removed one stops polling', async () => {
  pages.set('/two.html', { body: recentPage(), csp: widgetCsp() });
  const requests = { a: 0, b: 0 };
  page.on('request', (r) => {
    if (r.url().startsWith(`${A.url}/wp-json/`)) requests.a++;
    if (r.url().startsWith(`${B.url}/wp-json/`)) requests.b++;
  });
  await page.goto(`${host.url}/two.html`);
  await items('wa').nth(3).waitFor();
  await items('wb').nth(3).waitFor();
  assert.equal(await items('wa').count(), 4);
  assert.equal(await items('wb').count(), 4);
  // The host's CSS is in force on its own elements, and can't reach into the widgets.
  assert.equal(await page.locator('#host-div').isVisible(), false, 'the hostile CSS applies to the host');
  for (const id of ['wa', 'wb']) {
    const title = items(id).first().locator('.ziar-recent-title');
    assert.ok(await title.isVisible(), `${id}: titles visible despite div { display:none }`);
    const box = await title.boundingBox();
    assert.ok(box.height > 10 && box.width > 50, `${id}: laid out (${JSON.stringify(box)})`);
    const style = await title.evaluate((el) => {
      const s = getComputedStyle(el);
      return { display: s.display, weight: s.fontWeight, color: s.color };
    });
    assert.equal(style.display, 'block', 'our own CSS applies inside');
    assert.equal(style.weight, '700');
    assert.notEqual(style.color, 'rgb(0, 255, 0)', 'the host link colour does not pierce the shadow root');
  }
  // …and ours does not leak out: the host's h2 keeps the host's (unset) weight.
  assert.equal(await page.locator('#probe').evaluate((el) => getComputedStyle(el).fontWeight), '400');
  // Locale per element: B is English.
  assert.equal((await page.locator('#wb h2').textContent()).trim(), 'Recent posts');
  assert.notEqual((await page.locator('#wa h2').textContent()).trim(), 'Recent posts');

  // Live: each element follows its own API.
  await A.admin('publish', { title: 'Doar în A: widgetul primește știrea' });
  const pb = await B.admin('publish', { title: 'Only in B: the second widget gets this' });
  await page.locator('#wa .ziar-recent-title', { hasText: 'Doar în A' }).first().waitFor({ timeout: 15000 });
  await page.locator('#wb .ziar-recent-title', { hasText: 'Only in B' }).waitFor({ timeout: 15000 });
  assert.ok((await titles('wa'))[0].includes('Doar în A'), 'newest first in A');
  assert.ok(!(await titles('wa')).some((t) => t.includes('Only in B')), 'A never shows B’s post');
  assert.ok(!(await titles('wb')).some((t) => t.includes('Doar în A')), 'B never shows A’s post');
  assert.ok(pb, 'published to B');

  // Removing B stops its requests; A keeps polling.
  assert.ok(requests.b >= 2, `B was polling (${requests.b} requests)`);
  await page.evaluate(() => document.getElementById('wb').remove());
  await page.waitForTimeout(500);
  const [afterA, afterB] = [requests.a, requests.b];
  await page.waitForTimeout(13000);
  assert.equal(requests.b, afterB, 'no request to B after its element was removed');
  assert.ok(requests.a > afterA, `A still polls (${requests.a - afterA} more requests)`);
});

test('several widgets share one clock, which outlives the element that started it', async () => {
  // Track the page's live intervals: the shared clock is the only one the widgets use.
  await page.addInitScript(() => {
    const live = new Set();
    window.__intervals = live;
    const set = window.setInterval.bind(window);
    const clear = window.clearInterval.bind(window);
    window.setInterval = (...args) => { const id = set(...args); live.add(id); return id; };
    window.clearInterval = (id) => { live.delete(id); clear(id); };
  });
  pages.set('/clock.html', {
    body: recentPage(`<ziar-recent-posts id="wc" api="${A.url}/wp-json/wp/v2/" count="2" poll="0"></ziar-recent-posts>`),
    csp: widgetCsp(),
  });
  await page.goto(`${host.url}/clock.html`);
  for (const id of ['wa', 'wb', 'wc']) await items(id).locator('time').first().waitFor();
  assert.equal(await page.evaluate(() => window.__intervals.size), 1, 'one ticker for three widgets');
  // The first element (which started the clock) goes; the clock stays for the others.
  await page.evaluate(() => document.getElementById('wa').remove());
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__intervals.size), 1, 'the shared clock survives');
  assert.equal(await items('wb').count(), 4);
});

test('attribute changes take effect live (count, locale); theming through --ziar-* and ::part()', async () => {
  pages.set('/attrs.html', { body: recentPage(), csp: widgetCsp() });
  await page.goto(`${host.url}/attrs.html`);
  await items('wa').nth(3).waitFor();
  const color = (sel) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).color);
  assert.equal(await color('#wa .ziar-recent-title'), 'rgb(1, 2, 3)', '--ziar-fg set by the host');
  assert.equal(await color('#wa h2'), 'rgb(4, 5, 6)', '::part(heading) styled by the host');
  assert.notEqual(await color('#wb .ziar-recent-title'), 'rgb(1, 2, 3)', 'only the themed element');
  await page.evaluate(() => document.getElementById('wa').setAttribute('count', '2'));
  await page.waitForFunction(() => document.querySelector('#wa').shadowRoot.querySelectorAll('.ziar-recent-item').length === 2);
  assert.equal(await items('wa').count(), 2);
  await page.evaluate(() => document.getElementById('wa').setAttribute('locale', 'en'));
  await page.locator('#wa h2', { hasText: 'Recent posts' }).waitFor();
  await page.evaluate(() => document.getElementById('wa').setAttribute('count', '5'));
  await items('wa').nth(4).waitFor();
  assert.equal(await items('wa').count(), 5);
});

test('a bad attribute shows its message in the element and the console [expects console errors]', async () => {
  pages.set('/bad.html', {
    body: recentPage(`<ziar-recent-posts id="wc" api="${A.url}/wp-json/wp/v2/" count="0"></ziar-recent-posts>`),
    csp: widgetCsp(),
  });
  await page.goto(`${host.url}/bad.html`);
  const msg = page.locator('#wc .ziar-attr-error');
  await msg.waitFor();
  assert.match(await msg.textContent(), /count.*between 1 and 50/);
  assert.ok(problems.some((p) => p.includes('count')), `console names the attribute: ${problems}`);
  // Fixing the attribute mounts the list.
  await page.evaluate(() => document.getElementById('wc').setAttribute('count', '3'));
  await items('wc').nth(2).waitFor();
});

test('<ziar-share> renders on a foreign page and builds its links', async () => {
  await page.addInitScript(() => {
    for (const k of ['share', 'canShare']) {
      Object.defineProperty(Navigator.prototype, k, { value: undefined, configurable: true });
      Object.defineProperty(navigator, k, { value: undefined, configurable: true });
    }
  });
  pages.set('/share.html', {
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host title</title>
<link rel="stylesheet" href="/hostile.css">
<script type="module" src="${A.url}/embed/ziar-embed.js"></script></head><body>
<ziar-share id="s" url="https://example.org/stiri/pod" title="Podul se redeschide" targets="x facebook copy"></ziar-share>
</body></html>`,
    csp: widgetCsp(),
  });
  await page.goto(`${host.url}/share.html`);
  const button = page.locator('#s .ziar-share-button');
  await button.waitFor();
  assert.equal(await page.locator('#s .ziar-share-menu').isVisible(), false);
  await button.click();
  await page.locator('#s .ziar-share-menu').waitFor();
  const links = page.locator('#s .ziar-share-menu a.ziar-share-link');
  assert.equal(await links.count(), 2, 'x and facebook links (copy is a button)');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs[0].startsWith('https://x.com/') || hrefs[0].startsWith('https://twitter.com/'), hrefs[0]);
  assert.ok(hrefs[1].includes(`u=${encodeURIComponent('https://example.org/stiri/pod')}`), hrefs[1]);
  assert.ok(hrefs[0].includes(encodeURIComponent('Podul')), 'the title goes into the X link');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await page.locator('#s .ziar-share-copy button').click();
  await page.locator('#s .ziar-share-status').filter({ hasText: /\S/ }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'https://example.org/stiri/pod');
  // Escape closes the menu.
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#s .ziar-share-menu').isVisible(), false);
});

test('a page with only <ziar-share> loads the share bundle alone: no adapter, live or article code', async () => {
  const seen = embedFiles(page);
  pages.set('/share-only.html', { body: sharePage(), csp: widgetCsp() });
  await page.goto(`${host.url}/share-only.html`);
  await page.locator('#s .ziar-share-button').waitFor();
  await page.waitForTimeout(500); // nothing else arrives later
  const share = bundle('share');
  assert.deepEqual(code(seen), code(['ziar-embed.js', share.core, share.wasm]), `fetched: ${seen}`);
  // What the loaded code holds, against the bundles that do need it (so the check can fail):
  // the glue lists every browser API a wasm calls, the wasm's data its own strings.
  const text = (f) => fs.readFileSync(path.join(EMBED, f)).toString('latin1');
  const marks = [
    ['EventSource', 'core', 'recent'], // push updates (live)
    ['AbortController', 'core', 'recent'], // the API client's fetch guard
    ['visibilitychange', 'wasm', 'recent'], // the poller's pause while hidden (live)
    ['wp:featuredmedia', 'wasm', 'recent'], // the WordPress adapter
    ['webPublicationDate', 'wasm', 'recent'], // the Guardian adapter
    ['DOMParser', 'core', 'article'], // the article's sanitizer
  ];
  for (const [mark, file, user] of marks) {
    assert.ok(text(bundle(user)[file]).includes(mark), `control: the ${user} bundle's ${file} holds ${mark}`);
    assert.ok(!text(share[file]).includes(mark), `the share bundle's ${file} holds ${mark}`);
  }
});

test('elements on one page share a bundle; an element added later loads what it lacks', async () => {
  const seen = embedFiles(page);
  pages.set('/mixed.html', {
    body: recentPage(`<ziar-share id="s" url="https://example.org/p" title="Titlu"></ziar-share>`),
    csp: widgetCsp(),
  });
  await page.goto(`${host.url}/mixed.html`);
  await items('wa').nth(3).waitFor();
  await page.locator('#s .ziar-share-button').waitFor();
  const both = bundle('recent-share');
  assert.deepEqual(code(seen), code(['ziar-embed.js', both.core, both.wasm]), 'one bundle serves the list and the share bar');
  // An article added later: the bundle for it, the list keeps running.
  const [post] = await (await fetch(`${A.url}/wp-json/wp/v2/posts?per_page=1`)).json();
  await page.evaluate(({ api, slug }) => {
    const el = document.createElement('ziar-article');
    el.id = 'art';
    el.setAttribute('api', api);
    el.setAttribute('slug', slug);
    document.body.append(el);
  }, { api: `${A.url}/wp-json/wp/v2/`, slug: post.slug });
  await page.locator('#art h1.ziar-headline').waitFor();
  const article = bundle('article');
  assert.deepEqual(code(seen), code(['ziar-embed.js', both.core, both.wasm, article.core, article.wasm]));
  assert.equal(await items('wa').count(), 4);
});

test('attribute changes apply in place: a new count or excerpt length keeps the list and asks nothing; a new api refetches', async () => {
  pages.set('/inplace.html', {
    body: recentPage().replace('count="4" poll="5"', 'count="4" poll="0"'),
    csp: widgetCsp(),
  });
  const requests = { a: 0, b: 0 };
  page.on('request', (r) => {
    if (r.url().startsWith(`${A.url}/wp-json/`)) requests.a++;
    if (r.url().startsWith(`${B.url}/wp-json/`)) requests.b++;
  });
  await page.goto(`${host.url}/inplace.html`);
  await items('wa').nth(3).waitFor();
  // Tag DOM nodes that must survive: the heading and the first row.
  const tag = () => page.evaluate(() => {
    const root = document.getElementById('wa').shadowRoot;
    root.querySelector('h2').dataset.kept = 'h2';
    root.querySelector('.ziar-recent-item').dataset.kept = 'row';
  });
  const kept = () => page.evaluate(() => [...document.getElementById('wa').shadowRoot.querySelectorAll('[data-kept]')].map((e) => e.dataset.kept));
  await tag();
  const before = requests.a;
  const set = (k, v) => page.evaluate(([k, v]) => document.getElementById('wa').setAttribute(k, v), [k, v]);
  await set('count', '2');
  await page.waitForFunction(() => document.querySelector('#wa').shadowRoot.querySelectorAll('.ziar-recent-item').length === 2);
  await set('count', '7'); // the list asked for 4 + 10: seven are at hand
  await items('wa').nth(6).waitFor();
  assert.deepEqual(await kept(), ['h2', 'row'], 'a new count keeps the heading and the rows');
  // A new excerpt length or link target re-renders the rows, not the list.
  const excerpt = () => items('wa').first().locator('.ziar-recent-excerpt').textContent();
  const long = await excerpt();
  await set('excerpt-chars', '20');
  await page.waitForFunction((l) => document.querySelector('#wa').shadowRoot.querySelector('.ziar-recent-excerpt').textContent.trim().length < l, long.trim().length);
  assert.ok((await excerpt()).trim().length <= 21, await excerpt());
  await set('link-target', '_self');
  await page.waitForFunction(() => document.querySelector('#wa').shadowRoot.querySelector('.ziar-recent-title').target === '_self');
  assert.deepEqual(await kept(), ['h2'], 'the same heading');
  await page.waitForTimeout(300);
  assert.equal(requests.a, before, 'no request for count, excerpt-chars or link-target');
  // A new API is a new list: it asks B.
  await set('api', `${B.url}/wp-json/wp/v2/`);
  await page.waitForFunction(() => !document.querySelector('#wa').shadowRoot.querySelector('[data-kept]'));
  await items('wa').nth(6).waitFor();
  assert.ok(requests.b >= 1, 'B was asked');
});

test('<ziar-share> takes a new title or url in place: the button stays, the open menu stays open', async () => {
  await page.addInitScript(() => {
    for (const k of ['share', 'canShare']) {
      Object.defineProperty(Navigator.prototype, k, { value: undefined, configurable: true });
      Object.defineProperty(navigator, k, { value: undefined, configurable: true });
    }
  });
  pages.set('/share-live.html', { body: sharePage(), csp: widgetCsp() });
  await page.goto(`${host.url}/share-live.html`);
  const button = page.locator('#s .ziar-share-button');
  await button.click();
  await page.locator('#s .ziar-share-menu').waitFor();
  await button.evaluate((b) => { b.dataset.kept = '1'; });
  const xHref = () => page.locator('#s .ziar-share-x a').getAttribute('href');
  assert.ok((await xHref()).includes(encodeURIComponent('Podul')));
  await page.evaluate(() => {
    const s = document.getElementById('s');
    s.setAttribute('title', 'Alt titlu');
    s.setAttribute('url', 'https://example.org/stiri/alt');
  });
  await page.waitForFunction(() => document.querySelector('#s').shadowRoot.querySelector('.ziar-share-x a').href.includes('Alt%20titlu'));
  assert.ok((await xHref()).includes(encodeURIComponent('https://example.org/stiri/alt')), await xHref());
  assert.equal(await button.evaluate((b) => b.dataset.kept), '1', 'the same button');
  assert.equal(await button.getAttribute('aria-expanded'), 'true', 'the menu is still open');
  assert.ok(await page.locator('#s .ziar-share-menu').isVisible());
  // A new target list is a new bar.
  await page.evaluate(() => document.getElementById('s').setAttribute('targets', 'email copy'));
  await page.locator('#s .ziar-share-email').waitFor({ state: 'attached' });
  assert.equal(await page.locator('#s .ziar-share-x').count(), 0);
});

test('<ziar-article> shows one post without touching the host page head', async () => {
  const [post] = await (await fetch(`${A.url}/wp-json/wp/v2/posts?per_page=1`)).json();
  pages.set('/article.html', {
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host title</title>
<script type="module" src="${A.url}/embed/ziar-embed.js"></script></head><body>
<ziar-article id="art" api="${A.url}/wp-json/wp/v2/" slug="${post.slug}"></ziar-article>
</body></html>`,
    csp: widgetCsp(),
  });
  await page.goto(`${host.url}/article.html`);
  const h1 = page.locator('#art h1.ziar-headline');
  await h1.waitFor();
  assert.ok((await h1.textContent()).trim().length > 5);
  await page.locator('#art .ziar-body').waitFor();
  assert.equal(await page.title(), 'Host title');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('head meta[property="og:title"]').count(), 0);
});

test('<ziar-article> with follow links: the follow-us block is styled like the app\'s, not a bare bulleted list', async () => {
  const [post] = await (await fetch(`${A.url}/wp-json/wp/v2/posts?per_page=1`)).json();
  const follow = JSON.stringify([{ network: 'rss', url: 'https://example.com/feed' }, { network: 'facebook', url: 'https://facebook.com/example' }]);
  pages.set('/follow.html', {
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="${A.url}/embed/ziar-embed.js"></script></head><body>
<ziar-article id="art" api="${A.url}/wp-json/wp/v2/" slug="${post.slug}" site-name="Curierul" follow='${follow}'></ziar-article>
</body></html>`,
    csp: widgetCsp(),
  });
  await page.goto(`${host.url}/follow.html`);
  const block = page.locator('#art .ziar-follow');
  await block.waitFor();
  assert.match(await block.locator('.ziar-follow-title').textContent(), /Curierul/);
  const look = await block.evaluate((el) => {
    const list = el.querySelector('.ziar-follow-list');
    const link = el.querySelector('.ziar-follow-link');
    const [b, l, a] = [el, list, link].map((e) => getComputedStyle(e));
    return { padding: b.paddingTop, list: l.listStyleType, display: l.display, height: link.getBoundingClientRect().height, decoration: a.textDecorationLine };
  });
  assert.equal(look.list, 'none', 'no bullets');
  assert.equal(look.display, 'flex');
  assert.notEqual(look.padding, '0px');
  assert.ok(look.height >= 44, `a 44 px target, got ${look.height}`);
  assert.equal(look.decoration, 'none');
});

test('<ziar-article>: in-article links scroll inside the widget and leave the host URL alone; other posts link to the site', async () => {
  const long = 'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice';
  const festival = 'festivalul-teatru-muzica-revine-in-parcul-castanilor-cu-douazeci-de-spectacole-gratuite';
  pages.set('/long.html', {
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host title</title>
<script type="module" src="${A.url}/embed/ziar-embed.js"></script></head><body>
<p id="ziar-c-programul">The host's own element with the same id, outside the widget.</p>
<ziar-article id="art" api="${A.url}/wp-json/wp/v2/" slug="${long}"></ziar-article>
</body></html>`,
    csp: widgetCsp(),
  });
  await page.goto(`${host.url}/long.html`);
  const body = page.locator('#art .ziar-body');
  await body.locator('p').first().waitFor();
  const entry = body.locator('ol').first().locator('a').nth(1);
  assert.equal(await entry.getAttribute('href'), `${host.url}/long.html#ziar-c-programul`);
  await entry.click();
  await page.waitForFunction(() => {
    const h = document.getElementById('art').shadowRoot.getElementById('ziar-c-programul');
    return h.tagName === 'H2' && Math.abs(h.getBoundingClientRect().top) <= 2;
  });
  assert.equal(page.url(), `${host.url}/long.html`, 'the host page\'s URL keeps no fragment');
  const other = body.locator(`a[href$="/articol/${festival}"]`);
  assert.equal(await other.getAttribute('href'), `${A.url}/articol/${festival}`);
  assert.equal(await other.getAttribute('target'), '_blank');
});

test('the iframe embed reports its height and the host snippet resizes it', async () => {
  pages.set('/ziar-iframe-host.js', {
    body: fs.readFileSync(path.join(EMBED, 'ziar-iframe-host.js')),
    type: 'text/javascript',
  });
  pages.set('/iframe.html', {
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Iframe host</title>
<link rel="stylesheet" href="/hostile.css">
<script src="/ziar-iframe-host.js" defer></script></head><body>
<iframe id="f" data-ziar-embed src="${A.url}/embed/recent?count=3&amp;poll=5" title="Recent posts"></iframe>
</body></html>`,
    // Scripts from other origins are banned here: the iframe runs on its own origin.
    csp: `default-src 'self'; script-src 'self'; style-src 'self'; frame-src ${A.url}`,
  });
  await page.goto(`${host.url}/iframe.html`);
  const frame = page.frameLocator('#f');
  await frame.locator('.ziar-recent-item').nth(2).waitFor();
  const iframeHeight = () => page.locator('#f').evaluate((el) => el.getBoundingClientRect().height);
  const innerHeight = () => frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await page.waitForFunction(() => document.getElementById('f').getBoundingClientRect().height > 200);
  const h1 = await iframeHeight();
  assert.ok(Math.abs(h1 - (await innerHeight())) <= 1, `iframe ${h1}px fits its content ${await innerHeight()}px`);
  // New content: the "1 new post" pill appears above the list, so the page grows.
  await A.admin('publish', { title: 'Știre nouă pentru iframe' });
  await frame.locator('.ziar-pill').waitFor({ timeout: 15000 });
  await page.waitForFunction((h) => document.getElementById('f').getBoundingClientRect().height > h, h1);
  const h2 = await iframeHeight();
  assert.ok(h2 > h1, `grew from ${h1} to ${h2}`);
  assert.ok(Math.abs(h2 - (await innerHeight())) <= 1, 'still fits');
});

test('the iframe page refuses an api from another origin [expects console errors]', async () => {
  await page.goto(`${A.url}/embed/recent.html?api=${encodeURIComponent(`${B.url}/wp-json/wp/v2/`)}`);
  const err = page.locator('.ziar-iframe-error');
  await err.waitFor();
  assert.match(await err.textContent(), /not allowed/);
  assert.equal(await page.locator('ziar-recent-posts').count(), 0);
});

test('demo.html shows the widget against the same-origin demo API', async () => {
  await page.goto(`${A.url}/embed/demo.html`);
  await page.locator('ziar-recent-posts .ziar-recent-item').nth(5).waitFor();
  assert.equal(await page.locator('ziar-recent-posts .ziar-recent-item').count(), 6);
});
