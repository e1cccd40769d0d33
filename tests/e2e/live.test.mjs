// End-to-end: the live Recent Posts list against the newsroom, with Playwright's
// virtual clock so minutes of polling take milliseconds.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, suite } from './harness.mjs';

let newsroom, browser, page, context, problems, apiRequests;

suite({
  started: (s) => ({ newsroom, browser } = s),
  opened: (o) => ({ page, context, problems } = o),
});
// After the suite's hooks (reset, a fresh page): the virtual clock and the home page.
beforeEach(async () => {
  apiRequests = [];
  page.on('request', (r) => { if (r.url().includes('/wp-json/wp/v2/posts')) apiRequests.push(r.url()); });
  await page.clock.install();
  await page.goto(newsroom.url + '/');
  await page.locator('.ziar-recent-item').first().waitFor();
  // Let the home page's own request finish: a virtual-clock jump with a request
  // in flight would run out its timeout (timeout_seconds) in no real time.
  await page.waitForLoadState('networkidle');
});

const titles = () => page.locator('.ziar-recent-title').allTextContents();
/** Jumps past the longest poll delay (60 s + 20% jitter) and lets the poll land. */
async function nextPoll() {
  const n = apiRequests.length;
  await page.clock.fastForward(73_000);
  await waitFor(() => apiRequests.length > n, 'a poll request');
  await page.waitForTimeout(150);
}
async function waitFor(cond, what, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
async function setHidden(hidden) {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('a published post shows the pill, then one new list item, focused', async () => {
  const before = await titles();
  const title = 'Ultima oră: tramvaiul de noapte circulă din nou în Valea Verde';
  await newsroom.admin('publish', { title });
  await page.evaluate(() => {
    window.__added = 0; window.__removed = 0;
    new MutationObserver((ms) => ms.forEach((m) => {
      m.addedNodes.forEach((n) => { if (n.nodeName === 'LI') window.__added++; });
      m.removedNodes.forEach((n) => { if (n.nodeName === 'LI') window.__removed++; });
    })).observe(document.querySelector('.ziar-recent-list'), { childList: true });
  });
  await nextPoll();
  const pill = page.locator('.ziar-pill');
  await pill.waitFor();
  assert.equal((await pill.textContent()).trim(), 'un articol nou');
  assert.deepEqual(await titles(), before, 'the list does not move until the reader asks');
  assert.equal(await page.locator('[aria-live="polite"]').textContent(), 'un articol nou');
  await pill.click();
  await waitFor(async () => (await titles())[0] === title, 'the new post on top');
  assert.equal(await page.locator('.ziar-recent-item').count(), 6);
  assert.deepEqual(await page.evaluate(() => [window.__added, window.__removed]), [1, 1],
    'one <li> added for one post (and the oldest dropped), not a re-render');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), title, 'focus moves to the new item');
  assert.equal(await pill.count(), 0);
});

test('plural pill text comes from Intl.PluralRules: 3 articole noi', async () => {
  for (let i = 0; i < 3; i++) await newsroom.admin('publish');
  await nextPoll();
  await page.locator('.ziar-pill').waitFor();
  assert.equal((await page.locator('.ziar-pill').textContent()).trim(), '3 articole noi');
});

test('an idle poll is a conditional request answered 304 with an empty body', async () => {
  const replies = [];
  page.on('response', async (r) => {
    if (r.url().includes('/wp-json/wp/v2/posts')) replies.push({ status: r.status(), len: (await r.body().catch(() => Buffer.alloc(0))).length });
  });
  await nextPoll();
  await waitFor(() => replies.length > 0, 'the poll reply');
  assert.equal(replies[0].status, 304);
  assert.equal(replies[0].len, 0);
});

