// What the bench scripts share (bench.mjs, startup.mjs, profile.mjs): the article they
// load, a plain static page of it with the app's CSS (the physical limit), the metric
// observers, and a cold page under the bench's conditions on a desktop or phone screen.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** The demo article every load opens (a long one, with an image). */
export async function benchArticle(newsroomUrl) {
  const [article] = await (await fetch(`${newsroomUrl}/wp-json/wp/v2/posts?per_page=1&categories=4&_embed=1`)).json();
  return article;
}

/** Serves the same article and `dist`'s CSS as a plain static page; resolves with its URL and close(). */
export async function startStaticArticle(article, dist) {
  const css = fs.readdirSync(dist).find((f) => f.endsWith('.css'));
  const html = `<!DOCTYPE html><html lang="ro"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${article.title.rendered}</title><link rel="stylesheet" href="/${css}"></head>
<body><header class="ziar-header"><a class="ziar-brand" href="/">Curierul de Valea Verde</a></header>
<div class="ziar-layout"><main id="main" class="ziar-main"><article class="ziar-article">
<h1 class="ziar-headline">${article.title.rendered}</h1>
<div class="ziar-body">${article.content.rendered}</div></article></main></div></body></html>`;
  const server = http.createServer((req, res) => {
    if (req.url === '/article.html') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); return; }
    if (req.url === `/${css}`) { res.writeHead(200, { 'content-type': 'text/css' }); res.end(fs.readFileSync(path.join(dist, css))); return; }
    res.writeHead(404); res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/article.html`, close: () => server.close() };
}

/** In-page observers (an init script): when the article body and the Recent Posts list
 *  first exist, FCP, LCP, CLS and long tasks, in `window.__m`. */
export const OBSERVE = () => {
  window.__m = { visible: null, list: null, lcp: 0, cls: 0, longTasks: [], fcp: null };
  new MutationObserver(() => {
    if (window.__m.visible === null && document.querySelector('.ziar-body p')) window.__m.visible = performance.now();
    if (window.__m.list === null && document.querySelector('.ziar-recent-item')) window.__m.list = performance.now();
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.__m.lcp = e.startTime; })).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) window.__m.cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__m.longTasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (e.name === 'first-contentful-paint') window.__m.fcp = e.startTime; })).observe({ type: 'paint', buffered: true });
};

/** The two screens the figures are taken on: a desktop window, and Lighthouse's
 *  mobile emulation (its Moto G Power: 412×823 CSS px at DPR 1.75, a touch screen),
 *  where the layout is one column and the sidebar sits below the article. */
export const SCREENS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  mobile: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
};

/** A fresh page with no cache, 4× CPU throttle and the observers, on `screen`
 *  (one of `SCREENS`, default desktop); `cdp` for more. */
export async function throttledPage(browser, screen = SCREENS.desktop) {
  const context = await browser.newContext({ ...screen, locale: 'ro-RO' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(OBSERVE);
  return { context, page, cdp };
}

/** Waits until `predicate` (a function's source, run in the page) is true. It polls
 *  through a bare CDP `Runtime.evaluate`: Playwright's `waitForFunction` would first
 *  inject its own script, ~80 ms of main-thread work under the 4× throttle, landing
 *  in the middle of the app's startup (and not the static page's, which is done by
 *  then) and so inflating the app's figures. */
export async function waitInPage(cdp, predicate, timeoutMs = 30000) {
  const expression = `new Promise((resolve, reject) => {
    const until = performance.now() + ${timeoutMs};
    const poll = () => {
      if ((${predicate})()) resolve(true);
      else if (performance.now() > until) reject(new Error('not within ${timeoutMs} ms: ' + ${JSON.stringify(String(predicate))}));
      else setTimeout(poll, 10);
    };
    poll();
  })`;
  const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true });
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
}
