// Takes docs/screenshot.png of the demo article with its Recent Posts list.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNewsroom, launch, openPage } from './harness.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshot.png');
const newsroom = await startNewsroom();
const browser = await launch();
try {
  const { page } = await openPage(browser);
  const r = await fetch(`${newsroom.url}/wp-json/wp/v2/posts?per_page=1&categories=4`);
  const [post] = await r.json();
  await page.goto(`${newsroom.url}/articol/${post.slug}`);
  await page.locator('.ziar-body p').first().waitFor();
  await page.locator('.ziar-recent-item').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  newsroom.stop();
}
