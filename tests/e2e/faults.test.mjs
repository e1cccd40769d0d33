// End-to-end: every newsroom fault against the live Recent Posts list. For each
// one: the on-screen message naming the kind of problem, the last good list kept,
// and recovery by itself once the fault clears. Playwright's virtual clock makes
// minutes of polling and backoff take milliseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './harness.mjs';

let newsroom, browser, page, context, problems, apiRequests;

const s = suite({
  page: false,
  started: (x) => ({ newsroom, browser } = x),
  opened: (o) => ({ page, context, problems } = o),
});

/** Opens the app with the virtual clock; `config` overrides config.json keys. */
async function open(config) {
  await s.open();
  apiRequests = [];
  page.on('request', (r) => { if (r.url().includes('/wp-json/wp/v2/posts')) apiRequests.push(r.url()); });
  if (config) {
    await page.route('**/config.json', (route) => route.fulfill({
      json: { site_name: 'Curierul de Valea Verde', poll_seconds: 60, ...config },
    }));
  }
  await page.clock.install();
  await page.goto(newsroom.url + '/');
}


const titles = () => page.locator('.ziar-recent-title').allTextContents();
async function waitFor(cond, what, ms = 8000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
/** Jumps past the longest poll delay (60 s + 20% jitter) and waits for the request. */
async function nextPoll() {
  const n = apiRequests.length;
  await page.clock.fastForward(73_000);
  await waitFor(() => apiRequests.length > n, 'a poll request');
}
/** The live note's text once it shows `re`. */
async function noteMatching(re) {
  const note = page.locator('.ziar-live-note');
  let text = '';
  await waitFor(async () => (await note.count()) > 0 && re.test(text = await note.first().textContent()), `a note matching ${re}`);
  return text;
}

/**
 * One fault: the list loads, the fault goes on, the next poll fails with a
 * message matching `message`; the list stays; the fault clears and a post
 * published meanwhile arrives (the pill) with the note gone.
 */
async function faultCase(faults, message, { config, afterPoll } = {}) {
  await open(config);
  await page.locator('.ziar-recent-item').first().waitFor();
  await page.waitForLoadState('networkidle'); // see live.test.mjs
  const before = await titles();
  assert.equal(before.length, 6);
  await newsroom.admin('faults', faults);
  await nextPoll();
  if (afterPoll) await afterPoll();
  const text = await noteMatching(message);
  assert.match(text, /Actualizarea a eșuat; reîncerc în \d+ s\./);
  assert.deepEqual(await titles(), before, 'the last good list stays');
  assert.equal(await page.locator('#ziar-panic').count(), 0);

  await newsroom.admin('faults', {});
  const title = `După pană (${Object.keys(faults).join(', ')}): știrile circulă din nou`;
  await newsroom.admin('publish', { title });
  // Backoff after one or two failures is well under a minute; two jumps cover it.
  await page.clock.fastForward(73_000);
  await page.waitForTimeout(200);
  if ((await page.locator('.ziar-pill').count()) === 0) await nextPoll();
  await page.locator('.ziar-pill').waitFor();
  await waitFor(async () => (await page.locator('.ziar-live-note').count()) === 0, 'the note to go away');
  assert.deepEqual(await titles(), before, 'still the same list until the reader asks');
  await page.locator('.ziar-pill').click();
  await waitFor(async () => (await titles())[0] === title, 'the new post on top');
  return text;
}

const SERVER_ERROR = /Serverul de știri (?:a răspuns cu o eroare|are o problemă) \((\d+)\)/;
const NOT_FEED = /nu a trimis un flux de știri/;
const UNREACHABLE = /nu a putut fi contactat/;
const onlyNetworkNoise = (re) => problems.every((p) => re.test(p));

for (const status of [404, 429, 500, 502, 503]) {
  test(`HTTP ${status}: "answered with an error", list kept, recovers [expects console errors]`, async () => {
    const text = await faultCase({ status }, SERVER_ERROR);
    assert.equal(text.match(SERVER_ERROR)[1], String(status));
    if (status === 429 || status === 503) {
      // Retry-After: 5 is honoured: the retry is at least 5 s away.
      assert.ok(Number(text.match(/reîncerc în (\d+) s/)[1]) >= 5, text);
    }
    assert.ok(onlyNetworkNoise(new RegExp(`${status}|Failed to load resource`)), problems.join('\n'));
  });
}

test('malformed (truncated) JSON: "not a news feed", list kept, recovers', async () => {
  await faultCase({ malformed: true }, NOT_FEED);
});

test('an HTML error page as 200 text/html: "not a news feed", list kept, recovers', async () => {
  const text = await faultCase({ html: true }, NOT_FEED);
  assert.match(text, /HTML/);
});

test('an empty body: "not a news feed", list kept, recovers', async () => {
  await faultCase({ empty: true }, NOT_FEED);
});

test('a 10 MB body: refused as too large, list kept, tab responsive, recovers', async () => {
  const text = await faultCase({ huge: true }, /prea mare \(peste 4 MB\)/, {
    afterPoll: async () => {
      // The tab stays responsive while the refusal happens.
      const t0 = Date.now();
      await page.evaluate(() => 1 + 1);
      assert.ok(Date.now() - t0 < 2000);
    },
  });
  assert.doesNotMatch(text, /flux/);
});

test('a response bigger than max_response_kb (no huge fault) is refused too [expects console errors]', async () => {
  await open({ max_response_kb: 16 });
  // 16 KiB is less than one page of posts with embeds: the home page's first load fails…
  const err = page.locator('.ziar-main .ziar-error');
  await err.waitFor();
  assert.match(await err.textContent(), /prea mare \(peste 0\.1 MB\)/);
  // …while Recent Posts, which asks only for the fields it shows, fits.
  await page.locator('.ziar-recent-item').first().waitFor();
  assert.equal(await page.locator('.ziar-recent .ziar-error').count(), 0);
});

const REDIRECT = /a răspuns cu o redirecționare pe care acest site nu a putut-o urma/;

test('a redirect loop: "a redirect it could not follow", list kept, recovers [expects console errors]', async () => {
  const text = await faultCase({ redirect_loop: true }, REDIRECT);
  assert.doesNotMatch(text, UNREACHABLE);
  assert.ok(onlyNetworkNoise(/ERR_TOO_MANY_REDIRECTS|Failed to load resource|redirect/i), problems.join('\n'));
});

test('a cross-origin API whose host redirects (www. → bare) without CORS: the message names where the API answers [expects console errors]', async () => {
  // The page is on 127.0.0.1; the API configured on www.localhost, which the
  // site redirects to localhost, as a site does for its canonical host; the
  // redirect carries no CORS headers, so the browser cannot follow it.
  const port = new URL(newsroom.url).port;
  const api = `http://www.localhost:${port}/wp-json/wp/v2/`;
  const text = await faultCase(
    { redirect_to: `http://localhost:${port}`, hosts: [`www.localhost:${port}`] },
    /trimite acest site în altă parte/,
    { config: { api } },
  );
  assert.ok(text.includes(`API-ul răspunde la http://localhost:${port}.`), text);
  assert.doesNotMatch(text, /CORS/);
  assert.ok(onlyNetworkNoise(/CORS|Access-Control|Failed to load resource|ERR_/i), problems.join('\n'));
});

test('a cross-origin API path redirected elsewhere without CORS: told apart from nothing only as far as a page can, the CORS message says to check api [expects console errors]', async () => {
  // A wrong path that the site redirects to one of its pages: the redirect has no
  // CORS headers, so to the page it looks exactly like a server without CORS.
  const api = newsroom.url.replace('127.0.0.1', 'localhost') + '/wp-json/wp/v2/';
  const text = await faultCase({ redirect_to: '/articol/altceva' }, /a refuzat acest site \(CORS\)/, { config: { api } });
  assert.match(text, /redirecționează în altă parte\), verificați `api`/);
});

