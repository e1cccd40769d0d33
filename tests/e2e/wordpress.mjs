// A real WordPress (Debian's package) for tests and the bench: its own MariaDB on a
// unix socket, `php -S` on a free loopback port, demo content seeded through the
// REST API with an application password. Nothing is installed or started system-wide
// and nothing outside target/ and a temporary socket directory is written.
//
// The seeded database is cached in target/wordpress/seed-<hash>/, keyed by the seed
// (tests/wordpress/*, this file) and the WordPress, MariaDB and PHP versions: a cold
// start installs and seeds (about half a minute), a warm one copies the cache.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as seedContent from '../wordpress/content.mjs';
import { freePort } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const WP_DIR = path.join(root, 'tests/wordpress');
const WORK = path.join(root, 'target/wordpress');
const WP_CORE = '/usr/share/wordpress';

/** A failed step: its name, what it printed, and how to get the tools. */
class StepError extends Error {
  constructor(step, detail) {
    super(`WordPress harness: ${step} failed\n${String(detail).trim()}`);
  }
}
const tail = (file, n = 40) => {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
};

function checkTools() {
  const missing = [];
  for (const [what, ok] of [
    ['/usr/share/wordpress (Debian wordpress)', fs.existsSync(path.join(WP_CORE, 'wp-load.php'))],
    ['mariadbd', fs.existsSync('/usr/sbin/mariadbd')],
    ['mariadb-install-db', which('mariadb-install-db')],
    ['mariadb (client)', which('mariadb')],
    ['mariadb-dump', which('mariadb-dump')],
    ['php', which('php')],
  ]) if (!ok) missing.push(what);
  if (!missing.length) {
    const mods = spawnSync('php', ['-m'], { encoding: 'utf8' }).stdout.split('\n').map((s) => s.trim());
    for (const m of ['mysqli', 'gd']) if (!mods.includes(m)) missing.push(`php module ${m}`);
  }
  if (missing.length) throw new StepError('tool check', `missing: ${missing.join(', ')}\nrun scripts/tools.sh test (or make test-tools)`);
}
function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** The cache key: everything that decides what the seeded database holds. */
function seedKey() {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(WP_DIR).sort()) h.update(f).update(fs.readFileSync(path.join(WP_DIR, f)));
  h.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  h.update(fs.readFileSync(path.join(WP_CORE, 'wp-includes/version.php')));
  h.update(spawnSync('/usr/sbin/mariadbd', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  h.update(spawnSync('php', ['-v'], { encoding: 'utf8' }).stdout ?? '');
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Every server this module started and has not stopped: killed if this process
// exits or is interrupted first, so no mariadbd or php worker outlives a test run.
const live = new Set();
let guarded = false;
function track(kill) {
  live.add(kill);
  if (!guarded) {
    guarded = true;
    process.on('exit', () => { for (const k of live) k(); });
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(sig, () => { for (const k of live) k(); process.exit(128 + os.constants.signals[sig]); });
    }
  }
  return () => live.delete(kill);
}

/** Sends `signal` through `kill`, then SIGKILL if `proc` has not exited within `ms`. */
async function terminate(proc, kill, signal, ms) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const done = new Promise((r) => proc.once('exit', r));
  kill(signal);
  const timer = setTimeout(() => kill('SIGKILL'), ms);
  await done;
  clearTimeout(timer);
}

/** The docroot: Debian's WordPress as symlinks, our wp-config.php, a real wp-content. */
function makeDocroot(dir) {
  fs.mkdirSync(path.join(dir, 'wp-content/uploads'), { recursive: true });
  for (const name of fs.readdirSync(WP_CORE)) {
    if (name === 'wp-config.php' || name === 'wp-content') continue;
    fs.symlinkSync(path.join(WP_CORE, name), path.join(dir, name));
  }
  fs.symlinkSync(path.join(WP_DIR, 'wp-config.php'), path.join(dir, 'wp-config.php'));
}

const asRoot = process.getuid?.() === 0;
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };

