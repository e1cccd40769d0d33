// End-to-end: accessibility (axe-core, WCAG 2.0/2.1/2.2 A+AA, zero violations),
// complete localization, keyboard-only operation, theming and RTL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from './harness.mjs';
import { audit, report } from './axe.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOCALES = Object.fromEntries(
  ['en', 'ro', 'ar'].map((l) => [l, JSON.parse(fs.readFileSync(path.join(root, 'locales', `${l}.json`), 'utf8'))]),
);

let newsroom;

// Pages are opened per test (`open` below), each with its locale and theme.
const s = suite({ page: false, started: (x) => ({ newsroom } = x) });

/** Opens a page whose config.json is the shipped one with `config` keys replaced. */
async function open({ config = {}, colorScheme = 'light', locale = 'ro-RO', reducedMotion } = {}) {
  const o = await s.open({ colorScheme, locale, reducedMotion });
  await o.page.route('**/config.json', async (route) => {
    const shipped = await (await route.fetch()).json();
    await route.fulfill({ json: { ...shipped, ...config } });
  });
  return o.page;
}

async function anArticlePath(page) {
  await page.goto(newsroom.url + '/');
  const a = page.locator('.ziar-card-title a').first();
  await a.waitFor();
  return a.getAttribute('href');
}

/** An article whose body has its own headings (the demo has some starting at h3). */
async function articleWithHeadingsPath() {
  const posts = await (await fetch(`${newsroom.url}/wp-json/wp/v2/posts?per_page=100`)).json();
  const p = posts.find((x) => /<h[1-6]/.test(x.content.rendered));
  assert.ok(p, 'the demo has an article with headings in its body');
  return `/articol/${p.slug}`;
}

/** Loads a page and waits until its content and the Recent Posts list are in. */
async function visit(page, which) {
  const url = which === 'article' ? await anArticlePath(page)
    : which === 'article-with-headings' ? await articleWithHeadingsPath()
    : which === 'category' ? '/categorie/sport'
      : which === 'not-found' ? '/articol/nu-exista-acest-articol'
        : '/';
  await page.goto(newsroom.url + url);
  await page.locator('h1').first().waitFor();
  if (which.startsWith('article')) await page.locator('.ziar-body p').first().waitFor();
  await page.locator('.ziar-recent-item').first().waitFor();
}

// ---------------------------------------------------------------- axe-core

for (const locale of ['ro', 'en']) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe: zero WCAG A/AA violations on home, article, category and not-found (${locale}, ${colorScheme})`, async () => {
      const page = await open({ config: { locale }, colorScheme });
      for (const which of ['home', 'article', 'article-with-headings', 'category', 'not-found']) {
        await visit(page, which);
        assert.equal(await page.locator('html').getAttribute('lang'), locale);
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(bg, colorScheme === 'dark' ? 'rgb(18, 19, 22)' : 'rgb(255, 255, 255)', 'theme applied');
        const v = await audit(page);
        assert.deepEqual(v.map((x) => x.id), [], `${which}:\n${report(v)}`);
      }
    });
  }
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe: zero violations on the widget pages: a host page with <ziar-recent-posts>, <ziar-share> and the iframe page (${colorScheme})`, async () => {
    const { page } = await s.open({ colorScheme, locale: 'ro-RO' });
    for (const locale of ['ro', 'en']) {
      // The shipped host-page example, its widget switched to each locale (attributes apply live).
      await page.goto(`${newsroom.url}/embed/demo.html`);
      await page.locator('ziar-recent-posts .ziar-recent-item').first().waitFor();
      await page.evaluate((l) => {
        const w = document.querySelector('ziar-recent-posts');
        w.setAttribute('locale', l);
        const s = document.createElement('ziar-share');
        s.setAttribute('url', 'https://example.org/a');
        s.setAttribute('title', 'Titlu');
        s.setAttribute('locale', l);
        document.querySelector('main').append(s);
      }, locale);
      await page.locator('ziar-share .ziar-share-button').waitFor();
      await page.waitForFunction((l) => {
        const root = document.querySelector('ziar-recent-posts').shadowRoot;
        const h = root?.querySelector('h2');
        return h && root.querySelector('.ziar-recent-item') && h.textContent.trim() === l;
      }, locale === 'ro' ? LOCALES.ro.recent_posts : LOCALES.en.recent_posts);
      let v = await audit(page);
      assert.deepEqual(v.map((x) => x.id), [], `demo.html (${locale}):\n${report(v)}`);
    }
    await page.goto(`${newsroom.url}/embed/recent?count=4`);
    await page.locator('ziar-recent-posts .ziar-recent-item').first().waitFor();
    const v = await audit(page);
    assert.deepEqual(v.map((x) => x.id), [], `iframe page:\n${report(v)}`);
  });
}

