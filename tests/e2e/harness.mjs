// Shared e2e harness: starts the real demo newsroom (serving the release dist/)
// on a free loopback port, and launches Debian Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(root, 'dist');
const NEWSROOM = path.join(root, 'target/debug/newsroom');

/** Starts the newsroom with `--admin` plus `flags`, serving `dist` (default the
 *  release `dist/`); resolves when it listens. */
export async function startNewsroom(flags = [], { dist = DIST } = {}) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`no release build in ${dist}: run make dist`);
  const proc = spawn(NEWSROOM, ['--addr', '127.0.0.1:0', '--dist', dist, '--admin', ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('newsroom did not start within 20 s')), 20000);
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`newsroom exited with ${code}`)); });
  });
  const admin = async (p, body) => {
    const r = await fetch(`${url}/__admin/${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!r.ok) throw new Error(`admin ${p}: HTTP ${r.status}`);
    return r.json();
  };
  /** What the newsroom has seen (`api_requests`: the API requests it answered). */
  const state = async () => (await fetch(`${url}/__admin/state`)).json();
  return { url, admin, state, stop: () => proc.kill('SIGTERM') };
}

/** Headless Debian Chromium; never a downloaded browser. `ZIAR_CHROME_ARGS`
 *  (space-separated) adds flags, for the bench scripts' experiments. */
export async function launch() {
  const extra = (process.env.ZIAR_CHROME_ARGS ?? '').split(' ').filter(Boolean);
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...extra],
  });
}

/**
 * A page that records console errors, page errors (panics included) and failed
 * requests, so every test can assert that none happened. Other options go to
 * Playwright's `newContext` (a phone screen, a time zone).
 */
export async function openPage(browser, { locale = 'ro-RO', colorScheme = 'light', reducedMotion = 'no-preference', viewport = { width: 1280, height: 900 }, ...options } = {}) {
  const context = await browser.newContext({ locale, colorScheme, reducedMotion, viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return { page, context, problems };
}

/**
 * The hooks every e2e file shares, so a file states only what differs: one
 * newsroom (started with `flags`) and one browser per file; before each test the
 * newsroom is reset (content and faults) and, unless `page` is false, a fresh
 * page is opened; after each test every page opened through `s.open` is closed,
 * and a console error or panic on any of them fails the test unless its name
 * says `[expects console errors]`. `started(s)` and `opened(o)` hand the
 * newsroom/browser and each new page to the file's own variables.
 */
export function suite({ flags = [], page = true, started = () => {}, opened = () => {} } = {}) {
  const s = {
    newsroom: null,
    browser: null,
    pages: [],
    /** Opens a recorded page (see `openPage`); it is closed and checked after the test. */
    async open(options) {
      const o = await openPage(s.browser, options);
      s.pages.push(o);
      opened(o);
      return o;
    },
  };
  before(async () => {
    s.newsroom = await startNewsroom(flags);
    s.browser = await launch();
    started(s);
  });
  after(async () => {
    await s.browser?.close();
    s.newsroom?.stop();
  });
  beforeEach(async () => {
    await s.newsroom.admin('reset');
    if (page) await s.open();
  });
  afterEach(async (t) => {
    const problems = s.pages.flatMap((o) => o.problems);
    for (const o of s.pages) await o.context.close();
    s.pages = [];
    if (!t.name.includes('[expects console errors]')) assert.deepEqual(problems, [], 'console errors or panics');
  });
  return s;
}

const SERVER = path.join(root, 'target/release/ziar-server');
/** The browser app built for server mode (`make server`). */
export const SERVER_SITE = path.join(root, 'target/ziar-server/site');

/**
 * Starts `ziar-server` (release, `make server`) in front of `api` with `args`;
 * `config` (an object) is written to a file and passed as `--config`.
 * Resolves when it listens: `{ url, stop, status() }`, where `status()` is
 * its `/_ziar/status` (upstream requests made, cache use).
 */
export async function startServer(api, args = [], { config } = {}) {
  if (!fs.existsSync(SERVER)) throw new Error(`no ${SERVER}: run make server`);
  const extra = [];
  if (config) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ziar-server-')), 'config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    extra.push('--config', file);
  }
  const proc = spawn(SERVER, ['--api', api, '--addr', '127.0.0.1:0', '--site', SERVER_SITE, ...extra, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ziar-server did not start within 20 s: ${log}`)), 20000);
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`ziar-server exited with ${code}: ${log}`)); });
  });
  const status = async () => (await fetch(`${url}/_ziar/status`)).json();
  return { url, status, pid: proc.pid, log: () => log, stop: () => proc.kill('SIGTERM') };
}

/** Debian's nginx, which the deploy tests run as the current user. */
export const NGINX = '/usr/sbin/nginx';

/**
 * Starts nginx from `tmp` (its temp paths, pid and config live there) with
 * `http` (server blocks) inside its `http {}`, and resolves once `readyUrl`
 * answers. `stop()` ends it.
 */
export async function startNginx(tmp, http, readyUrl, { workers = 1, connections = 128 } = {}) {
  const temp = (n) => `${n}_temp_path ${path.join(tmp, n)};`;
  const conf = `
${process.getuid?.() === 0 ? 'user root root;' : ''}
worker_processes ${workers};
error_log stderr warn;
events { worker_connections ${connections}; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
${http}
}
`;
  const confPath = path.join(tmp, 'nginx.conf');
  fs.writeFileSync(confPath, conf);
  const proc = spawn(NGINX, ['-e', 'stderr', '-p', tmp, '-c', confPath, '-g', `daemon off; pid ${tmp}/nginx.pid;`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  for (let i = 0; ; i++) {
    const ok = await fetch(readyUrl).then((r) => r.ok, () => false);
    if (ok) break;
    const gone = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
    if (gone || i > 100) {
      proc.kill('SIGTERM');
      throw new Error('nginx did not start (see its messages above)');
    }
  }
  return {
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** A TCP port free on loopback right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Waits until the browser app has taken over a ziar-server page. */
export const hydrated = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('ziar:hydrated').length > 0, null, { timeout: 30000 });
