// End-to-end: the share bar, the follow-us block and the byline link on the article page.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

let newsroom, browser, page, context, problems, post, config;

const SLUG =
  'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice';

// Percent-encoding as the app does it: only RFC 3986 unreserved characters stay.
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
// A URL as shared to one target, with the configured utm_* parameters (sorted by key).
const trackedUrl = (url, target) => {
  const utm = Object.entries(config.share?.utm ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!utm.length) return url;
  return url + '?' + utm.map(([k, v]) => `${k}=${enc(v.replaceAll('{target}', target))}`).join('&');
};
// The article's canonical URL as shared to one target.
const tracked = (target) => trackedUrl(post.link, target);

suite({
  started: (s) => ({ newsroom, browser } = s),
  opened: (o) => ({ page, context, problems } = o),
});
// After the suite's hooks (reset, a fresh page): the demo article under test, and
// the demo's config.json (the newsroom serves it in place of the build's
// defaults), which decides the targets, their order and the UTM suffix.
beforeEach(async () => {
  config ??= await (await fetch(`${newsroom.url}/config.json`)).json();
  const r = await fetch(`${newsroom.url}/wp-json/wp/v2/posts?_embed=1&slug=${SLUG}`);
  [post] = await r.json();
  assert.ok(post, 'the demo article exists');
});

/** Makes the page look like a browser without the Web Share API. */
const withoutWebShare = () =>
  page.addInitScript(() => {
    for (const k of ['share', 'canShare']) {
      Object.defineProperty(Navigator.prototype, k, { value: undefined, configurable: true });
      Object.defineProperty(navigator, k, { value: undefined, configurable: true });
    }
  });

async function openArticle() {
  await page.goto(`${newsroom.url}/articol/${SLUG}`);
  await page.locator('.ziar-share-button').waitFor();
  return (await page.locator('h1.ziar-headline').textContent()).trim();
}

test('with the Web Share API, Share calls navigator.share with title, text and URL', async () => {
  await page.addInitScript(() => {
    window.__shared = [];
    Object.defineProperty(navigator, 'canShare', { value: () => true, configurable: true });
    Object.defineProperty(navigator, 'share', {
      value: async (data) => { window.__shared.push({ ...data }); },
      configurable: true,
    });
  });
  const title = await openArticle();
  assert.ok(/[ăâîșț]/i.test(title), `a title with diacritics: ${title}`);
  const button = page.locator('.ziar-share-button');
  assert.equal(await button.textContent(), 'Distribuie');
  await button.click();
  await page.waitForFunction(() => window.__shared.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__shared), [{ title, text: title, url: tracked('native') }]);
  assert.equal(await page.locator('.ziar-share-menu').isVisible(), false, 'no menu when the device shares');
});

test('share.url "page" shares the reader\'s own Ziar URL; the default shares the API\'s canonical link', async () => {
  // The Ziar site (localhost) is the front door of an API on another host (127.0.0.1),
  // whose links point at its own pages.
  const front = newsroom.url.replace('127.0.0.1', 'localhost');
  const shared = async (url) => {
    await page.route('**/config.json', (route) => route.fulfill({
      json: { ...config, api: `${newsroom.url}/wp-json/wp/v2/`, share: { ...config.share, ...(url ? { url } : {}) } },
    }));
    await page.addInitScript(() => {
      window.__shared = [];
      Object.defineProperty(navigator, 'canShare', { value: () => true, configurable: true });
      Object.defineProperty(navigator, 'share', { value: async (d) => { window.__shared.push({ ...d }); }, configurable: true });
    });
    await page.goto(`${front}/articol/${SLUG}`);
    await page.locator('.ziar-share-button').click();
    await page.waitForFunction(() => window.__shared.length > 0);
    const [{ url: sharedUrl }] = await page.evaluate(() => window.__shared);
    await page.unrouteAll();
    return sharedUrl;
  };
  assert.ok(post.link.startsWith(newsroom.url), post.link);
  assert.equal(await shared('page'), trackedUrl(`${front}/articol/${SLUG}`, 'native'));
  assert.equal(await shared(null), trackedUrl(post.link, 'native'), 'canonical by default');
});