test('axe: the error state with Retry and the open share menu have no violations [expects console errors]', async () => {
  const page = await open();
  await newsroom.admin('faults', { status: 500, paths: ['/wp-json/wp/v2/posts'] });
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-main .ziar-retry').waitFor();
  let v = await audit(page);
  assert.deepEqual(v.map((x) => x.id), [], report(v));
  await newsroom.admin('faults', {});
  await visit(page, 'article');
  await page.locator('.ziar-share-button').click();
  await page.locator('.ziar-share-menu:not([hidden])').waitFor();
  v = await audit(page);
  assert.deepEqual(v.map((x) => x.id), [], report(v));
});

// ---------------------------------------------------------------- structure

test('landmarks, skip link, one h1 and no skipped heading levels on every page', async () => {
  const page = await open();
  for (const which of ['home', 'article', 'article-with-headings', 'category', 'not-found']) {
    await visit(page, which);
    const counts = await page.evaluate(() => ({
      banner: document.querySelectorAll('body > header, body > * > header.ziar-header').length,
      nav: document.querySelectorAll('header nav').length,
      main: document.querySelectorAll('main').length,
      aside: document.querySelectorAll('aside.ziar-recent').length,
      footer: document.querySelectorAll('footer.ziar-footer').length,
      h1: document.querySelectorAll('h1').length,
      levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
    }));
    assert.deepEqual([counts.banner, counts.nav, counts.main, counts.aside, counts.footer, counts.h1], [1, 1, 1, 1, 1, 1],
      `${which}: ${JSON.stringify(counts)}`);
    assert.equal(counts.levels[0], 1, `${which}: the first heading is the h1`);
    counts.levels.reduce((prev, l) => {
      assert.ok(l <= prev + 1, `${which}: heading level jumps from h${prev} to h${l}: ${counts.levels}`);
      return l;
    });
  }
  // The aside is named by its heading; main is the skip link's target.
  assert.equal(await page.getByRole('complementary', { name: LOCALES.ro.recent_posts }).count(), 1);
  // The skip link names this very page with `#main`, so it works even without the
  // app's click handler (a bare `#main` would resolve against <base href>).
  const skip = await page.locator('a.ziar-skip').evaluate((a) => ({ href: a.href, here: location.href.split('#')[0] }));
  assert.equal(skip.href, `${skip.here}#main`);
});

test('a page whose content failed still has its one h1 (the error title) [expects console errors]', async () => {
  const page = await open();
  const path = await anArticlePath(page);
  await newsroom.admin('faults', { status: 503, paths: ['/wp-json/wp/v2/posts'] });
  await page.goto(newsroom.url + path);
  await page.locator('.ziar-main [role=alert]').waitFor();
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('h1').textContent(), LOCALES.ro.error_title);
});

// ---------------------------------------------------------------- locales

/** The UI's own text on the page: visible text and accessible labels, without the news content. */
async function uiText(page) {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    const content = '.ziar-card-title, .ziar-card-excerpt, .ziar-card .ziar-label, .ziar-recent-title, .ziar-recent-excerpt,'
      + ' .ziar-headline, .ziar-content, .ziar-hero, .ziar-tag, .ziar-byline a, .ziar-label a, .ziar-page-title, .ziar-meta > :not(span),'
      + ' .ziar-card .ziar-meta, script, noscript, [hidden]';
    clone.querySelectorAll(content).forEach((el) => el.remove());
    const labels = [...clone.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label'));
    return `${clone.innerText}\n${labels.join('\n')}`;
  });
}

