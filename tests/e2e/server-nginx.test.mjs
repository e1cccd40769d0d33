// End-to-end: ziar-server behind a REAL nginx (Debian's package) running the shipped
// deploy/nginx-server.conf: the shared cache in front (a CDN's local stand-in). Many
// concurrent readers make one request to ziar-server per URL and cache period, and at
// most one to upstream; the page still hydrates and push still reaches the tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNewsroom, startServer, launch, openPage, startNginx, NGINX, freePort, hydrated } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LONG = 'zilele-orasului-valea-verde-ghidul-complet-al-celor-trei-zile-de-sarbatoare-program-trasee-transport-si-sfaturi-practice';

let newsroom, server, nginx, tmp, site, browser;

/** deploy/nginx-server.conf with its EDIT values filled in; fails if one is not where it was. */
function siteConfig({ port, cache, upstream }) {
  let conf = fs.readFileSync(path.join(root, 'deploy/nginx-server.conf'), 'utf8');
  const edits = [
    [/proxy_cache_path \/var\/cache\/nginx\/ziar /, `proxy_cache_path ${cache} `],
    [/server 127\.0\.0\.1:8080;/, `server ${upstream};`],
    [/listen 80;/, `listen 127.0.0.1:${port};`],
  ];
  for (const [re, to] of edits) {
    assert.ok(re.test(conf), `deploy/nginx-server.conf no longer has ${re}`);
    conf = conf.replace(re, to);
  }
  return conf;
}

const upstreamRequests = async () => (await newsroom.state()).api_requests;

before(async () => {
  assert.ok(fs.existsSync(NGINX), 'nginx is missing: run scripts/tools.sh test');
  newsroom = await startNewsroom(['--latency-ms', '200']);
  server = await startServer(`${newsroom.url}/wp-json/wp/v2/`, ['--poll-seconds', '5'], {
    config: { site_name: 'Curierul de Valea Verde', locale: 'ro', time_zone: 'Europe/Bucharest' },
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziar-nginx-server-'));
  fs.chmodSync(tmp, 0o755);
  const port = await freePort();
  site = `http://127.0.0.1:${port}`;
  nginx = await startNginx(tmp, siteConfig({ port, cache: path.join(tmp, 'cache'), upstream: new URL(server.url).host }),
    `${site}/_ziar/status`, { workers: 2, connections: 1024 });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await nginx?.stop();
  server?.stop();
  newsroom?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('200 concurrent readers through the cache: one request to ziar-server, at most one upstream', async () => {
  const before = { renders: (await server.status()).page_requests, upstream: await upstreamRequests() };
  const url = `${site}/articol/${LONG}`;
  const answers = await Promise.all(Array.from({ length: 200 }, () =>
    fetch(url).then(async (r) => ({ status: r.status, cache: r.headers.get('x-cache-status'), body: await r.text() }))));
  assert.ok(answers.every((a) => a.status === 200));
  assert.equal(new Set(answers.map((a) => a.body)).size, 1, 'every reader got the same page');
  const after = { renders: (await server.status()).page_requests, upstream: await upstreamRequests() };
  assert.equal(after.renders - before.renders, 1, 'nginx sent ziar-server one request');
  assert.ok(after.upstream - before.upstream <= 1, `upstream requests: ${after.upstream - before.upstream}`);
  // The next 200 are hits: nothing reaches ziar-server.
  const again = await Promise.all(Array.from({ length: 200 }, () => fetch(url).then((r) => r.headers.get('x-cache-status'))));
  assert.ok(again.every((c) => c === 'HIT'), again.join(','));
  assert.equal((await server.status()).page_requests, after.renders);
});

test('the JSON endpoint is cached too, and an unchanged list costs a reader a 304', async () => {
  const url = `${site}/_ziar/api/posts?page=1&per_page=6`;
  const first = await fetch(url);
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(url, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('x-cache-status'), 'HIT');
});

test('through the cache the page hydrates, and push reaches the tab', async () => {
  const { page, context, problems } = await openPage(browser);
  try {
    await page.goto(`${site}/`);
    await hydrated(page);
    const post = await newsroom.admin('publish', { title: 'Prin cache: o știre nouă' });
    await page.locator('.ziar-pill').waitFor({ timeout: 25000 });
    await page.locator('.ziar-pill').click();
    await page.locator(`.ziar-recent-item[data-post-id="${post.id}"]`).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
