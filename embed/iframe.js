// iframe mode (`embed/recent.html?count=5`): the Recent Posts widget alone on
// its own page, which reports its height to the embedding page so the iframe
// can fit its content (see ziar-iframe-host.js). No inline script: the page's
// CSP can stay `script-src 'self'`.
import { preload } from './ziar-embed.js';

// The list's code downloads while config.json is read.
preload('ziar-recent-posts');

const params = new URLSearchParams(location.search);
// Only these parameters pass through to the element (config.json keys, as attributes).
const PASSED = ['count', 'poll', 'locale', 'kind', 'excerpt-chars', 'auto-insert', 'link-target'];

/** Whether an `api` from the URL may be shown: same origin, or listed by the publisher. */
function allowedApi(api) {
  let origin;
  try {
    origin = new URL(api, location.href).origin;
  } catch {
    return false;
  }
  const listed = (document.querySelector('meta[name="ziar-allowed-apis"]')?.content ?? '').split(/\s+/).filter(Boolean);
  return origin === location.origin || listed.includes(origin);
}

function fail(message) {
  console.error(`Ziar iframe: ${message}`);
  const p = document.createElement('p');
  p.className = 'ziar-iframe-error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  document.body.append(p);
}

async function appConfig() {
  // The app's own config.json (one level up), for the default API, kind and locale.
  try {
    const r = await fetch(new URL('../config.json', location.href), { cache: 'no-cache' });
    return r.ok ? await r.json() : {};
  } catch {
    return {};
  }
}

let lastHeight = -1;
function reportHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== lastHeight && window.parent !== window) {
    lastHeight = height;
    // Only a number is sent, so any embedding page may read it; the host snippet
    // checks that the message comes from the iframe it embedded.
    window.parent.postMessage({ type: 'ziar:height', height }, '*');
  }
}

const cfg = await appConfig();
const base = new URL('../', location.href);
const api = params.get('api');
if (api !== null && !allowedApi(api)) {
  fail(`api ${api} is not allowed here: list its origin in recent.html's <meta name="ziar-allowed-apis">`);
} else {
  const el = document.createElement('ziar-recent-posts');
  el.setAttribute('api', api !== null ? api : new URL(cfg.api ?? 'wp-json/wp/v2/', base).href);
  if (cfg.kind) el.setAttribute('kind', cfg.kind);
  if (cfg.locale) el.setAttribute('locale', cfg.locale);
  for (const name of PASSED) {
    const v = params.get(name);
    if (v !== null) el.setAttribute(name, v);
  }
  document.body.append(el);
}
new ResizeObserver(reportHeight).observe(document.body);
reportHeight();
