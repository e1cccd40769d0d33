// The little Markdown reading the docs test needs: headings and the anchors
// GitHub gives them, links, and tables. Not a renderer; it follows GitHub's
// rules where they decide whether a link resolves (code is not parsed for
// links, anchors are slugged like github-slugger does).

/** A heading's anchor the way GitHub makes it (github-slugger), unique per page. */
export function slugger() {
  const seen = new Map();
  return (text) => {
    const base = text
      .toLowerCase()
      // github-slugger keeps letters, marks, numbers, connector punctuation (`_`), spaces and `-`.
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    let slug = base;
    while (seen.has(slug)) {
      seen.set(base, seen.get(base) + 1);
      slug = `${base}-${seen.get(base)}`;
    }
    seen.set(slug, 0);
    return slug;
  };
}

/**
 * Splits inline Markdown into code spans and the text between them (CommonMark backtick runs):
 * `{ code, text, raw }`, `raw` being the source with its backticks.
 */
export function splitCode(line) {
  const parts = [];
  let rest = line;
  let plain = '';
  for (;;) {
    const open = rest.match(/`+/);
    if (!open) break;
    const ticks = open[0];
    const start = open.index + ticks.length;
    // The span closes at the next run of exactly as many backticks; without one, the run is literal.
    const close = new RegExp(`(?<!\`)${ticks}(?!\`)`, 'g');
    close.lastIndex = start;
    const end = close.exec(rest);
    if (!end) {
      plain += rest.slice(0, start);
      rest = rest.slice(start);
      continue;
    }
    plain += rest.slice(0, open.index);
    parts.push({ code: false, text: plain, raw: plain });
    plain = '';
    let code = rest.slice(start, end.index);
    if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
    parts.push({ code: true, text: code, raw: rest.slice(open.index, end.index + ticks.length) });
    rest = rest.slice(end.index + ticks.length);
  }
  plain += rest;
  parts.push({ code: false, text: plain, raw: plain });
  return parts;
}

/** The text a heading renders to: code kept verbatim; link and image targets, tags and emphasis dropped. */
export function headingText(raw) {
  return splitCode(raw)
    .map(({ code, text }) =>
      code
        ? text
        : text
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/<[^>]+>/g, '')
            .replace(/\*+/g, '')
            // `_` delimits emphasis at a word's edge; inside a word (`page_size`) it is text.
            .replace(/(^|\W)_+(?=\w)/g, '$1')
            .replace(/(\w)_+(?=\W|$)/g, '$1')
            .replace(/\\(.)/g, '$1'),
    )
    .join('')
    .trim();
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
export function proseLines(md) {
  const out = [];
  let fence = null;
  md.split('\n').forEach((line, i) => {
    const f = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && !line.slice(f[0].length).trim()) fence = null;
      return;
    }
    if (f && !(f[1][0] === '`' && line.slice(f[0].length).includes('`'))) {
      fence = f[1];
      return;
    }
    out.push({ line, number: i + 1 });
  });
  return out;
}

/** Every anchor a page has: its headings (ATX and setext) and explicit `id`/`name` attributes. */
export function anchors(md) {
  const slug = slugger();
  const found = new Set();
  const lines = proseLines(md);
  lines.forEach(({ line, number }, i) => {
    const atx = line.match(/^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/);
    if (atx) {
      found.add(slug(headingText(atx[1] ?? '')));
      return;
    }
    const next = lines[i + 1];
    const prose = line.trim() && !/^ {0,3}([-*+>|]|\d+[.)])/.test(line);
    if (prose && next && next.number === number + 1 && /^ {0,3}(=+|-+)[ \t]*$/.test(next.line)) {
      found.add(slug(headingText(line)));
    }
  });
  for (const { line } of lines) {
    for (const m of line.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/gi)) found.add(m[1]);
  }
  return found;
}

/** Every link and image target outside code: inline, reference definitions and HTML `href`/`src`. */
export function links(md) {
  const out = [];
  for (const { line, number } of proseLines(md)) {
    const prose = splitCode(line)
      .map(({ code, text }) => (code ? ' '.repeat(text.length + 2) : text))
      .join('');
    for (const m of prose.matchAll(/\]\(\s*(?:<([^>]*)>|([^\s()]+(?:\([^\s()]*\)[^\s()]*)*))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
      out.push({ target: m[1] ?? m[2], line: number });
    }
    const def = prose.match(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/);
    if (def) out.push({ target: def[1], line: number });
    for (const m of prose.matchAll(/<(?:a|img)\s[^>]*\b(?:href|src)="([^"]+)"/gi)) out.push({ target: m[1], line: number });
  }
  return out;
}

/** Tables outside code: `{ header: [cells], rows: [[cells]], line, rowLines }`, each cell its Markdown source. */
export function tables(md) {
  const out = [];
  let current = null;
  // GFM splits cells at every unescaped `|`, inside code spans too.
  const cells = (line) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/(?<!\\)\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  for (const { line, number } of proseLines(md)) {
    if (/^\s*\|/.test(line)) {
      if (!current) current = { header: cells(line), rows: [], line: number, rowLines: [] };
      else if (!/^\s*\|?\s*:?-{3,}/.test(line)) {
        current.rows.push(cells(line));
        current.rowLines.push(number);
      }
    } else if (current) {
      out.push(current);
      current = null;
    }
  }
  if (current) out.push(current);
  return out;
}

/** The `code` spans in one table cell. */
export function codeIn(cell) {
  return splitCode(cell)
    .filter((p) => p.code)
    .map((p) => p.text);
}
