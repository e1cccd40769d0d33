// Shared e2e harness: starts the real demo newsroom (serving the release dist/)
// on a free loopback port, and launches Debian Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(root, 'dist');
const NEWSROOM = path.join(root, 'target/debug/newsroom');

/** Starts the newsroom with `--admin` plus `flags`; resolves when it listens. */
export async function startNewsroom(flags = []) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`no release build in ${DIST}: run make dist`);
  const proc = spawn(NEWSROOM, ['--addr', '127.0.0.1:0', '--dist', DIST, '--admin', ...flags], {
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
  return { url, admin, stop: () => proc.kill('SIGTERM') };
}

/** Headless Debian Chromium; never a downloaded browser. */
export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * A page that records console errors, page errors (panics included) and failed
 * requests, so every test can assert that none happened.
 */
export async function openPage(browser, { locale = 'ro-RO', colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ locale, colorScheme, reducedMotion, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return { page, context, problems };
}