test('when canShare says no, Share opens the menu instead of calling share', async () => {
  await page.addInitScript(() => {
    window.__shared = [];
    Object.defineProperty(navigator, 'canShare', { value: () => false, configurable: true });
    Object.defineProperty(navigator, 'share', {
      value: async (data) => { window.__shared.push(data); },
      configurable: true,
    });
  });
  await openArticle();
  await page.locator('.ziar-share-button').click();
  await page.locator('.ziar-share-menu').waitFor({ state: 'visible' });
  assert.deepEqual(await page.evaluate(() => window.__shared), []);
});

test('without the Web Share API, the menu lists every configured target with its share link', async () => {
  await withoutWebShare();
  const title = await openArticle();
  const button = page.locator('.ziar-share-button');
  const menu = page.locator('.ziar-share-menu');
  assert.equal(await menu.isVisible(), false, 'closed at first');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  // Keyboard: Enter on the focused button opens it.
  await button.focus();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'visible' });
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await button.getAttribute('aria-controls'), await menu.getAttribute('id'));

  const items = await page.locator('.ziar-share-item').evaluateAll((lis) =>
    lis.map((li) => li.className.replace(/.*ziar-share-/, '')));
  assert.deepEqual(items, config.share.targets, 'targets in the configured order');

  const t = enc(title);
  const expected = {
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc(tracked('facebook'))}`,
    x: `https://x.com/intent/post?text=${t}&url=${enc(tracked('x'))}` + (config.share.via ? `&via=${config.share.via}` : ''),
    whatsapp: `https://wa.me/?text=${t}%20${enc(tracked('whatsapp'))}`,
    telegram: `https://t.me/share/url?url=${enc(tracked('telegram'))}&text=${t}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${enc(tracked('linkedin'))}`,
    reddit: `https://www.reddit.com/submit?url=${enc(tracked('reddit'))}&title=${t}`,
    bluesky: `https://bsky.app/intent/compose?text=${t}%20${enc(tracked('bluesky'))}`,
    email: `mailto:?subject=${t}&body=${t}%0D%0A%0D%0A${enc(tracked('email'))}`,
  };
  for (const [id, href] of Object.entries(expected)) {
    const a = page.locator(`.ziar-share-${id} a`);
    assert.equal(await a.getAttribute('href'), href, id);
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer', id);
    assert.equal(await a.getAttribute('target'), id === 'email' ? null : '_blank', id);
  }
  assert.equal(await page.locator('.ziar-share-facebook a').getAttribute('aria-label'), 'Distribuie pe Facebook');
  assert.equal(await page.locator('.ziar-share-email a').getAttribute('aria-label'), 'Trimite prin e-mail');
  assert.equal((await page.locator('.ziar-share-copy button').textContent()).trim(), 'Copiază linkul');

  // Touch targets of at least 44×44 px.
  for (const el of [button, ...(await page.locator('.ziar-share-link').all())]) {
    const box = await el.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `${await el.textContent()}: ${box.width}×${box.height}`);
  }

  // Tab into the menu: the focused link has a visible outline; Esc closes and focus returns.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement;
    return el.closest('.ziar-share-menu') ? getComputedStyle(el).outlineStyle : 'not in menu';
  });
  assert.notEqual(outline, 'none');
  assert.notEqual(outline, 'not in menu');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'ziar-share-button');
});

test('Mastodon asks for the instance once, opens its share page and remembers it', async () => {
  await withoutWebShare();
  await page.addInitScript(() => {
    window.__opened = [];
    window.open = (...args) => { window.__opened.push(args); return null; };
  });
  const title = await openArticle();
  await page.locator('.ziar-share-button').click();
  const ask = page.locator('.ziar-share-mastodon button[aria-controls]');
  assert.equal(await page.locator('.ziar-share-mastodon a').count(), 0, 'no link before the instance is known');
  await ask.click();
  const input = page.getByLabel('Serverul tău Mastodon');
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
  assert.equal(await ask.getAttribute('aria-expanded'), 'true');
  await input.fill('javascript:alert(1)');
  await input.press('Enter');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('.ziar-share-error').textContent(), /mastodon\.social/);
  await input.fill(' @ana@Toot.Example.ro ');
  await input.press('Enter');
  const href = `https://toot.example.ro/share?text=${enc(title)}%20${enc(tracked('mastodon'))}`;
  assert.deepEqual(await page.evaluate(() => window.__opened), [[href, '_blank', 'noopener,noreferrer']]);
  assert.equal(await page.locator('.ziar-share-mastodon a').getAttribute('href'), href);
  assert.equal(await page.evaluate(() => localStorage.getItem('ziar.mastodon_instance')), 'toot.example.ro');
  await page.reload();
  await page.locator('.ziar-share-button').click();
  assert.equal(await page.locator('.ziar-share-mastodon a').getAttribute('href'), href, 'remembered after reload');
  // The reader can switch to another server.
  await page.getByRole('button', { name: 'Alt server Mastodon' }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
  assert.equal(await page.locator('.ziar-share-mastodon a').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('ziar.mastodon_instance')), null);
});

