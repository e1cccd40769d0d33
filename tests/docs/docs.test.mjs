// The docs test (`make test`, suite "docs"): every relative link and #anchor in
// README.md and docs/*.md resolves, and the configuration page's tables list
// exactly the config.json keys the code accepts. The keys come from serde
// itself (`cargo run --example config_keys`), so a key added to `Config`
// fails here until it is documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchors, headingText, links, slugger, tables } from './markdown.mjs';
import { brokenLinks, compareKeys, documentedKeys, unknownKeysInColumns } from './checks.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGES = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const REFERENCE = 'docs/configuration.md';

/** The keys serde accepts, printed by examples/config_keys.rs. */
function codeKeys() {
  const out = execFileSync('cargo', ['run', '--quiet', '--example', 'config_keys'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.split('\n').filter(Boolean);
}

test('every relative link and #anchor in README.md and docs/*.md resolves', () => {
  assert.ok(PAGES.length > 10, `expected the guide's pages, found ${PAGES.join(', ')}`);
  const broken = brokenLinks(ROOT, PAGES);
  assert.deepEqual(broken, [], `broken links:\n  ${broken.join('\n  ')}`);
});

test('the configuration reference lists exactly the config.json keys the code accepts', () => {
  const keys = codeKeys();
  // The walker itself must see nested structs, options and lists, or the comparison means nothing.
  for (const k of ['api', 'share.targets', 'mapping.items', 'follow[].network']) {
    assert.ok(keys.includes(k), `config_keys did not print ${k}: ${keys.join(' ')}`);
  }
  const { missing, unknown } = compareKeys(keys, documentedKeys(fs.readFileSync(path.join(ROOT, REFERENCE), 'utf8')));
  const elsewhere = unknownKeysInColumns(ROOT, PAGES, keys);
  // One assertion, so a run reports every problem at once.
  assert.deepEqual(
    { missing, unknown, elsewhere },
    { missing: [], unknown: [], elsewhere: [] },
    [
      missing.length && `accepted by the code but not documented in ${REFERENCE}: ${missing.join(', ')}`,
      unknown.length && `documented in ${REFERENCE} but not accepted by the code: ${unknown.join(', ')}`,
      elsewhere.length && `config.json keys in other tables that the code does not accept: ${elsewhere.join(', ')}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
});

test('the guide index lists every page of docs/', () => {
  const index = fs.readFileSync(path.join(ROOT, 'docs/README.md'), 'utf8');
  const listed = new Set(links(index).map((l) => l.target.split('#')[0]));
  const unlisted = PAGES.filter((p) => p.startsWith('docs/') && p !== 'docs/README.md')
    .map((p) => p.slice('docs/'.length))
    .filter((p) => !listed.has(p));
  assert.deepEqual(unlisted, [], `pages missing from docs/README.md: ${unlisted.join(', ')}`);
});

// The checker's own rules, against what GitHub renders.

test('anchors follow GitHub: lowercase, punctuation dropped, spaces to -, repeats numbered', () => {
  const slug = slugger();
  assert.equal(slug(headingText('Configuration: `config.json`')), 'configuration-configjson');
  assert.equal(slug(headingText('The `?api=` parameter')), 'the-api-parameter');
  assert.equal(slug(headingText("What's new?")), 'whats-new');
  assert.equal(slug(headingText('A & B')), 'a--b');
  assert.equal(slug(headingText('Links [inside](x.md) **headings**')), 'links-inside-headings');
  assert.equal(slug(headingText('`<ziar-share>` and `page_size`')), 'ziar-share-and-page_size');
  assert.equal(slug(headingText('Ünïcode Überschrift')), 'ünïcode-überschrift');
  assert.equal(slug(headingText('😄 emoji')), '-emoji');
  assert.equal(slug('Intro'), 'intro');
  assert.equal(slug('Intro'), 'intro-1');
  assert.equal(slug('Intro'), 'intro-2');
  assert.equal(slug('Intro 1'), 'intro-1-1');
});

test('headings and links inside code are not parsed; setext headings and html ids are anchors', () => {
  const md = [
    '# Title',
    '```sh',
    '# not a heading [nor a link](nowhere.md)',
    '```',
    'Setext heading',
    '--------------',
    '<a id="custom"></a> and `[code](nowhere.md)` and [real](docs/x.md#y)',
    '[ref]: other.md',
    '| a | b |',
    '|---|---|',
    '| `x` | [cell](cell.md) |',
  ].join('\n');
  assert.deepEqual([...anchors(md)].sort(), ['custom', 'setext-heading', 'title']);
  assert.deepEqual(
    links(md).map((l) => `${l.line}:${l.target}`),
    ['7:docs/x.md#y', '8:other.md', '11:cell.md'],
  );
  assert.deepEqual(tables(md)[0].rows, [['`x`', '[cell](cell.md)']]);
  assert.deepEqual(tables(md)[0].rowLines, [11]);
});

test('a broken link, a missing anchor and an undocumented or unknown key are all reported', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziar-docs-'));
  try {
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'README.md'), '# Top\n\n[ok](docs/a.md#part-one) [gone](docs/b.md) [bad](#nope) [up](../x.md)\n');
    fs.writeFileSync(path.join(dir, 'docs/a.md'), '# A\n\n## Part one\n\n[back](../README.md#top) [wrong](../README.md#bottom)\n');
    assert.deepEqual(brokenLinks(dir, ['README.md', 'docs/a.md']), [
      'README.md:3: docs/b.md: no such file',
      'README.md:3: #nope: no heading with the anchor #nope in README.md',
      'README.md:3: ../x.md: leaves the repository',
      'docs/a.md:5: ../README.md#bottom: no heading with the anchor #bottom in README.md',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const page = '| key | meaning |\n|---|---|\n| `api` | … |\n| `share.via` | … |\n| `typo` | … |\n';
  assert.deepEqual(compareKeys(['api', 'share', 'share.via', 'share.utm', 'time_zone'], documentedKeys(page)), {
    missing: ['share.utm', 'time_zone'],
    unknown: ['typo'],
  });
});
