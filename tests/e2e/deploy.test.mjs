// End-to-end: the release build behind a REAL nginx (Debian's package), using the
// shipped deploy/nginx.conf with the strict CSP header. Two deploys on one nginx:
//   /       dist/ (make dist), the API proxied to the demo newsroom on the same origin;
//   /news/  target/dist-news/ (make dist-news: PUBLIC_URL=/news/), config.json pointing
//           at the newsroom's own origin (CORS), which goes into the CSP.
// A second nginx server plays a host without rewrites (GitHub Pages): unknown paths get
// 404.html with status 404. Every page records `securitypolicyviolation` events.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNewsroom, launch, openPage, DIST, startNginx, NGINX, freePort } from './harness.mjs';
import { cspFor, cspProblems, externalizeLoader, headersFile } from '../../scripts/trunk-post-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NEWS_DIST = path.join(root, 'target/dist-news');

let newsroom, browser, page, context, problems, nginx, tmp, site, pages, slug, csp;

const wasmNames = (dir) => fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('_bg.wasm')).sort() : [];

/** Builds target/dist-news unless it holds the same wasm as dist/ (what `make dist-news` does). */
function ensureNewsBuild() {
  const want = wasmNames(DIST);
  if (want.length && JSON.stringify(wasmNames(NEWS_DIST)) === JSON.stringify(want)) return;
  console.log('building target/dist-news (trunk build --release --public-url /news/)');
  const r = spawnSync('trunk', ['build', '--release', '--public-url', '/news/', '--dist', NEWS_DIST], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TRUNK_SKIP_VERSION_CHECK: 'true', PATH: `${root}/.tools/node_modules/.bin:${os.homedir()}/.cargo/bin:${process.env.PATH}` },
  });
  if (r.status !== 0) throw new Error('trunk build for /news/ failed');
}

/** deploy/nginx.conf with its EDIT values filled in; fails if one is not where it was. */
function siteConfig({ port, www, upstream, apiOrigins }) {
  let conf = fs.readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');
  const edits = [
    [/listen 8080;/, `listen 127.0.0.1:${port};`],
    [/root \/var\/www\/ziar;/, `root ${www};`],
    [/set \$ziar_api_origins "";/, `set $ziar_api_origins "${apiOrigins}";`],
    [/proxy_pass http:\/\/127\.0\.0\.1:8081;/g, `proxy_pass ${upstream};`],
    [/^(\s*)#news /gm, '$1'],
  ];
  for (const [re, to] of edits) {
    assert.ok(re.test(conf), `deploy/nginx.conf no longer has ${re}`);
    re.lastIndex = 0;
    conf = conf.replace(re, to);
  }
  return conf;
}

before(async () => {
  assert.ok(fs.existsSync(NGINX), 'nginx is missing: run scripts/tools.sh test');
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'no release build in dist/: run make dist');
  ensureNewsBuild();
  newsroom = await startNewsroom();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziar-nginx-'));
  fs.chmodSync(tmp, 0o755);
  const www = path.join(tmp, 'www');
  fs.cpSync(DIST, www, { recursive: true });
  fs.cpSync(NEWS_DIST, path.join(www, 'news'), { recursive: true });
  // /news/ is a static host elsewhere: the demo's settings, with `api` naming the API's own origin (CORS).
  const newsConfig = await (await fetch(`${newsroom.url}/config.json`)).json();
  newsConfig.api = `${newsroom.url}/wp-json/wp/v2/`;
  fs.writeFileSync(path.join(www, 'news/config.json'), JSON.stringify(newsConfig, null, 2));
  csp = cspFor(newsConfig);

  const [port, pagesPort] = [await freePort(), await freePort()];
  site = `http://127.0.0.1:${port}`;
  pages = `http://127.0.0.1:${pagesPort}`;
  nginx = await startNginx(tmp, `
${siteConfig({ port, www, upstream: newsroom.url, apiOrigins: newsroom.url })}
  # A host without rewrites (GitHub Pages, S3 website hosting): unknown paths get 404.html, status 404.
  server {
    listen 127.0.0.1:${pagesPort};
    root ${www};
    add_header Content-Security-Policy "${csp}" always;
    location /news/ {
      try_files $uri $uri/ =404;
      error_page 404 /news/404.html;
    }
  }
`, `${site}/config.json`);
  browser = await launch();
  const r = await fetch(`${newsroom.url}/wp-json/wp/v2/posts?per_page=1`);
  slug = (await r.json())[0].slug;
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  newsroom?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  await newsroom.admin('reset');
  ({ page, context, problems } = await openPage(browser));
  // Every CSP violation the page sees, from the first script on.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
});