test('connection dropped mid-body: "broke off", list kept, recovers [expects console errors]', async () => {
  await faultCase({ drop_mid_body: true }, /s-a întrerupt în mijlocul răspunsului/);
  assert.ok(onlyNetworkNoise(/ERR_|Failed to load resource|network/i), problems.join('\n'));
});

test('a hung API: timed out after timeout_seconds, list kept, recovers', async () => {
  await faultCase({ hang: true }, /nu a răspuns în 15 s/, {
    afterPoll: () => page.clock.fastForward(16_000),
  });
});

test('latency below the timeout is just slow: no message, the list updates', async () => {
  await open();
  await page.locator('.ziar-recent-item').first().waitFor();
  await page.waitForLoadState('networkidle');
  await newsroom.admin('faults', { latency_ms: 300 });
  await newsroom.admin('publish', { title: 'Răspuns lent, dar corect: știrea ajunge oricum' });
  await nextPoll();
  await page.locator('.ziar-pill').waitFor();
  assert.equal(await page.locator('.ziar-live-note').count(), 0);
  assert.deepEqual(problems, []);
});

test('a wrong Content-Type on a JSON body is tolerated: the list keeps updating', async () => {
  await open();
  await page.locator('.ziar-recent-item').first().waitFor();
  await page.waitForLoadState('networkidle');
  await newsroom.admin('faults', { content_type: 'text/plain; charset=UTF-8' });
  await newsroom.admin('publish', { title: 'Tip de conținut greșit, conținut bun' });
  await nextPoll();
  await page.locator('.ziar-pill').waitFor();
  assert.equal(await page.locator('.ziar-live-note').count(), 0);
});

test('CORS headers missing on a cross-origin API: "refused this site (CORS)", list kept, recovers [expects console errors]', async () => {
  // The page is on 127.0.0.1, the API on localhost: another origin.
  const api = newsroom.url.replace('127.0.0.1', 'localhost') + '/wp-json/wp/v2/';
  await faultCase({ no_cors: true }, /a refuzat acest site \(CORS\)/, { config: { api } });
  assert.ok(onlyNetworkNoise(/CORS|Access-Control|Failed to load resource|ERR_FAILED/i), problems.join('\n'));
});

test('the API unreachable from the start: the error names it, then the list appears by itself [expects console errors]', async () => {
  await newsroom.admin('faults', { html: true });
  await open();
  const err = page.locator('.ziar-recent .ziar-error');
  await err.waitFor();
  assert.match(await err.textContent(), NOT_FEED);
  await newsroom.admin('faults', {});
  await page.clock.fastForward(11_000);
  await page.locator('.ziar-recent-item').first().waitFor({ timeout: 8000 });
  assert.equal(await page.locator('.ziar-recent .ziar-error').count(), 0);
});
