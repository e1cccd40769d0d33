// End-to-end: the article view, home and category pages, and safe HTML, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

let newsroom, browser, page, context, problems;

suite({
  started: (s) => ({ newsroom, browser } = s),
  opened: (o) => ({ page, context, problems } = o),
});

const LONG = 'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice';
const headline = () => page.locator('h1.ziar-headline');
const meta = (sel) => page.locator(`head meta[${sel}]`);

async function wpPosts(query) {
  const r = await fetch(`${newsroom.url}/wp-json/wp/v2/posts?${query}`);
  assert.equal(r.status, 200);
  return r.json();
}

async function openArticle(slug) {
  await page.goto(`${newsroom.url}/articol/${slug}`);
  await headline().waitFor();
}

test('the long demo article renders fully, with head tags, dates, tags, reading time and slots', async () => {
  await openArticle(LONG);
  const body = page.locator('.ziar-body');
  for (const [sel, min] of [['h2', 2], ['ul li', 2], ['ol li', 2], ['blockquote', 1], ['figure img', 1], ['figcaption', 1], ['a[href]', 1]]) {
    assert.ok(await body.locator(sel).count() >= min, `${sel} in the body`);
  }
  // Every paragraph of the API's body made it (nothing was cut by the sanitizer).
  const [api] = await wpPosts(`slug=${LONG}`);
  const apiParagraphs = (api.content.rendered.match(/<p[\s>]/g) || []).length;
  assert.equal(await body.locator('p').count(), apiParagraphs);
  // Relative URLs were resolved against the API; images are lazy with reserved size.
  const img = body.locator('figure img').first();
  assert.match(await img.getAttribute('src'), /^http:\/\/127\.0\.0\.1:\d+\//);
  assert.equal(await img.getAttribute('loading'), 'lazy');
  const hero = page.locator('.ziar-hero img');
  if (await hero.count()) {
    assert.ok(Number(await hero.getAttribute('width')) > 0 && Number(await hero.getAttribute('height')) > 0);
  }
  assert.match(await page.locator('.ziar-byline').textContent(), /^Publicat de \S/);
  const date = page.locator('.ziar-date');
  assert.match(await date.locator('time').first().textContent(), /\d{4}/, 'absolute date from Intl');
  assert.match(await date.textContent(), /\(acum|\(ieri|\(alaltăieri|\(în urmă/, 'relative date');
  assert.match(await page.locator('.ziar-reading').textContent(), /^\d+ min de citit$/);
  const label = page.locator('.ziar-label a');
  assert.match(await label.getAttribute('href'), /\/categorie\/[a-z-]+$/);
  // The slots hold the share bar and the follow-us block (issue 6).
  assert.equal(await page.locator('.ziar-article-share .ziar-share-button').count(), 1);
  assert.equal(await page.locator('.ziar-article-follow .ziar-follow').count(), 1);
  // Head: title, description, canonical, Open Graph, Twitter.
  const title = (await headline().textContent()).trim();
  assert.equal(await page.title(), `${title} – Curierul de Valea Verde`);
  assert.equal(await meta('property="og:title"').getAttribute('content'), title);
  assert.equal(await meta('name="twitter:title"').getAttribute('content'), title);
  assert.ok((await meta('name="description"').getAttribute('content')).length > 20);
  assert.match(await meta('name="twitter:card"').getAttribute('content'), /^summary/);
  assert.equal(await page.locator('head link[rel="canonical"]').getAttribute('href'), api.link);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ro');
  // The category label takes us to the category page.
  await label.click();
  await page.locator('.ziar-card').first().waitFor();
  assert.match(page.url(), /\/categorie\//);
});

// One payload per attack class; each is followed by a marker that must survive.
// The full corpus (tests/xss/corpus.txt) runs in tests/xss.rs; the raw-text
// swallowing cases come last here since they eat the rest of the string.
const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<a href="java&#x09;script:alert(3)">link</a>',
  '<a href="&#106;avascript:alert(4)">link</a>',
  '<a href=" VBScript:alert(5)">vb</a>',
  '<a href="data:text/html,<script>alert(6)</script>">data</a>',
  '<img src="data:image/svg+xml,<svg onload=alert(7)>">',
  '<svg onload=alert(8)><foreignObject><img src=x onerror=alert(9)></foreignObject></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(10)></style></mglyph></table></mtext></math>',
  '<p style="background:url(javascript:alert(11))">stil</p><style>*{color:red}</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(12)">',
  '<base href="javascript:alert(13)//">',
  '<form action="javascript:alert(14)"><button formaction="javascript:alert(15)">x</button></form>',
  '<iframe srcdoc="<script>parent.alert(16)</script>"></iframe><iframe src="javascript:alert(17)"></iframe>',
  '<object data="javascript:alert(18)"></object><embed src="javascript:alert(19)">',
  '<template><img src=x onerror=alert(20)></template>',
  '<!--<img src=x onerror=alert(21)>--><![CDATA[<img src=x onerror=alert(22)>]]>',
  '<details open ontoggle=alert(23)><summary>s</summary>d</details>',
  '<img src=x onerror=fetch("/exfil?x=1")>',
  '<div/onclick=alert(24)>slash</div><img src=`x`onerror=alert(25)>',
  '<svg></p><style><a title="</style><img src=x onerror=alert(27)>">',
];
// DOMParser parses with scripting off, so an unclosed <noscript> swallows the rest too.
const SWALLOWING = '<noscript><p title="</noscript><img src=x onerror=alert(26)>"></noscript>' +
  '<textarea><img title="</textarea><img src=x onerror=alert(28)>"></textarea><xmp><img src=x onerror=alert(29)>';

test('a page that never paints (a background tab) still gets the title at once, then the meta tags, share bar and Recent Posts', async () => {
  // No animation frames, as in a tab opened in the background: the article's second
  // half and the sidebar wait for a paint, but not forever.
  await page.addInitScript(() => { window.requestAnimationFrame = () => 0; });
  const [a] = await wpPosts('per_page=1');
  await openArticle(a.slug);
  const title = (await headline().textContent()).trim();
  assert.equal(await page.title(), `${title} – Curierul de Valea Verde`, 'the title comes with the headline');
  await page.locator('.ziar-article-share .ziar-share-button').waitFor({ timeout: 5000 });
  assert.equal(await meta('property="og:title"').getAttribute('content'), title);
  await page.locator('.ziar-recent-item').first().waitFor({ timeout: 5000 });
});

test('a post whose body carries every class of attack renders its text with nothing executed [expects console errors]', async () => {
  const body = ATTACKS.map((a, i) => `${a}<p>Marcaj ${i}</p>`).join('\n') + SWALLOWING;
  const post = await newsroom.admin('publish', { title: 'Corpus de atacuri', content_html: body });
  await page.addInitScript(() => {
    window.__xss = [];
    const rec = (n) => (...a) => window.__xss.push(`${n}(${a.join(',')})`);
    window.alert = rec('alert'); window.confirm = rec('confirm'); window.prompt = rec('prompt');
    window.open = rec('open'); window.print = rec('print');
    const realFetch = window.fetch;
    window.fetch = (u, ...rest) => {
      if (String(u).includes('exfil')) { window.__xss.push(`fetch(${u})`); return Promise.reject(new Error('blocked')); }
      return realFetch(u, ...rest);
    };
    addEventListener('error', (e) => { if (!(e.target instanceof Element)) window.__xss.push(`error(${e.message})`); }, true);
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await openArticle(post.slug);
  const article = page.locator('.ziar-body');
  await article.locator('p').last().waitFor();
  await page.waitForTimeout(1500); // failed images, autofocus, toggles: time to fire
  assert.deepEqual(await page.evaluate(() => window.__xss), [], 'something executed');
  const text = await article.textContent();
  for (let i = 0; i < ATTACKS.length; i++) assert.ok(text.includes(`Marcaj ${i}`), `marker ${i} survives`);
  assert.ok(text.includes('slash') && text.includes('stil'), 'text inside attacked elements survives');
  assert.equal(await article.locator('script, style, iframe, object, embed, form, base, meta, svg, math, template, noscript, textarea').count(), 0);
  const attrs = await article.evaluate((el) => [...el.querySelectorAll('*')].flatMap((n) => n.getAttributeNames()));
  assert.ok(!attrs.some((a) => a.startsWith('on') || a === 'style' || a === 'srcdoc'), attrs.join(' '));
  const hrefs = await article.locator('[href], [src]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('src')));
  assert.ok(hrefs.every((h) => /^(https?:|data:image\/(?!svg))/.test(h)), hrefs.join(' '));
  assert.ok(!requests.some((u) => u.includes('exfil') || u.startsWith('javascript')), 'no exfiltration request');
  assert.equal(await page.locator('base').count(), 1, "only the app's own <base>");
  assert.equal(await page.evaluate(() => document.baseURI), newsroom.url + '/', 'base URL unchanged');
  // The payloads' broken image URLs (src=x) 404; nothing else may reach the console.
  const other = problems.filter((p) => !/^console: Failed to load resource: .*404/.test(p));
  assert.deepEqual(other, [], 'only 404s of the payload images');
});

test('title and meta change on client-side navigation, and the home page drops the article tags', async () => {
  const [a, b] = await wpPosts('per_page=2');
  await openArticle(a.slug);
  const titleA = await page.title();
  const descA = await meta('name="description"').getAttribute('content');
  // Navigate client-side through the Recent Posts link to the other article.
  const link = page.locator(`.ziar-recent a[href$="/articol/${b.slug}"]`);
  await link.click();
  await page.waitForFunction((t) => document.title !== t, titleA);
  assert.equal((await headline().textContent()).trim(), await page.title().then((t) => t.replace(/ – Curierul de Valea Verde$/, '')));
  assert.notEqual(await meta('name="description"').getAttribute('content'), descA);
  assert.equal(await meta('name="description"').count(), 1, 'one description, not two');
  assert.equal(await meta('property="og:title"').count(), 1);
  assert.equal(await page.locator('head link[rel="canonical"]').getAttribute('href'), b.link);
  await page.locator('.ziar-brand').click();
  await page.locator('.ziar-card').first().waitFor();
  assert.equal(await page.title(), 'Curierul de Valea Verde');
  // The home page's own preview tags replace the article's.
  assert.deepEqual(await page.locator('head meta[property="og:title"]').evaluateAll((ms) => ms.map((m) => m.content)), ['Curierul de Valea Verde']);
  assert.equal(await meta('property="og:type"').getAttribute('content'), 'website');
  assert.equal(await meta('name="description"').count(), 0);
  assert.equal(await meta('property="article:published_time"').count(), 0);
});

test('a reload on a deep link renders the same article', async () => {
  await page.goto(newsroom.url + '/');
  const card = page.locator('.ziar-card-title a').nth(2);
  await card.waitFor();
  const title = (await card.textContent()).trim();
  await card.click();
  await headline().waitFor();
  const url = page.url();
  assert.equal((await headline().textContent()).trim(), title);
  await page.reload();
  await headline().waitFor();
  assert.equal(page.url(), url);
  assert.equal((await headline().textContent()).trim(), title);
  assert.ok(await page.locator('.ziar-body p').count() > 0);
});

test('a removed post gives the not-found page', async () => {
  const [p] = await wpPosts('per_page=1');
  await openArticle(p.slug);
  await newsroom.admin('delete', { id: p.id });
  await page.reload();
  await page.getByRole('heading', { name: 'Pagina nu a fost găsită' }).waitFor();
  assert.equal(await headline().count(), 0);
  assert.match(await page.title(), /^Pagina nu a fost găsită/);
});

test('a server error shows the error state and Retry recovers once it is fixed [expects console errors]', async () => {
  await newsroom.admin('faults', { status: 500, paths: ['/wp-json/wp/v2/posts'] });
  await page.goto(`${newsroom.url}/articol/${LONG}`);
  const alert = page.locator('.ziar-main [role="alert"]');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-error'), 'server');
  assert.match(await alert.textContent(), /problemă \(500\)/);
  const retry = alert.getByRole('button', { name: 'Reîncearcă' });
  // Still failing: Retry asks again and the error stays.
  const answered = page.waitForResponse((r) => r.url().includes(`slug=${LONG}`) && r.status() === 500);
  await retry.click();
  await answered;
  await page.waitForTimeout(300); // the failed answer is rendered again
  assert.equal(await alert.getAttribute('data-error'), 'server');
  await newsroom.admin('faults', {});
  await page.locator('.ziar-main [role="alert"] button').click();
  await headline().waitFor();
  assert.equal(await page.locator('.ziar-main [role="alert"]').count(), 0);
  assert.ok(problems.some((p) => p.includes('500')), problems.join('\n'));
  assert.ok(!problems.some((p) => p.startsWith('pageerror')), problems.join('\n'));
});

test('network, not-a-feed and server errors read differently [expects console errors]', async () => {
  await newsroom.admin('faults', { malformed: true, paths: ['/wp-json/wp/v2/posts'] });
  await page.goto(newsroom.url + '/');
  const alert = page.locator('.ziar-main [role="alert"]');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-error'), 'shape');
  const shape = await alert.textContent();
  await newsroom.admin('faults', { status: 503, paths: ['/wp-json/wp/v2/posts'] });
  await alert.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('.ziar-main [role="alert"]')?.dataset.error === 'server');
  const server = await page.locator('.ziar-main [role="alert"]').textContent();
  assert.notEqual(shape, server);
  await newsroom.admin('faults', {});
  await page.locator('.ziar-main [role="alert"] button').click();
  await page.locator('.ziar-card').first().waitFor();
  assert.ok(!problems.some((p) => p.startsWith('pageerror')), problems.join('\n'));
});

test('while loading, a skeleton the size of the page shows instead of a blank screen', async () => {
  await newsroom.admin('faults', { latency_ms: 1500, paths: ['/wp-json/wp/v2/posts'] });
  await page.goto(`${newsroom.url}/articol/${LONG}`);
  const sk = page.locator('.ziar-main .ziar-skeleton[aria-busy="true"]');
  await sk.waitFor();
  const box = await sk.boundingBox();
  assert.ok(box.height > 400, `skeleton is page-sized (${box.height}px)`);
  await headline().waitFor();
  assert.equal(await sk.count(), 0);
  await page.goto(newsroom.url + '/categorie/sport');
  await page.locator('.ziar-main .ziar-skeleton .ziar-sk-card').first().waitFor();
  await page.locator('.ziar-card-title').first().waitFor();
});

test('home "load more" appends the next page without replacing the first', async () => {
  await page.goto(newsroom.url + '/');
  const cards = page.locator('.ziar-main .ziar-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 10);
  // Images above the fold (the first two cards) load at once, the rest lazily.
  const loading = await cards.evaluateAll((cs) => cs.map((c) => c.querySelector('img')?.getAttribute('loading')));
  assert.ok(loading.filter(Boolean).length >= 4, 'demo cards have images');
  loading.forEach((l, i) => l && assert.equal(l, i < 2 ? 'eager' : 'lazy', `card ${i}`));
  const first = await page.locator('.ziar-card-title').allTextContents();
  await page.getByRole('button', { name: 'Mai multe articole' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.ziar-main .ziar-card').length > 10);
  const all = await page.locator('.ziar-card-title').allTextContents();
  assert.deepEqual(all.slice(0, 10), first);
  assert.equal(new Set(all).size, all.length, 'no duplicates');
});

test('category "load more" appends the category\'s next page, then ends', async () => {
  // Four posts a page, so a demo category of five to eight posts has two pages.
  const demo = await (await fetch(`${newsroom.url}/config.json`)).json();
  await page.route('**/config.json', (route) => route.fulfill({ json: { ...demo, page_size: 4 } }));
  const cats = await (await fetch(`${newsroom.url}/wp-json/wp/v2/categories?per_page=100`)).json();
  const cat = cats.find((c) => c.count > 4 && c.count <= 8);
  assert.ok(cat, 'a demo category with two pages of four');
  const all = await (await fetch(`${newsroom.url}/wp-json/wp/v2/posts?categories=${cat.id}&per_page=100`)).json();
  await page.goto(`${newsroom.url}/categorie/${cat.slug}`);
  const cards = page.locator('.ziar-main .ziar-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 4);
  const first = await page.locator('.ziar-card-title').allTextContents();
  await page.getByRole('button', { name: 'Mai multe articole' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.ziar-main .ziar-card').length === n, all.length);
  const titles = await page.locator('.ziar-card-title').allTextContents();
  assert.deepEqual(titles.slice(0, 4), first, 'the first page stays');
  assert.equal(new Set(titles).size, all.length, 'no duplicates');
  // Focus moves to the first card added, and the button goes once nothing is left.
  await page.waitForFunction((t) => document.activeElement?.textContent.trim() === t, titles[4].trim());
  assert.equal(await page.getByRole('button', { name: 'Mai multe articole' }).count(), 0);
});

test('back and forward restore the scroll position', async () => {
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-main .ziar-card').nth(9).waitFor();
  await page.evaluate(() => window.scrollTo(0, 900));
  await page.waitForFunction(() => Math.abs(window.scrollY - 900) < 2);
  const link = page.locator('.ziar-card-title a').nth(6);
  await link.click();
  await headline().waitFor();
  await page.waitForFunction(() => window.scrollY < 50, null, { timeout: 3000 });
  await page.goBack();
  await page.locator('.ziar-main .ziar-card').nth(9).waitFor();
  await page.waitForFunction(() => Math.abs(window.scrollY - 900) < 2, null, { timeout: 5000 });
  await page.goForward();
  await headline().waitFor();
  await page.waitForFunction(() => window.scrollY < 50, null, { timeout: 5000 });
});
