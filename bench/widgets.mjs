// The widget bundles (dist/embed/bundles.json, written by scripts/embed.sh) and which of
// them a host page loads: the cheapest set serving every element on it, as
// embed/ziar-embed.js picks it. Used by bench/budget.mjs (bench.mjs measures what a browser fetches).
import fs from 'node:fs';
import path from 'node:path';

/** Each element alone on a page, and all three together: [figure key, tags]. */
export const PAGES = [
  ['widget_share_brotli_bytes', ['ziar-share']],
  ['widget_recent_posts_brotli_bytes', ['ziar-recent-posts']],
  ['widget_article_brotli_bytes', ['ziar-article']],
  ['widget_all_brotli_bytes', ['ziar-recent-posts', 'ziar-share', 'ziar-article']],
];

/** dist/embed/bundles.json: `[{ name, tags, core, wasm, css, bytes }]`. */
export function bundles(embedDir) {
  return JSON.parse(fs.readFileSync(path.join(embedDir, 'bundles.json'), 'utf8'));
}

/** The cheapest set of bundles that serves every tag in `tags` (by their brotli bytes). */
export function cover(all, tags) {
  let best = null;
  for (let mask = 1; mask < 1 << all.length; mask++) {
    const set = all.filter((_, i) => mask & (1 << i));
    if (!tags.every((t) => set.some((b) => b.tags.includes(t)))) continue;
    const bytes = set.reduce((n, b) => n + b.bytes, 0);
    if (!best || bytes < best.bytes) best = { set, bytes };
  }
  return best?.set ?? [];
}

/** The files a page with `tags` loads first from `embedDir`: the entry and its
 *  bundles' glue, wasm and stylesheet. */
export function firstLoad(embedDir, tags) {
  const files = ['ziar-embed.js', ...cover(bundles(embedDir), tags).flatMap((b) => [b.core, b.wasm, b.css])];
  return files.map((f) => path.join(embedDir, f));
}