/** Literal fragments of every message of the other locales that this one does not share. */
function foreignFragments(locale) {
  const own = new Set(Object.values(LOCALES[locale]));
  const out = new Set();
  for (const [l, msgs] of Object.entries(LOCALES)) {
    if (l === locale) continue;
    for (const v of Object.values(msgs)) {
      if (own.has(v)) continue;
      const longest = v.split(/\{[a-z]+\}/).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0];
      if (longest.length >= 4 && ![...own].some((o) => o.includes(longest))) out.add(longest);
    }
  }
  return [...out];
}

/** Drives the pages through the states with the most UI text: share menu open, pill, load more. */
async function collectUiText(page, locale) {
  const texts = [];
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-more').waitFor();
  await newsroom.admin('publish', { title: 'Știre de test pentru limbă' });
  await page.locator('.ziar-pill').waitFor();
  texts.push(await uiText(page));
  for (const which of ['article', 'not-found', 'category']) {
    await visit(page, which);
    if (which === 'article') {
      await page.locator('.ziar-share-button').click();
      await page.locator('.ziar-share-menu:not([hidden])').waitFor();
    }
    texts.push(await uiText(page));
  }
  // Check the known slots hold this locale's message exactly.
  const m = LOCALES[locale];
  await visit(page, 'home');
  const slots = [
    ['.ziar-skip', m.skip_to_content], ['.ziar-nav a[href$="/"]', m.home], ['.ziar-nav a[href$="#ziar-recent"]', m.recent_posts],
    ['main h1', m.latest], ['#ziar-recent-h', m.recent_posts], ['.ziar-more', m.load_more],
  ];
  // textContent: CSS may upper-case a heading on screen; the string is the message's.
  for (const [sel, want] of slots) assert.equal((await page.locator(sel).first().textContent()).trim(), want, `${locale} ${sel}`);
  assert.equal(await page.locator('.ziar-nav').getAttribute('aria-label'), m.nav_label);
  assert.match(await page.locator('.ziar-footer').innerText(), new RegExp(m.powered_by));
  return texts.join('\n');
}

for (const locale of ['ro', 'en', 'ar']) {
  test(`locale ${locale}: every UI string comes from locales/${locale}.json, none from another locale`, async () => {
    const page = await open({ config: { locale, poll_seconds: 5, push_url: '/events' } });
    const text = await collectUiText(page, locale);
    const left = foreignFragments(locale).filter((f) => text.includes(f));
    assert.deepEqual(left, [], `${locale} page shows other locales' strings`);
    if (locale !== 'en') {
      // English words the UI could leak (the content is Romanian, the brand names are names).
      const english = /\b(Share|Loading|Retry|Try again|Published|Updated|Recent|More articles|Skip|Home|Copy link|Follow us|min read|new posts?|Page not found)\b/;
      assert.doesNotMatch(text, english);
    }
  });
}

test('error messages are fully localized: the Romanian page shows no English technical detail [expects console errors]', async () => {
  const page = await open();
  await newsroom.admin('faults', { html: true, paths: ['/wp-json/wp/v2/posts'] });
  await page.goto(newsroom.url + '/');
  const alert = page.locator('.ziar-main [role=alert]');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.ok(text.includes(LOCALES.ro.shape_html), text);
  assert.doesNotMatch(text.replace(/https?:\/\/\S+/g, ''), /\b(the|response|page|not JSON)\b/, text);
  const opened2 = await open({ config: { recent_count: 0 } });
  await opened2.goto(newsroom.url + '/');
  const cfgAlert = opened2.getByRole('alert').first();
  await cfgAlert.waitFor();
  const cfgText = await cfgAlert.innerText();
  assert.match(cfgText, /recent_count/);
  assert.doesNotMatch(cfgText, /must be/, 'the English rule stays in the console');
});

test('an RTL locale lays out right to left: dir="rtl", the sidebar on the left, no violations', async () => {
  const page = await open({ config: { locale: 'ar' } });
  await visit(page, 'home');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  const main = await page.locator('main').boundingBox();
  const aside = await page.locator('aside.ziar-recent').boundingBox();
  assert.ok(aside.x + aside.width <= main.x, `aside ${JSON.stringify(aside)} left of main ${JSON.stringify(main)}`);
  assert.equal(await page.locator('main h1').innerText(), LOCALES.ar.latest);
  // Romanian content with no declared language runs its own way (dir=auto).
  assert.equal(await page.locator('.ziar-card-title').first().getAttribute('dir'), 'auto');
  const v = await audit(page);
  assert.deepEqual(v.map((x) => x.id), [], report(v));
  // A left-to-right locale stays ltr.
  const ro = await open();
  await visit(ro, 'home');
  assert.equal(await ro.locator('html').getAttribute('dir'), 'ltr');
});