/** Runs mariadbd on `datadir` with its socket in a fresh temporary directory. */
async function startMariaDb(datadir, logFile) {
  // A unix socket path is limited to ~100 bytes: keep it short, outside target/.
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziar-wp-'));
  const socket = path.join(sockDir, 'db.sock');
  const args = ['--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, '--skip-networking',
    `--pid-file=${path.join(sockDir, 'db.pid')}`, `--log-error=${logFile}`, ...DB_TUNING];
  if (asRoot) args.push('--user=root');
  const proc = spawn('/usr/sbin/mariadbd', args, { stdio: 'ignore' });
  const kill = (sig = 'SIGKILL') => { try { proc.kill(sig); } catch {} };
  const untrack = track(() => { kill(); fs.rmSync(sockDir, { recursive: true, force: true }); });
  let exited = null;
  proc.on('exit', (code, sig) => { exited = `exited with ${code ?? sig}`; });
  const until = Date.now() + 30000;
  for (;;) {
    if (exited) {
      untrack();
      throw new StepError('starting mariadbd', `${exited}\n${tail(logFile)}`);
    }
    if (fs.existsSync(socket) && spawnSync('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'], { encoding: 'utf8' }).status === 0) break;
    if (Date.now() > until) { kill(); untrack(); throw new StepError('starting mariadbd', `not ready within 30 s\n${tail(logFile)}`); }
    await sleep(50);
  }
  const stop = async () => {
    await terminate(proc, kill, 'SIGTERM', 20000); // a clean shutdown: the data dir can be copied afterwards
    untrack();
    fs.rmSync(sockDir, { recursive: true, force: true });
  };
  return { socket, proc, stop };
}
// Small and fast: a test database of a few MB, never reused after a crash.
const DB_TUNING = ['--innodb-log-file-size=8M', '--innodb-buffer-pool-size=32M', '--innodb-flush-log-at-trx-commit=0',
  '--skip-log-bin', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci'];

/** Runs `query` (or the script `input`) with the mariadb client; throws naming `step`. */
function sql(socket, query, { input, step = 'SQL', database = 'wordpress' } = {}) {
  const args = ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names'];
  if (query) args.push('-e', query);
  if (database) args.push(database);
  const r = spawnSync('mariadb', args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new StepError(step, `${query ?? '(script)'}\n${r.stderr}`);
  return r.stdout;
}

/** `php -S` on the docroot through tests/wordpress/router.php. */
async function startPhp(docroot, env, logFile, { gzip = false } = {}) {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const args = ['-d', 'display_errors=0', '-d', 'log_errors=1', '-d', `error_log=${logFile}`, '-d', 'memory_limit=256M',
      '-d', 'opcache.enable_cli=1', '-d', 'upload_max_filesize=16M', '-d', 'post_max_size=16M', '-d', `zlib.output_compression=${gzip ? 1 : 0}`,
      '-S', `127.0.0.1:${port}`, '-t', docroot, path.join(WP_DIR, 'router.php')];
    const out = fs.openSync(logFile, 'a');
    // Workers: the app's home, sidebar and image requests run in parallel.
    // Its own process group: the workers do not die with their parent, so stopping
    // signals the whole group.
    const proc = spawn('php', args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env, ZIAR_WP_URL: url, PHP_CLI_SERVER_WORKERS: '4' } });
    fs.closeSync(out);
    const kill = (sig = 'SIGKILL') => { try { process.kill(-proc.pid, sig); } catch {} };
    const untrack = track(kill);
    let exited = null;
    proc.on('exit', (code, sig) => { exited = `exited with ${code ?? sig}`; });
    const until = Date.now() + 20000;
    let last = '';
    while (!exited && Date.now() < until) {
      try {
        const r = await fetch(`${url}/wp-json/`);
        if (r.ok) {
          const stop = async () => {
            await terminate(proc, kill, 'SIGTERM', 5000);
            kill(); // any worker still there
            untrack();
          };
          return { url, proc, kill, stop };
        }
        last = `GET /wp-json/: HTTP ${r.status} ${(await r.text()).slice(0, 500)}`;
      } catch (e) { last = e.message; }
      await sleep(100);
    }
    kill();
    untrack();
    // Another process took the port between freePort() and php's bind: try another.
    if (exited && attempt < 3 && /Address already in use|Failed to listen/.test(tail(logFile, 5))) continue;
    throw new StepError('starting php -S', `${exited ?? 'no answer within 20 s'}; last: ${last}\n${tail(logFile)}`);
  }
}

