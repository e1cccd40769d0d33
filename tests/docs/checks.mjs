// The checks behind the docs test, on plain strings and paths so they can be
// tried on broken pages too.
import fs from 'node:fs';
import path from 'node:path';
import { anchors, codeIn, links, tables } from './markdown.mjs';

/**
 * Every relative link in `files` (paths relative to `root`) that does not resolve:
 * a missing file or folder, a path leaving the repository, or a `#anchor` its
 * Markdown target lacks. Returns `file:line: target: why` strings.
 */
export function brokenLinks(root, files) {
  const anchorCache = new Map();
  const anchorsOf = (file) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchors(fs.readFileSync(file, 'utf8')));
    return anchorCache.get(file);
  };
  const problems = [];
  for (const rel of files) {
    const file = path.join(root, rel);
    for (const { target, line } of links(fs.readFileSync(file, 'utf8'))) {
      // Absolute URLs (https:, mailto:, …) and protocol-relative ones are not ours to check.
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
      const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
      const resolved = pathPart
        ? path.resolve(pathPart.startsWith('/') ? root : path.dirname(file), pathPart.replace(/^\//, ''))
        : file;
      const where = `${rel}:${line}: ${target}`;
      if (path.relative(root, resolved).startsWith('..')) {
        problems.push(`${where}: leaves the repository`);
      } else if (!fs.existsSync(resolved)) {
        problems.push(`${where}: no such file`);
      } else if (anchor !== null && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
        problems.push(`${where}: no heading with the anchor #${anchor} in ${path.relative(root, resolved)}`);
      }
    }
  }
  return problems;
}

/** The keys a reference page documents: the `code` spans in the first column of every table headed `key`. */
export function documentedKeys(md) {
  const keys = new Set();
  for (const t of tables(md)) {
    if (t.header[0]?.replace(/`/g, '').trim().toLowerCase() !== 'key') continue;
    for (const row of t.rows) for (const key of codeIn(row[0] ?? '')) keys.add(key);
  }
  return keys;
}

/**
 * Compares the documented keys with the code's: `missing` are accepted keys no
 * row documents (a parent such as `share` counts as documented when its
 * children are), `unknown` are documented keys the code does not accept.
 */
export function compareKeys(codeKeys, documented) {
  const all = new Set(codeKeys);
  const isParent = (key) => codeKeys.some((k) => k.startsWith(`${key}.`) || k.startsWith(`${key}[].`));
  return {
    missing: codeKeys.filter((k) => !documented.has(k) && !isParent(k)),
    unknown: [...documented].filter((k) => !all.has(k)),
  };
}

/**
 * Keys named in any other table's `config.json` column (the widget attribute
 * table, …) that the code does not accept: `file:line: key` strings.
 */
export function unknownKeysInColumns(root, files, codeKeys) {
  const all = new Set(codeKeys);
  const problems = [];
  for (const rel of files) {
    for (const t of tables(fs.readFileSync(path.join(root, rel), 'utf8'))) {
      const col = t.header.findIndex((h) => /config\.json/.test(h) && /key/i.test(h));
      if (col < 0) continue;
      t.rows.forEach((row, i) => {
        for (const key of codeIn(row[col] ?? '')) if (!all.has(key)) problems.push(`${rel}:${t.rowLines[i]}: ${key}`);
      });
    }
  }
  return problems;
}
