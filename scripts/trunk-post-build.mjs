#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): makes dist/ ready for a static host
// under a strict Content-Security-Policy.
//
// 1. Trunk 0.21 writes its wasm loader as an inline <script type="module">, which
//    `script-src 'self'` refuses. The loader moves to a content-hashed file
//    (`ziar-loader-<hash>.js`) referenced with `src` (and `integrity` when Trunk's
//    SRI is on).
// 2. index.html is then checked: no inline script, no <style>, no style="…" and
//    no on…= handler may remain, or the build fails.
// 3. 404.html, a copy of index.html, for hosts without rewrites (GitHub Pages,
//    Netlify, S3 website hosting): they serve it for any unknown path, and the
//    app routes on the URL it finds. Its <base href> is absolute (the public URL),
//    so its assets load from any depth.
// 4. _headers (Netlify and Cloudflare Pages): the CSP for the shipped config.json
//    and the cache policy (immutable for hashed files, no-cache for the rest).
// 5. Release builds (TRUNK_PROFILE=release): the wasm-bindgen glue is minified with
//    the pinned esbuild (Trunk's own minifier gives up on it), its SRI hash updated.
//
// Run by Trunk with TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL set. The pure parts
// are exported for the e2e tests.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A Subresource Integrity value (`sha384-…`) for `bytes`. */
const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;