test('a hidden page makes no requests, and a post published meanwhile shows up on return', async () => {
  await setHidden(true);
  await page.waitForTimeout(100);
  const n = apiRequests.length;
  for (let i = 0; i < 5; i++) await page.clock.fastForward(60_000); // 5 minutes of virtual time
  await page.waitForTimeout(300);
  assert.equal(apiRequests.length - n, 0, 'no requests while hidden: ' + apiRequests.slice(n).join(' '));
  await newsroom.admin('publish', { title: 'Publicat cât timp pagina era ascunsă: apa caldă revine mâine' });
  await setHidden(false);
  await page.locator('.ziar-pill').waitFor({ timeout: 3000 });
  assert.equal(apiRequests.length - n, 1, 'exactly one catch-up request');
});

test('edits update in place and deleted posts disappear', async () => {
  const [firstId] = await page.locator('.ziar-recent-item').evaluateAll((li) => li.map((x) => x.dataset.postId));
  const secondId = await page.locator('.ziar-recent-item').nth(1).getAttribute('data-post-id');
  await newsroom.admin('edit', { id: Number(secondId), title: 'Titlu corectat de redacție după verificarea informațiilor' });
  await newsroom.admin('delete', { id: Number(firstId) });
  await nextPoll();
  await waitFor(async () => (await titles())[0] === 'Titlu corectat de redacție după verificarea informațiilor', 'the edit');
  assert.equal(await page.locator(`[data-post-id="${firstId}"]`).count(), 0);
  assert.equal(await page.locator('.ziar-recent-item').count(), 6, 'an older post backfills');
  assert.equal(await page.locator('.ziar-pill').count(), 0, 'a backfill is not "new"');
});

test('a failed poll keeps the list, says so, and recovers by itself [expects console errors]', async () => {
  const before = await titles();
  await newsroom.admin('faults', { status: 503 });
  await nextPoll();
  const note = page.locator('.ziar-live-note');
  await note.waitFor();
  assert.match(await note.textContent(), /Actualizarea a eșuat; reîncerc în \d+ s\./);
  assert.deepEqual(await titles(), before, 'the last good list stays');
  await newsroom.admin('faults', {});
  await newsroom.admin('publish', { title: 'După pană: serverul de știri răspunde din nou normal' });
  await nextPoll();
  await page.locator('.ziar-pill').waitFor();
  assert.equal(await note.count(), 0, 'the note goes away after recovery');
  assert.ok(problems.every((p) => /503|Service Unavailable|live update failed/.test(p)), problems.join('\n'));
});

test('with push_url set, a publish shows up at once through Server-Sent Events', async () => {
  const { page: p2, context: c2, problems: pr2 } = await openPage(browser);
  try {
    const cfg = await (await fetch(`${newsroom.url}/config.json`)).json();
    await p2.route('**/config.json', (route) => route.fulfill({
      contentType: 'application/json', body: JSON.stringify({ ...cfg, push_url: 'events', poll_seconds: 600 }),
    }));
    await p2.goto(newsroom.url + '/');
    await p2.locator('.ziar-recent-title').first().waitFor();
    await p2.waitForTimeout(300); // the EventSource connects
    await newsroom.admin('publish', { title: 'Împins prin SSE: ședința consiliului începe mai devreme' });
    // Polling is 10 minutes away: only the push can bring this in time.
    await p2.locator('.ziar-pill').waitFor({ timeout: 4000 });
    assert.equal((await p2.locator('.ziar-pill').textContent()).trim(), 'un articol nou');
  } finally {
    await c2.close();
  }
  assert.deepEqual(pr2, []);
});

test('an edit that leaves `modified` unchanged (same second) still shows', async () => {
  // Churned posts are dated in the future, one second apart, and an edit sets
  // modified = max(now, date): the newest post's `modified` cannot move.
  await newsroom.admin('churn', { ops: 60, seed: 3 });
  await nextPoll();
  await page.locator('.ziar-pill').waitFor();
  await page.locator('.ziar-pill').click();
  await waitFor(async () => /^(Știre de test|Corectat)/.test((await titles())[0]), 'a churned post on top');
  const top = page.locator('.ziar-recent-item').first();
  const id = await top.getAttribute('data-post-id');
  const title = 'Corectură fără dată nouă: titlul se schimbă oricum';
  await newsroom.admin('edit', { id: Number(id), title });
  await nextPoll();
  await waitFor(async () => (await titles())[0] === title, 'the edited title');
});