afterEach(async (t) => {
  await context?.close();
  if (!t.name.includes('[expects console errors]')) assert.deepEqual(problems, [], 'console errors or panics');
});

const violations = () => page.evaluate(() => window.__cspViolations);
const headline = () => page.locator('h1.ziar-headline');

test('the build has no inline script or style, and a hashed loader file', () => {
  for (const dir of [DIST, NEWS_DIST]) {
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    assert.deepEqual(cspProblems(html), [], `${dir}/index.html`);
    assert.equal(fs.readFileSync(path.join(dir, '404.html'), 'utf8'), html, '404.html is a copy of index.html');
    const loader = html.match(/<script type="module" src="([^"]+)" integrity="sha384-[^"]+"><\/script>/);
    assert.ok(loader, 'the loader is an external module with SRI');
    assert.ok(fs.existsSync(path.join(dir, path.basename(loader[1]))), loader[1]);
  }
  assert.match(fs.readFileSync(path.join(NEWS_DIST, 'index.html'), 'utf8'), /<base href="?\/news\/"?>/);
  assert.match(fs.readFileSync(path.join(NEWS_DIST, '_headers'), 'utf8'), /^\/news\/ziar-[0-9a-f]{16}_bg\.wasm\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
});

test('post-build helpers: loader extraction, CSP audit, policy per config', () => {
  const html = '<html><head><base href="/x/"><link rel="stylesheet" href="/x/a.css" integrity="sha384-abc"/>\n<script type="module">\nimport init from \'/x/a.js\';\nawait init();\n</script></head><body></body></html>';
  assert.equal(cspProblems(html).length, 1);
  const out = externalizeLoader(html, '/x/');
  assert.match(out.name, /^ziar-loader-[0-9a-f]{16}\.js$/);
  assert.equal(out.code, "import init from '/x/a.js';\nawait init();\n");
  assert.ok(out.html.includes(`<script type="module" src="/x/${out.name}" integrity="sha384-`));
  assert.deepEqual(cspProblems(out.html), []);
  assert.throws(() => externalizeLoader('<p>no script</p>', '/'), /exactly one/);
  assert.equal(cspProblems('<script>alert(1)</script>').length, 1);
  assert.deepEqual(cspProblems('<script>new WebSocket(\'{{__TRUNK_ADDRESS__}}\')</script>'), [], 'trunk serve\'s reload script');
  assert.equal(cspProblems('<div style="color:red">').length, 1);
  assert.equal(cspProblems('<img src=x onerror="alert(1)">').length, 1);
  assert.equal(cspProblems('<style>p{}</style>').length, 1);
  assert.deepEqual(cspProblems('<link rel="stylesheet" crossorigin="anonymous"><!-- style="x" -->'), []);
  assert.equal(cspFor({}), "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'");
  const p = cspFor({ api: 'https://api.stiri.example/wp-json/wp/v2/', push_url: 'https://hub.stiri.example/.well-known/mercure?topic=x', iframe_hosts: ['www.youtube-nocookie.com'] });
  assert.match(p, /img-src 'self' https:\/\/api\.stiri\.example https:\/\/hub\.stiri\.example data:/);
  assert.match(p, /connect-src 'self' https:\/\/api\.stiri\.example https:\/\/hub\.stiri\.example;/);
  assert.match(p, /frame-src https:\/\/www\.youtube-nocookie\.com;/);
  assert.match(cspFor({ api: '/wp-json/wp/v2/' }), /connect-src 'self';/);
  const headers = headersFile(['index.html', 'ziar-0123456789abcdef.js', 'config.json'], '/n/', 'X');
  assert.match(headers, /^\/n\/\*\n {2}Content-Security-Policy: X$/m);
  assert.match(headers, /^\/n\/ziar-0123456789abcdef\.js\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
  assert.match(headers, /^\/n\/config\.json\n {2}Cache-Control: no-cache$/m);
  assert.match(headersFile(['config.json'], 'https://cdn.example/n/', 'X'), /^\/n\/config\.json$/m, 'a full public URL gives paths');
});

test('nginx sends the strict CSP, immutable hashed files and no-cache pages', async () => {
  for (const base of ['/', '/news/']) {
    const index = await fetch(`${site}${base}`);
    assert.equal(index.status, 200);
    const policy = index.headers.get('content-security-policy');
    assert.match(policy, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' http:\/\/127\.0\.0\.1:\d+ data:; connect-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
    assert.ok(!/unsafe-inline/.test(policy));
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const html = await index.text();
    const wasm = html.match(/href="?([^"\s>]+_bg\.wasm)"?/)[1];
    assert.ok(wasm.startsWith(base), `${wasm} is under ${base}`);
    const asset = await fetch(`${site}${wasm}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('content-type'), 'application/wasm');
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const config = await fetch(`${site}${base}config.json`);
    assert.equal(config.headers.get('cache-control'), 'no-cache');
    assert.equal((await fetch(`${site}${base}articol/${slug}`)).headers.get('cache-control'), 'no-cache');
    // A stale page asking for an old build gets a real 404, never HTML as JavaScript.
    const missing = await fetch(`${site}${base}ziar-0123456789abcdef.js`);
    assert.equal(missing.status, 404);
    assert.equal((await fetch(`${site}${base}_headers`)).status, 404);
  }
});

for (const base of ['/', '/news/']) {
  test(`home → article → category → back at ${base}, with zero CSP violations`, async () => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site}${base}`);
    await page.locator('.ziar-card').first().waitFor();
    await page.locator('.ziar-recent-item').first().waitFor();
    // Images must have loaded under the CSP (same-origin /media or the API's origin).
    const imgs = page.locator('.ziar-card img.ziar-card-img');
    assert.ok(await imgs.count() > 0, 'the demo cards have images');
    await page.waitForFunction(() => [...document.querySelectorAll('.ziar-card img')].slice(0, 2).every((i) => i.complete && i.naturalWidth > 0));
    const title = (await page.locator('.ziar-card-title').first().textContent()).trim();
    await page.locator('.ziar-card-title a').first().click();
    await headline().waitFor();
    assert.equal((await headline().textContent()).trim(), title);
    assert.ok(page.url().startsWith(`${site}${base}articol/`), page.url());
    await page.locator('.ziar-body p').first().waitFor();
    await page.locator('.ziar-label a').first().click();
    await page.waitForURL(/\/categorie\//);
    await page.locator('.ziar-card').first().waitFor();
    assert.ok(page.url().startsWith(`${site}${base}categorie/`), page.url());
    await page.goBack();
    await headline().waitFor();
    assert.equal((await headline().textContent()).trim(), title);
    await page.goBack();
    await page.locator('.ziar-card').first().waitFor();
    assert.equal(page.url(), `${site}${base}`);
    // The header's brand link stays inside the deploy.
    assert.equal(new URL(await page.locator('.ziar-brand').evaluate((a) => a.href)).pathname, base);
    assert.deepEqual(await violations(), []);
    // config.json came from beside index.html; the API from where that deploy says.
    assert.ok(requests.includes(`${site}${base}config.json`), 'config.json under the public URL');
    const apiOrigin = base === '/' ? site : newsroom.url;
    assert.ok(requests.some((u) => u.startsWith(`${apiOrigin}/wp-json/wp/v2/posts`)), `API at ${apiOrigin}`);
    // Only the site and its API were contacted (share/follow links load nothing).
    const origins = new Set(requests.map((u) => new URL(u).origin));
    assert.deepEqual([...origins].filter((o) => o !== site && o !== apiOrigin), []);
  });

  test(`in-article links at ${base}: the table of contents stays on the article, another post opens in the app`, async () => {
    const long = 'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice';
    const festival = 'festivalul-teatru-muzica-revine-in-parcul-castanilor-cu-douazeci-de-spectacole-gratuite';
    const here = `${site}${base}articol/${long}`;
    await page.goto(here);
    await page.locator('.ziar-body p').first().waitFor();
    await page.evaluate(() => { window.__sameDocument = true; });
    // <base href> is the public URL: a bare #fragment would have gone to the home page.
    await page.locator('.ziar-body ol').first().locator('a').nth(1).click();
    await page.waitForFunction(() => location.hash === '#ziar-c-programul');
    assert.equal(page.url(), `${here}#ziar-c-programul`);
    await page.waitForFunction(() => Math.abs(document.getElementById('ziar-c-programul').getBoundingClientRect().top) <= 2);
    // The API's permalink (at /news/, on the newsroom's own origin) became the app's route.
    const link = page.locator(`.ziar-body a[href$="/articol/${festival}"]`);
    assert.equal(await link.getAttribute('href'), `${site}${base}articol/${festival}`);
    await link.click();
    await page.waitForURL(`${site}${base}articol/${festival}`);
    await page.waitForFunction(() => document.querySelector('h1.ziar-headline')?.textContent.includes('Teatru'));
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load');
    assert.deepEqual(await violations(), []);
  });

  test(`deep links reload at ${base} (article and category)`, async () => {
    for (const [p, ready] of [[`articol/${slug}`, () => headline().waitFor()], ['categorie/sport', () => page.locator('.ziar-card').first().waitFor()]]) {
      const resp = await page.goto(`${site}${base}${p}`);
      assert.equal(resp.status(), 200);
      await ready();
      await page.reload();
      await ready();
      assert.equal(page.url(), `${site}${base}${p}`);
    }
    assert.equal(await page.locator('h1').textContent(), 'Sport');
    assert.deepEqual(await violations(), []);
  });
}

test('nginx serves the widget build to other sites: CORS, a revalidated entry, immutable hashed files', async () => {
  const entry = await fetch(`${site}/embed/ziar-embed.js`, { headers: { origin: 'http://partner.example' } });
  assert.equal(entry.status, 200);
  assert.equal(entry.headers.get('access-control-allow-origin'), '*');
  assert.equal(entry.headers.get('cache-control'), 'no-cache');
  const wasm = (await entry.text()).match(/ziar-embed-[a-z-]+-[0-9a-f]{16}_bg\.wasm/);
  assert.ok(wasm, 'the entry names its bundles\' hashed wasm');
  const bin = await fetch(`${site}/embed/${wasm[0]}`);
  assert.equal(bin.status, 200);
  assert.equal(bin.headers.get('content-type'), 'application/wasm');
  assert.equal(bin.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(bin.headers.get('access-control-allow-origin'), '*');
  // The iframe mode page answers without its extension and stays frameable.
  const frame = await fetch(`${site}/embed/recent`);
  assert.equal(frame.status, 200);
  assert.match(await frame.text(), /src="iframe\.js"/);
  assert.equal(frame.headers.get('x-frame-options'), null);
  assert.ok(!/frame-ancestors/.test(frame.headers.get('content-security-policy') ?? ''));
});

test('a host without rewrites serves 404.html for deep links, and the app still routes', async () => {
  // Chromium logs the document's own 404 status; nothing else may go wrong.
  const resp = await page.goto(`${pages}/news/articol/${slug}`);
  assert.equal(resp.status(), 404);
  await headline().waitFor();
  await page.locator('.ziar-label a').first().click();
  await page.waitForURL(/\/categorie\//);
  await page.locator('.ziar-card').first().waitFor();
  assert.ok(page.url().startsWith(`${pages}/news/categorie/`));
  const home = await page.goto(`${pages}/news/`);
  assert.equal(home.status(), 200);
  await page.locator('.ziar-card').first().waitFor();
  assert.deepEqual(await violations(), []);
  const other = problems.filter((p) => !/status of 404/.test(p));
  assert.deepEqual(other, []);
  problems.length = 0;
});

test('article HTML with style attributes and handlers renders under the CSP without a violation', async () => {
  const post = await newsroom.admin('publish', {
    title: 'Test CSP: stiluri în corpul articolului',
    content_html: '<p style="color:red" id="csp-p">Paragraf cu stil.</p><div style="display:none"><span style="font-weight:bold" onclick="alert(1)">ascuns</span></div>'
      + '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="punct" style="width:1px"><p>Sfârșit.</p>',
  });
  await page.goto(`${site}/news/articol/${post.slug}`);
  await page.locator('.ziar-body p').first().waitFor();
  assert.equal(await page.locator('.ziar-body [style]').count(), 0, 'style attributes are gone');
  assert.equal(await page.locator('.ziar-body [onclick]').count(), 0);
  assert.match(await page.locator('.ziar-body').textContent(), /Paragraf cu stil\.[\s\S]*Sfârșit\./);
  assert.deepEqual(await violations(), []);
});

test('the share menu and the copy-link fallback work under the CSP, loading nothing', async () => {
  await page.addInitScript(() => {
    for (const k of ['share', 'canShare', 'clipboard']) {
      Object.defineProperty(Navigator.prototype, k, { value: undefined, configurable: true });
    }
  });
  const requests = [];
  await page.goto(`${site}/news/articol/${slug}`);
  await page.locator('.ziar-share-button').waitFor();
  await page.locator('.ziar-follow-link').first().waitFor();
  page.on('request', (r) => requests.push(r.url()));
  await page.locator('.ziar-share-button').click();
  await page.locator('.ziar-share-copy button').click();
  // The real execCommand path: an off-screen textarea (a class, not a style attribute).
  await page.waitForFunction(() => document.querySelector('.ziar-share-status').textContent !== '');
  assert.equal(await page.locator('textarea.ziar-offscreen').count(), 0, 'the textarea is removed again');
  assert.ok(await page.locator('.ziar-share-link').count() > 3, 'the menu lists the networks');
  assert.deepEqual(requests, [], 'opening the menu and copying fetched nothing');
  assert.deepEqual(await violations(), []);
});

test('?api= in the page URL is ignored unless config.json allows it', async () => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${site}/?api=${encodeURIComponent(`${newsroom.url}/wp-json/wp/v2/`)}`);
  await page.locator('.ziar-card').first().waitFor();
  assert.ok(warnings.some((w) => w.includes('?api=') && w.includes('allow_api_override')), warnings.join('\n'));
  assert.ok(!requests.some((u) => u.startsWith(newsroom.url)), 'nothing was fetched from the ?api= origin');
  assert.ok(requests.some((u) => u.startsWith(`${site}/wp-json/wp/v2/posts`)), 'the configured API was used');
});

test('?api= is followed when config.json allows it, for a listed origin only', async () => {
  const config = JSON.parse(fs.readFileSync(path.join(DIST, 'config.json'), 'utf8'));
  Object.assign(config, { allow_api_override: true, api_override_origins: [newsroom.url] });
  await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${site}/?api=${encodeURIComponent(`${newsroom.url}/wp-json/wp/v2/`)}`);
  await page.locator('.ziar-card').first().waitFor();
  assert.ok(requests.some((u) => u.startsWith(`${newsroom.url}/wp-json/wp/v2/posts`)), 'the listed origin was used');
  assert.ok(!requests.some((u) => u.startsWith(`${site}/wp-json/`)), 'config.json\'s api was replaced');
  // An origin that is not listed is refused even when the override is on.
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${site}/?api=${encodeURIComponent('http://127.0.0.1:9/wp-json/wp/v2/')}`);
  await page.locator('.ziar-card').first().waitFor();
  assert.ok(warnings.some((w) => w.includes('api_override_origins')), warnings.join('\n'));
  assert.deepEqual(await violations(), []);
});

test('the CSP really is enforced: a style attribute set by script is refused [expects console errors]', async () => {
  await page.goto(`${site}/`);
  await page.locator('.ziar-card').first().waitFor();
  await page.evaluate(() => document.body.setAttribute('style', 'outline: 3px solid red'));
  await page.waitForFunction(() => window.__cspViolations.length > 0);
  assert.match((await violations())[0], /^style-src/);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).outlineStyle), 'none');
});