/** Matches an inline (src-less) script element. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
/** Trunk's wasm loader: an inline module script (attribute quotes optional: the release build is minified). */
const INLINE_MODULE = /<script type=(?:"module"|module)(?: nonce=(?:"[^"]*"|[^\s>]*))?>([\s\S]*?)<\/script>/gi;
/** `trunk serve` adds its live-reload script (never in `trunk build`); it is left alone. */
const isDevReload = (body) => body.includes('__TRUNK_ADDRESS__');

/** A hashed asset name as Trunk writes them (`name-<16 hex>.ext`, `…_bg.wasm`). */
export const HASHED = /-[0-9a-f]{16}(?:_bg)?\.(?:js|wasm|css)$/;

/** Moves the one inline loader to `ziar-loader-<hash>.js`; returns the new HTML and file. */
export function externalizeLoader(html, publicUrl) {
  const scripts = [...html.matchAll(INLINE_MODULE)];
  if (scripts.length !== 1) {
    throw new Error(`expected exactly one inline loader script in index.html, found ${scripts.length}`);
  }
  const [whole, body] = scripts[0];
  const code = `${body.trim()}\n`;
  const name = `ziar-loader-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  // Keep SRI consistent with the rest of the page: on when Trunk put it on the other assets.
  const integrity = /\bintegrity="?sha384-/.test(html) ? ` integrity="${sri(code)}"` : '';
  const tag = `<script type="module" src="${publicUrl}${name}"${integrity}></script>`;
  return { html: html.replace(whole, tag), name, code };
}

/** The project's pinned esbuild (scripts/tools.sh), else one on PATH. */
function esbuildBin() {
  const local = path.join(path.dirname(fileURLToPath(import.meta.url)), '../.tools/node_modules/.bin/esbuild');
  return fs.existsSync(local) ? local : 'esbuild';
}

/** `code` minified as an ES module (esbuild keeps export and property names). */
export function minifyJs(code) {
  try {
    return execFileSync(esbuildBin(), ['--minify', '--format=esm', '--log-level=warning'], {
      input: code,
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    throw new Error(`esbuild could not minify the glue (run scripts/tools.sh build): ${e.message}`);
  }
}

/**
 * Release builds: minifies Trunk's wasm-bindgen glue (`ziar-<hash>.js`) in place and
 * updates its `integrity` in the page. The name keeps Trunk's hash: the minified
 * text is a function of the original (esbuild is pinned), so caching stays correct.
 * Returns the new HTML.
 */
export function minifyGlue(dir, html) {
  for (const f of fs.readdirSync(dir).filter((n) => /^ziar-[0-9a-f]{16}\.js$/.test(n))) {
    const file = path.join(dir, f);
    const before = fs.readFileSync(file);
    const after = minifyJs(before);
    fs.writeFileSync(file, after);
    html = html.split(sri(before)).join(sri(after));
  }
  return html;
}

/** What a strict CSP would refuse in a built page; an empty list is good. */
export function cspProblems(html) {
  const problems = [];
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    if (!isDevReload(m[1])) problems.push(`inline script: ${m[0].slice(0, 60)}…`);
  }
  if (/<style\b/i.test(html)) problems.push('a <style> element');
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of withoutComments.matchAll(/<[a-z][^>]*\s(style|on[a-z]+)\s*=/gi)) problems.push(`a ${m[1]}= attribute`);
  return problems;
}

/** The origin of `url` when it is on another site than the page, else null. */
function foreignOrigin(url) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const u = new URL(url.trim(), 'https://page.invalid/');
    if (u.origin === 'https://page.invalid') return null;
    return /^https?:$/.test(u.protocol) ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The strict policy for a config.json: everything from the site itself, plus the
 * API's (and push URL's) origin for fetches and images, and `iframe_hosts` for
 * embedded players. Image CDNs other than the API's origin must be added by hand.
 */
export function cspFor(config = {}) {
  const api = [...new Set([config.api ?? 'wp-json/wp/v2/', config.push_url].map(foreignOrigin).filter(Boolean))];
  const frames = (config.iframe_hosts ?? []).map((h) => `https://${h}`);
  const list = (xs) => (xs.length ? ` ${xs.join(' ')}` : '');
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `img-src 'self'${list(api)} data:`,
    `connect-src 'self'${list(api)}`,
    ...(frames.length ? [`frame-src${list(frames)}`] : []),
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

/** The `_headers` file (Netlify, Cloudflare Pages) for the files in dist/. */
export function headersFile(files, publicUrl, csp) {
  // _headers matches URL paths: a full public URL (a CDN) contributes its path only.
  if (/^https?:\/\//i.test(publicUrl)) publicUrl = new URL(publicUrl).pathname;
  const lines = [
    '# Netlify / Cloudflare Pages headers, written by `make dist` (scripts/trunk-post-build.mjs).',
    '# Edit the CSP if config.json points at another API or your images come from a CDN (README "Strict CSP").',
    `${publicUrl}*`,
    `  Content-Security-Policy: ${csp}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
  ];
  const noCache = [publicUrl, `${publicUrl}index.html`, `${publicUrl}404.html`, `${publicUrl}config.json`];
  for (const p of noCache) lines.push(p, '  Cache-Control: no-cache');
  for (const f of files.filter((f) => HASHED.test(f)).sort()) {
    lines.push(`${publicUrl}${f}`, '  Cache-Control: public, max-age=31536000, immutable');
  }
  // The widget build (scripts/embed.sh, after this hook): other sites import it, which needs
  // CORS; its entry keeps a stable name, so it is revalidated; the rest is content-hashed.
  lines.push(`${publicUrl}embed/*`, '  Access-Control-Allow-Origin: *');
  lines.push(`${publicUrl}embed/ziar-embed.js`, '  Cache-Control: no-cache');
  lines.push(`${publicUrl}embed/ziar-embed-*`, '  Cache-Control: public, max-age=31536000, immutable');
  return `${lines.join('\n')}\n`;
}

function main() {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: this script runs as a Trunk post_build hook');
  const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
  const indexPath = path.join(dir, 'index.html');
  let page = fs.readFileSync(indexPath, 'utf8');
  if (process.env.TRUNK_PROFILE === 'release') page = minifyGlue(dir, page);
  const { html, name, code } = externalizeLoader(page, publicUrl);
  const problems = cspProblems(html);
  if (problems.length) throw new Error(`index.html would break the strict CSP: ${problems.join('; ')}`);
  fs.writeFileSync(path.join(dir, name), code);
  fs.writeFileSync(indexPath, html);
  fs.writeFileSync(path.join(dir, '404.html'), html);
  let config = {};
  try {
    config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  } catch {
    // No or invalid config.json: the app reports it; the policy covers the defaults.
  }
  const files = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile());
  fs.writeFileSync(path.join(dir, '_headers'), headersFile(files, publicUrl, cspFor(config)));
  console.log(`post_build: loader -> ${name}; 404.html and _headers written (public URL ${publicUrl})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`post_build hook failed: ${e.message}`);
    process.exit(1);
  }
}