/** A REST client with the application password. */
function restClient(url, creds) {
  const auth = 'Basic ' + Buffer.from(`${creds.user}:${creds.password}`).toString('base64');
  const api = `${url}/wp-json/wp/v2/`;
  return async function rest(method, route, body, { headers = {}, step } = {}) {
    const isBuf = Buffer.isBuffer(body);
    const r = await fetch(api + route, {
      method,
      headers: { authorization: auth, ...(body && !isBuf ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body == null ? undefined : isBuf ? body : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new StepError(step ?? `${method} ${route}`, `HTTP ${r.status}: ${text.slice(0, 2000)}`);
    return JSON.parse(text);
  };
}

/** WordPress wants `date_gmt` without a zone: UTC, seconds. */
const wpDate = (ms) => new Date(ms).toISOString().slice(0, 19);
const HOUR = 3600_000;
/** The newest seeded post is this old whenever the site starts or is reset. */
const NEWEST_AGE_MS = 10 * 60_000;

/** Installs WordPress into a fresh database and seeds it through REST; leaves the
 *  result (data dir, uploads, SQL dump, seed.json) in `cacheDir`. */
async function buildSeed(cacheDir) {
  const build = `${cacheDir}.tmp-${process.pid}`;
  fs.rmSync(build, { recursive: true, force: true });
  fs.mkdirSync(build, { recursive: true });
  const logs = { db: path.join(build, 'mariadbd.log'), php: path.join(build, 'php.log') };
  const r = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${path.join(build, 'db')}`, '--auth-root-authentication-method=normal',
    '--skip-test-db', ...(asRoot ? ['--user=root'] : []), ...DB_TUNING], { encoding: 'utf8' });
  if (r.status !== 0) throw new StepError('mariadb-install-db', r.stdout + r.stderr);
  const db = await startMariaDb(path.join(build, 'db'), logs.db);
  let php;
  try {
    sql(db.socket, 'CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', { step: 'creating the database', database: null });
    const docroot = path.join(build, 'root');
    makeDocroot(docroot);
    const env = { ZIAR_WP_ROOT: docroot, ZIAR_WP_DB_SOCKET: db.socket };
    php = await startPhp(docroot, env, logs.php);
    const inst = spawnSync('php', ['-d', 'display_errors=stderr', '-d', 'error_reporting=E_ALL & ~E_DEPRECATED', path.join(WP_DIR, 'install.php')],
      { encoding: 'utf8', env: { ...process.env, ...env, ZIAR_WP_URL: php.url } });
    if (inst.status !== 0) throw new StepError('install.php (wp_install, permalinks, application password)', inst.stdout + inst.stderr);
    const creds = JSON.parse(inst.stdout.trim().split('\n').pop());
    const seed = await seedThroughRest(php.url, creds, build);
    const dump = spawnSync('mariadb-dump', ['--no-defaults', `--socket=${db.socket}`, '-uroot', '--skip-dump-date', '--single-transaction', 'wordpress'],
      { encoding: 'utf8', maxBuffer: 256 << 20 });
    if (dump.status !== 0) throw new StepError('mariadb-dump', dump.stderr);
    fs.writeFileSync(path.join(build, 'seed.sql'), dump.stdout);
    fs.writeFileSync(path.join(build, 'seed.json'), JSON.stringify({ creds, ...seed }, null, 2));
    await php.stop();
    php = null;
    await db.stop();
    fs.renameSync(path.join(docroot, 'wp-content/uploads'), path.join(build, 'uploads'));
    fs.rmSync(docroot, { recursive: true });
  } catch (e) {
    await php?.stop();
    await db.stop();
    e.message += `\n(the failed seed's logs and data are in ${build} until the next start)`;
    throw e;
  }
  try {
    fs.renameSync(build, cacheDir);
  } catch (e) {
    // Another process seeded the same key meanwhile: use theirs.
    fs.rmSync(build, { recursive: true, force: true });
    if (!fs.existsSync(path.join(cacheDir, 'seed.json'))) throw e;
  }
  // Older seeds (another key) are dead weight.
  for (const d of fs.readdirSync(WORK)) {
    if (d.startsWith('seed-') && !d.includes('.tmp-') && path.join(WORK, d) !== cacheDir) fs.rmSync(path.join(WORK, d), { recursive: true, force: true });
  }
}

async function seedThroughRest(url, creds, build) {
  const rest = restClient(url, creds);
  // Categories.
  const categories = [];
  for (const c of seedContent.categories) {
    const made = await rest('POST', 'categories', c, { step: `seeding category ${c.slug}` });
    categories.push({ id: made.id, slug: made.slug, name: c.name });
  }
  // Authors: users with display names.
  const authors = [];
  for (const a of seedContent.authors) {
    const made = await rest('POST', 'users', {
      username: a.username, name: a.name, slug: a.slug, email: `${a.username}@example.test`,
      password: crypto.randomBytes(12).toString('hex'), roles: ['author'],
    }, { step: `seeding author ${a.slug}` });
    authors.push({ id: made.id, slug: made.slug, name: made.name });
  }
  // Featured images: drawn with GD, uploaded as media with alt text.
  const imgDir = path.join(build, 'images');
  fs.mkdirSync(imgDir);
  const media = [];
  for (const [i, im] of seedContent.images.entries()) {
    const file = path.join(imgDir, im.file);
    const g = spawnSync('php', [path.join(WP_DIR, 'image.php'), file, String(im.size[0]), String(im.size[1]), im.colors[0], im.colors[1], String(i + 1)], { encoding: 'utf8' });
    if (g.status !== 0) throw new StepError(`drawing ${im.file}`, g.stdout + g.stderr);
    const type = im.file.endsWith('.png') ? 'image/png' : 'image/jpeg';
    const made = await rest('POST', `media?alt_text=${encodeURIComponent(im.alt)}`, fs.readFileSync(file), {
      headers: { 'content-type': type, 'content-disposition': `attachment; filename="${im.file}"` },
      step: `uploading ${im.file}`,
    });
    media.push({ id: made.id, alt: im.alt, url: made.source_url });
  }
  fs.rmSync(imgDir, { recursive: true });
  // Posts, newest first, 2 h 10 min apart.
  const seededAt = Date.now();
  const posts = [];
  for (const [i, p] of seedContent.posts.entries()) {
    const made = await rest('POST', 'posts', {
      title: p.title, slug: p.slug, content: p.content, status: 'publish',
      date_gmt: wpDate(seededAt - NEWEST_AGE_MS - i * (2 * HOUR + 10 * 60_000)),
      categories: [categories.find((c) => c.slug === p.category).id],
      ...(p.author != null ? { author: authors[p.author].id } : {}),
      ...(p.image != null ? { featured_media: media[p.image].id } : {}),
    }, { step: `seeding post ${p.slug}` });
    posts.push({ id: made.id, slug: made.slug, title: p.title, category: p.category, author: p.author == null ? null : authors[p.author].slug, image: p.image == null ? null : media[p.image] });
  }
  // Loud if WordPress did not keep what was sent.
  const check = await (await fetch(`${url}/wp-json/wp/v2/posts?per_page=100&_fields=id`)).json();
  if (check.length !== posts.length) throw new StepError('checking the seed', `${check.length} published posts, expected ${posts.length}`);
  return { seededAt, categories, authors, media, posts };
}

/**
 * Starts a seeded WordPress; resolves with
 * `{ url, api, authors, categories, posts, rest, publish, edit, trash, reset, stop, timings }`.
 * `gzip` turns on PHP's output compression (zlib.output_compression) for clients
 * that accept it. Throws a `StepError` naming the failed step, with its output.
 */
export async function startWordPress({ gzip = false } = {}) {
  const t0 = Date.now();
  checkTools();
  fs.mkdirSync(WORK, { recursive: true });
  // Runs and seed builds left by a killed or failed process (its pid gone) are dead weight.
  for (const d of fs.readdirSync(WORK)) {
    const pid = Number((/^run-(\d+)-/.exec(d) ?? /^seed-\w+\.tmp-(\d+)$/.exec(d))?.[1]);
    if (pid && !alive(pid)) fs.rmSync(path.join(WORK, d), { recursive: true, force: true });
  }
  const cacheDir = path.join(WORK, `seed-${seedKey()}`);
  const cold = !fs.existsSync(path.join(cacheDir, 'seed.json'));
  if (cold) await buildSeed(cacheDir);
  const tSeed = Date.now();
  const seed = JSON.parse(fs.readFileSync(path.join(cacheDir, 'seed.json'), 'utf8'));

  const run = fs.mkdtempSync(path.join(WORK, `run-${process.pid}-`));
  const logs = { db: path.join(run, 'mariadbd.log'), php: path.join(run, 'php.log') };
  fs.cpSync(path.join(cacheDir, 'db'), path.join(run, 'db'), { recursive: true });
  const docroot = path.join(run, 'root');
  makeDocroot(docroot);
  fs.cpSync(path.join(cacheDir, 'uploads'), path.join(docroot, 'wp-content/uploads'), { recursive: true });
  let db; let php;
  try {
    db = await startMariaDb(path.join(run, 'db'), logs.db);
    php = await startPhp(docroot, { ZIAR_WP_ROOT: docroot, ZIAR_WP_DB_SOCKET: db.socket }, logs.php, { gzip });
  } catch (e) {
    await db?.stop();
    throw e;
  }
  const { url } = php;
  const rest = restClient(url, seed.creds);

  /** Moves every date so the newest seeded post is NEWEST_AGE_MS old now. */
  const shiftDates = () => {
    const s = Math.round((Date.now() - seed.seededAt) / 1000);
    sql(db.socket, `UPDATE wp_posts SET post_date = post_date + INTERVAL ${s} SECOND, post_date_gmt = post_date_gmt + INTERVAL ${s} SECOND,
      post_modified = post_modified + INTERVAL ${s} SECOND, post_modified_gmt = post_modified_gmt + INTERVAL ${s} SECOND
      WHERE post_date_gmt > '1970-01-01'`, { step: 'shifting the seeded dates to now' });
  };
  shiftDates();

  const wp = {
    url,
    /** The REST base the app's config.json names. */
    api: `${url}/wp-json/wp/v2/`,
    cold,
    /** `{ id, slug, name }` per seeded author (the slug is the author page's, `/autor/<slug>`). */
    authors: seed.authors,
    categories: seed.categories,
    /** The seeded posts, newest first: `{ id, slug, title, category, author, image }`. */
    posts: seed.posts,
    media: seed.media,
    /** An authenticated REST call: `rest('POST', 'posts/5', { title })`. */
    rest,
    /** Publishes a post now; resolves with WordPress's answer (`id`, `slug`, ...). */
    publish: ({ title, content = '<p>Text de test.</p>', category, ...rest2 } = {}) => rest('POST', 'posts', {
      title, content, status: 'publish',
      ...(category ? { categories: [seed.categories.find((c) => c.slug === category).id] } : {}),
      ...rest2,
    }),
    /** Edits a post's fields (`title`, `content`, ...). */
    edit: (id, fields) => rest('POST', `posts/${id}`, fields),
    /** Moves a post to the trash (what the editor's "Move to Trash" does). */
    trash: (id) => rest('DELETE', `posts/${id}`),
    /** Back to the seed: the database reloaded from its dump, dates shifted to now. */
    reset: () => {
      sql(db.socket, null, { input: fs.readFileSync(path.join(cacheDir, 'seed.sql'), 'utf8'), step: 'reloading the seed dump' });
      shiftDates();
    },
    logs,
    timings: { cold, seed_ms: tSeed - t0, start_ms: Date.now() - tSeed, total_ms: Date.now() - t0 },
    async stop() {
      await php.stop();
      await db.stop();
      if (!process.env.ZIAR_WP_KEEP) fs.rmSync(run, { recursive: true, force: true });
    },
  };
  return wp;
}

/**
 * Serves `dist` (the release app) on a free loopback port with its own
 * config.json (the repo's, with `config` merged in), deep links falling back to
 * index.html, and the strict CSP of deploy/nginx.conf allowing `apiOrigins`.
 */
export async function serveApp(dist, config, { apiOrigins = [] } = {}) {
  const base = JSON.parse(fs.readFileSync(path.join(root, 'config.json'), 'utf8'));
  const cfg = JSON.stringify({ ...base, ...config });
  const origins = apiOrigins.join(' ');
  const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' ${origins} data:; connect-src 'self' ${origins}; object-src 'none'; base-uri 'self'`;
  const types = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', wasm: 'application/wasm', css: 'text/css; charset=utf-8', json: 'application/json' };
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p === '/config.json') { res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(cfg); return; }
    let file = path.join(dist, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
    const type = types[path.extname(file).slice(1)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-security-policy': csp, 'cache-control': 'no-cache' }).end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