// ---------------------------------------------------------------- keyboard

/** Presses Tab until `selector` has focus (at most `max` times). */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
const focusRing = (page) => page.evaluate(() => {
  const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
});

test('keyboard only: skip link, load more, new-posts pill and share all work from the keyboard', async () => {
  const page = await open({ config: { poll_seconds: 5, push_url: '/events' } });
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-more').waitFor();
  // Skip link: first Tab stop, visible when focused, Enter moves focus into main.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('ziar-skip')));
  const skip = await page.locator('.ziar-skip').boundingBox();
  assert.ok(skip.y >= 0, 'the focused skip link is on screen');
  assert.ok(await focusRing(page), 'visible focus on the skip link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

  // Load more: Enter appends the next page and focus lands on its first new card.
  const cards = await page.locator('.ziar-card').count();
  await tabTo(page, '.ziar-more');
  assert.ok(await focusRing(page), 'visible focus on load more');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.ziar-card').length > n, cards);
  await page.waitForFunction((n) => document.activeElement === document.querySelectorAll('.ziar-card-title a')[n], cards);

  // Pill: a published post shows it; Space inserts the post and focuses it.
  const title = 'Tastatură: știre nouă pentru test';
  await newsroom.admin('publish', { title });
  await page.locator('.ziar-pill').waitFor();
  await page.locator('.ziar-skip').focus();
  await tabTo(page, '.ziar-pill');
  assert.ok(await focusRing(page), 'visible focus on the pill');
  await page.keyboard.press('Space');
  await page.waitForFunction((t) => document.activeElement?.textContent.trim() === t, title);
  assert.equal(await page.locator('.ziar-pill').count(), 0);

  // Share: Enter opens the menu, Tab reaches its links, Escape closes it and returns focus.
  await visit(page, 'article');
  await page.locator('.ziar-skip').focus();
  await tabTo(page, '.ziar-share-button');
  assert.ok(await focusRing(page), 'visible focus on share');
  await page.keyboard.press('Enter');
  await page.locator('.ziar-share-menu:not([hidden])').waitFor();
  assert.equal(await page.locator('.ziar-share-button').getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.closest('.ziar-share-menu') !== null), 'Tab enters the menu');
  await page.keyboard.press('Escape');
  await page.locator('.ziar-share-menu[hidden]').waitFor({ state: 'attached' });
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('ziar-share-button')));
  await page.keyboard.press('Space');
  await page.locator('.ziar-share-menu:not([hidden])').waitFor();
});

test('keyboard only: Retry after a failed load is reached with Tab and works with Enter [expects console errors]', async () => {
  const page = await open();
  await newsroom.admin('faults', { status: 500, paths: ['/wp-json/wp/v2/posts'] });
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-main .ziar-retry').waitFor();
  await newsroom.admin('faults', {});
  await tabTo(page, '.ziar-main .ziar-retry');
  assert.ok(await focusRing(page), 'visible focus on Retry');
  await page.keyboard.press('Enter');
  await page.locator('.ziar-main .ziar-card').first().waitFor();
  assert.equal(await page.locator('.ziar-main [role=alert]').count(), 0);
});

// ---------------------------------------------------------------- theming and motion