test('Copy link puts the URL on the clipboard and confirms it', async () => {
  await withoutWebShare();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: newsroom.url });
  await openArticle();
  const status = page.locator('.ziar-share-status');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.equal(await status.textContent(), '');
  await page.locator('.ziar-share-button').click();
  await page.locator('.ziar-share-copy button').click();
  await page.waitForFunction(() => document.querySelector('.ziar-share-status').textContent !== '');
  assert.equal(await status.textContent(), 'Link copiat');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), tracked('copy'));
});

test('Copy link falls back to execCommand when the Clipboard API is missing', async () => {
  await withoutWebShare();
  await page.addInitScript(() => {
    window.__copied = [];
    Object.defineProperty(Navigator.prototype, 'clipboard', { value: undefined, configurable: true });
    document.execCommand = (cmd) => {
      window.__copied.push([cmd, document.activeElement?.value ?? window.getSelection().toString()]);
      return true;
    };
  });
  await openArticle();
  await page.locator('.ziar-share-button').click();
  await page.locator('.ziar-share-copy button').click();
  await page.waitForFunction(() => document.querySelector('.ziar-share-status').textContent !== '');
  assert.equal(await page.locator('.ziar-share-status').textContent(), 'Link copiat');
  assert.deepEqual(await page.evaluate(() => window.__copied), [['copy', tracked('copy')]]);
});

test('the follow-us block comes from config, and the byline leads to the author page in the app', async () => {
  await openArticle();
  const follow = page.locator('.ziar-follow');
  await follow.waitFor();
  assert.equal((await page.locator('.ziar-follow-title').textContent()).trim(),
    `Îți place ${config.site_name}? Urmărește-ne și pe:`);
  const links = await page.locator('.ziar-follow-link').evaluateAll((as) =>
    as.map((a) => ({ href: a.href, rel: a.rel, label: a.textContent.trim(), svg: a.querySelectorAll('svg').length })));
  assert.equal(links.length, config.follow.length);
  config.follow.forEach((f, i) => {
    assert.equal(links[i].href, new URL(f.url, newsroom.url + '/').href, f.network);
    assert.equal(links[i].rel, 'noopener noreferrer');
    assert.equal(links[i].svg, 1, `${f.network} has its icon`);
    assert.ok(links[i].label.length > 0);
  });
  const labels = links.map((l) => l.label);
  assert.ok(labels.includes('Canal WhatsApp') && labels.includes('Google Știri'), labels.join(', '));

  const author = post._embedded.author[0];
  const byline = page.locator('.ziar-byline a');
  assert.equal(await byline.textContent(), author.name);
  // The author's page inside the app, keyed by the slug that ends the API's author link.
  assert.equal(await byline.getAttribute('href'), `/autor/${new URL(author.link).pathname.split('/').filter(Boolean).pop()}`);
  assert.equal(await byline.getAttribute('rel'), 'author');
  assert.match(await page.locator('.ziar-byline').textContent(), /^Publicat de /);
  await byline.click();
  await page.waitForFunction((n) => document.querySelector('h1')?.textContent.trim() === n, author.name);
  assert.ok(await page.locator('.ziar-card').count() >= 1, 'the author page lists their posts');
});

test('loading an article and opening the share menu makes no request to any other origin', async () => {
  await withoutWebShare();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await openArticle();
  await page.locator('.ziar-follow').waitFor();
  await page.locator('.ziar-share-button').click();
  await page.locator('.ziar-share-menu').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  const own = new URL(newsroom.url).origin;
  assert.ok(requests.some((u) => u.includes('/wp-json/')), 'the API requests were recorded');
  const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== own);
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.equal(await page.locator('iframe').count(), 0);
  assert.equal(await page.locator('meta[http-equiv="x-dns-prefetch-control"][content="off"]').count(), 1,
    'no DNS prefetch of the share links');
  assert.equal(await page.locator(`script[src]:not([src^="${own}"]):not([src^="/"])`).count(), 0);
  assert.ok(await page.locator('.ziar-share svg').count() >= config.share.targets.length, 'inline icons');
});
