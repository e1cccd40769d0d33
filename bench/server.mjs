// Server-mode figures for make bench (bench.mjs): ziar-server under load (autocannon),
// its memory, and what 1,000 simulated readers cost the upstream API. The page-load
// figures (visible, LCP, TBT with hydration, bytes before the text) are taken in
// bench.mjs's interleaved loop, beside the static app and the static page.
import fs from 'node:fs';
import autocannon from 'autocannon';

/** The server's resident memory, in bytes (Linux `/proc`). */
export function rssBytes(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Requests per second and latency percentiles for `url`, warm (already cached). */
export async function load(url, { connections = 50, seconds = 10, headers = {} } = {}) {
  await fetch(url, { headers }); // warm the store and the render cache
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

/**
 * 1,000 readers for `seconds`: each opens the home page, then polls the Recent Posts
 * list like the app does (conditional, every `pollSeconds` ± 20 %), while upstream
 * publishes a post every `publishEvery` seconds. Resolves with the upstream requests
 * that took, per minute, and the readers' 304 share.
 */
export async function readers(server, newsroom, { n = 1000, seconds = 60, pollSeconds = 10, publishEvery = 20 } = {}) {
  const state = async () => (await newsroom.state()).api_requests;
  const list = `${server.url}/_ziar/api/posts?page=1&per_page=6`;
  const start = Date.now();
  const end = start + seconds * 1000;
  const before = await state();
  let polls = 0;
  let notModified = 0;
  const reader = async () => {
    await fetch(`${server.url}/`).then((r) => r.arrayBuffer()).catch(() => {});
    let etag = null;
    await sleep(Math.random() * pollSeconds * 1000);
    while (Date.now() < end) {
      const r = await fetch(list, { headers: etag ? { 'If-None-Match': etag } : {} }).catch(() => null);
      if (r) {
        polls++;
        if (r.status === 304) notModified++;
        else etag = r.headers.get('etag');
        await r.arrayBuffer().catch(() => {});
      }
      await sleep(pollSeconds * 1000 * (0.8 + Math.random() * 0.4));
    }
  };
  const publisher = (async () => {
    while (Date.now() + publishEvery * 1000 < end) {
      await sleep(publishEvery * 1000);
      await newsroom.admin('publish').catch(() => {});
    }
  })();
  await Promise.all([...Array.from({ length: n }, reader), publisher]);
  const minutes = (Date.now() - start) / 60000;
  const upstream = (await state()) - before;
  return {
    upstream_per_minute: Math.round((upstream / minutes) * 10) / 10,
    polls,
    not_modified_share: polls ? Math.round((notModified / polls) * 1000) / 1000 : null,
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