test('config theme "dark" and accent apply over a light system, readable, with no violations', async () => {
  // Any image the newsroom serves will do as a logo.
  const logoPath = 'media/post-1001.svg';
  const page = await open({ config: { theme: 'dark', accent: '#1e3a8a', logo: logoPath } });
  await visit(page, 'home');
  assert.equal(await page.locator('html').getAttribute('data-ziar-theme'), 'dark');
  const styles = await page.evaluate(() => {
    const r = getComputedStyle(document.documentElement);
    return { bg: getComputedStyle(document.body).backgroundColor, accent: r.getPropertyValue('--ziar-accent').trim() };
  });
  assert.equal(styles.bg, 'rgb(18, 19, 22)');
  // The dark navy accent is lightened for the dark scheme (it would fail 4.5:1 there).
  assert.notEqual(styles.accent.toLowerCase(), '#1e3a8a');
  assert.match(styles.accent, /^#[0-9a-f]{6}$/);
  const logo = page.locator('header .ziar-brand img.ziar-logo');
  assert.equal(await logo.getAttribute('alt'), '', 'the logo is decorative beside the site name');
  assert.ok((await logo.getAttribute('src')).endsWith(`/${logoPath}`));
  assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), 'the logo loaded');
  const v = await audit(page);
  assert.deepEqual(v.map((x) => x.id), [], report(v));
  const light = await open({ config: { theme: 'light' }, colorScheme: 'dark' });
  await visit(light, 'home');
  assert.equal(await light.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
});

test('an accent that tries CSS injection is refused with a message naming the key [expects console errors]', async () => {
  const page = await open({ config: { accent: 'red; background: url(https://evil.example/x)' } });
  await page.goto(newsroom.url + '/');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  assert.match(await alert.innerText(), /`accent`/);
  assert.equal(await page.evaluate(() => document.documentElement.style.length), 0, 'nothing was set');
});

test('every colour, font and radius in style/main.css is a --ziar-* custom property', () => {
  const css = fs.readFileSync(path.join(root, 'style/main.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const bad = [];
  for (const [, prop, value] of css.matchAll(/(?<![-\w])([a-z-]+)\s*:\s*([^;{}]+)/g)) {
    if (prop.startsWith('--')) continue; // the properties' own definitions
    const literal = value.replace(/var\([^)]*\)/g, '');
    if (/#[0-9a-f]{3,8}\b|\b(rgb|rgba|hsl|hsla)\(/i.test(literal)) bad.push(`${prop}: ${value}`);
    if (/^(font|font-family)$/.test(prop) && !/var\(--ziar-font|^\s*inherit\s*$/.test(value)) {
      if (!/^font$/.test(prop) || /[a-z]+\s*,|serif|sans/i.test(literal)) bad.push(`${prop}: ${value}`);
    }
    // Pills (999px) are a shape, not the theme's radius.
    if (/radius$/.test(prop) && !/var\(--ziar-radius\)|^\s*(999px|0)\s*$/.test(value)) bad.push(`${prop}: ${value}`);
  }
  assert.deepEqual(bad, []);
});

test('prefers-reduced-motion: reduce turns transitions off', async () => {
  const moving = await open();
  await visit(moving, 'home');
  const dur = async (p) => {
    await p.locator('.ziar-more').waitFor(); // the home cards can land after the Recent Posts list
    return p.evaluate(() => getComputedStyle(document.querySelector('.ziar-more')).transitionDuration);
  };
  assert.notEqual(await dur(moving), '0s');
  const still = await open({ reducedMotion: 'reduce' });
  await visit(still, 'home');
  assert.match(await dur(still), /^0s(, 0s)*$/);
});

test('images carry the API alt text, or an empty alt when decorative', async () => {
  const page = await open();
  const api = await (await fetch(`${newsroom.url}/wp-json/wp/v2/posts?_embed=1&per_page=20`)).json();
  const alts = new Set(api.map((p) => p._embedded?.['wp:featuredmedia']?.[0]?.alt_text).filter(Boolean));
  const withImage = api.find((p) => p._embedded?.['wp:featuredmedia']?.[0]?.alt_text);
  await page.goto(`${newsroom.url}/articol/${withImage.slug}`);
  await page.locator('.ziar-hero img').waitFor();
  await page.locator('.ziar-recent-item').first().waitFor();
  const imgs = await page.evaluate(() => [...document.images].map((i) => ({ alt: i.getAttribute('alt'), cls: i.className })));
  assert.ok(imgs.length > 0);
  for (const i of imgs) assert.notEqual(i.alt, null, `every image has an alt attribute: ${JSON.stringify(i)}`);
  const hero = await page.locator('.ziar-hero img').getAttribute('alt');
  assert.ok(alts.has(hero), `hero alt "${hero}" comes from the API`);
});
