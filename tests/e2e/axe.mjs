// axe-core audit for any Playwright page: WCAG 2.0/2.1/2.2 A and AA rules only.
// The source is evaluated in the page (page.evaluate is not subject to the
// page's CSP, unlike an injected <script>), so it works under a strict CSP.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG tags audited: every A and AA success criterion axe can check. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page (or on `include`, a CSS selector) and returns the
 * violations, each as `{id, impact, help, nodes: [{target, summary}]}`.
 */
export async function audit(page, { include } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async ({ tags, include }) => {
    const r = await window.axe.run(include ? { include: [include] } : document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, { tags: WCAG_TAGS, include });
  return result;
}

/** A readable one-violation-per-line report for assertion messages. */
export function report(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`)
    .join('\n');
}
