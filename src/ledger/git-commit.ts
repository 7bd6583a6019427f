// Committing exactly a change's paths with the clerk as author, through git's plumbing:
// only the trees on the changed paths are read, edited in memory and written back. The raw
// tree editing is in git-tree.ts, the handling of git's index.lock in git-index-lock.ts;
// what is written without a git process: git-objects.ts (objects), git-index.ts (the
// index), git-ref.ts (HEAD), git-read.ts (HEAD's trees), git-config.ts (the config).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { withLock } from './lock.js';
import { cleanAfterDeadCommitter } from './gitlocks.js';
import { objectId, RawTree, TREE, type Entry } from './git-tree.js';
import { configBool, configValue, readGitConfig, type GitConfig } from './git-config.js';
import { commitBody, objectStore, plainBlobs, plainIdent, plainTimezone, tzOffset, writeObject, type Ident, type ObjectStore } from './git-objects.js';
import { editIndex } from './git-index.js';
import { RefMoved, updateHead } from './git-ref.js';
import { readHeadGit, readHeadLoose } from './git-read.js';
import { retryOnIndexLock, withIndexLock } from './git-index-lock.js';
import { shanghaiISO } from '../domain/time.js';

/**
 * Commits exactly `paths` (added, changed or removed: a path missing on disk is a deletion)
 * with the clerk as author, on the current branch. The committer is git's configured
 * identity, or the clerk when the machine has none. No empty commit when the paths already
 * match HEAD. Afterwards the user's index shows these paths as committed; the user's other
 * staged changes stay staged and out of the commit. If any step fails, HEAD is unchanged.
 *
 * Plumbing, not `git add` + `git commit --only`, which refresh (stat) the whole work tree
 * and read/write the whole index several times (1.1–2.2 s at 100,000 files). What a commit
 * of one new case costs at 100,000 tracked files (three year folders of ~33,000 cases, a
 * 1.6 MB year tree, a 9.6 MB index), medians of 9–11 interleaved runs on the shared 2-core
 * machine: with a git process per step (config, cat-file, hash-object for blobs, hash-object
 * -t tree, commit-tree, update-index, update-ref: seven, ~10–20 ms each to start)
 * commitPaths alone took 220–235 ms at load ~3 and 178 ms at load ~2; now 140–145 and 106 ms.
 * `visit add` went 0.62 → 0.54 s (CPU 0.58 → 0.52) at load ~3, 0.55 → 0.48 s (CPU 0.51 →
 * 0.44) at load ~2. Where git would write exactly the same bytes, this process does it:
 * - git config: read once per process with all keys (git-config.ts, ~8 ms); the clerk's
 *   name in cli/context.ts comes from the same read.
 * - HEAD and the trees on the changed paths: read from .git when they are loose objects
 *   (git-read.ts: after xinfang's own last commit, until git packs them), else one
 *   `cat-file --batch`: ~15 against ~20 ms, as most of either is inflating the 1.6 MB year
 *   tree (~10 ms). The trees are edited as bytes (git-tree.ts, ~5 ms).
 * - blobs, trees and the commit: written as loose objects (git-objects.ts); the deflate of
 *   the changed 33,000-entry tree is ~20–25 ms of it (zlib level 1, core.looseCompression).
 *   Blobs go to `hash-object --stdin-paths` when attributes or core.autocrlf may convert
 *   them; the commit to `commit-tree` when signing, a committer from the environment or
 *   committer.* config, a non-UTF-8 encoding, or a name git would clean up.
 * - the index: edited here (git-index.ts, ~20–30 ms including reading and writing 10 MB;
 *   `update-index --index-info` took 60–100 ms) unless it is format 4, split, sparse, has
 *   fsmonitor data or a conflict on the paths: then update-index.
 * - HEAD: moved with git's own lock-file protocol (git-ref.ts, ~2 ms) unless a
 *   reference-transaction hook, a first commit, or no configured identity: then update-ref.
 * Not chosen: a temporary index (`read-tree HEAD` alone ~130 ms), `git mktree` per folder
 * (~45 ms for one year folder, plus an `ls-tree` per level), parsing trees into JS objects
 * and re-sorting them (~150 ms per year folder), reading packed objects here (only the first
 * commit after a gc or a pull reads from a pack, and cat-file costs ~5 ms more than reading
 * loose objects here), caching git config across processes
 * (~8 ms; includes, conditional includes and the system file's place make it hard to know
 * when it is stale), a split index (update-index then ~30–40 ms instead of 75–105, but
 * tools built on libgit2 cannot read it). What remains is zlib for the changed year tree and
 * reading, hashing and writing the 10 MB index; both grow with the ledger.
 * The real index is updated on a copy while we hold `index.lock`, and moved into place only
 * after HEAD moved (compare-and-swap), so index and HEAD change together or not at all.
 */
export function commitPaths(root: string, paths: string[], message: string, clerk: string, when: Date): void {
  if (paths.length === 0) return;
  const rels = [...new Set(paths.map((p) => repoPath(root, p)))];
  const cfg = commitConfig(root);
  const email = cfg.email || 'clerk@xinfang.local';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: clerk,
    GIT_AUTHOR_EMAIL: email,
    // In +08:00 so that `git log` shows the office's own time on any machine.
    GIT_AUTHOR_DATE: shanghaiISO(when),
  };
  if (!cfg.name) env.GIT_COMMITTER_NAME = clerk;
  if (!cfg.email) env.GIT_COMMITTER_EMAIL = email;
  const text = cleanMessage(message);
  const who: Who = { author: { name: clerk, email, time: Math.floor(when.getTime() / 1000), tz: '+0800' }, committer: { name: cfg.name || clerk, email } };
  // git's index is one file: two xinfang processes committing at once take turns. Another
  // git process (the clerk's own git) may still commit in between: then we start again on
  // top of its commit, which update-ref's compare-and-swap never overwrites.
  const committed = withLock(root, 'git', () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return commitLocked(root, rels, text, env, cfg, who);
      } catch (e) {
        if (!(e instanceof StaleHead)) throw e;
        if (attempt >= 5) throw new Error(`另一个 git 进程一直在同时提交，${attempt} 次都未能提交（${e.message}），请稍后重试`);
      }
    }
    // A committer killed mid-commit leaves git's lock files: see gitlocks.ts for what is removed.
  }, undefined, { onStale: (s) => cleanAfterDeadCommitter(root, s) });
  // What `git commit` does after committing: pack loose objects when there are many (each
  // commit writes its year folder's tree, ~1 MB at 20,000 cases). The check takes ~5 ms;
  // a gc it starts goes on in the background (gc.autoDetach). Its failure is not ours.
  if (committed && manyLooseObjects(root)) spawnSync('git', ['maintenance', 'run', '--auto', '--quiet'], { cwd: root, stdio: 'ignore', windowsHide: true });
}

/** git's own estimate (gc --auto): objects/17 holds 1/256 of the loose objects; gc.auto is 6,700 by default. */
function manyLooseObjects(root: string): boolean {
  const dotgit = join(root, '.git');
  if (!statSync(dotgit, { throwIfNoEntry: false })?.isDirectory()) return true; // let git count
  try {
    return readdirSync(join(dotgit, 'objects', '17')).length > 6_700 / 256 / 2;
  } catch {
    return false;
  }
}

// ---- the plumbing behind commitPaths -------------------------------------------------

const BIG = 1 << 30; // maxBuffer: a tree of 20,000 cases is ~1 MB of output

function run(root: string, args: string[], input?: string | Buffer, env?: NodeJS.ProcessEnv): Buffer {
  return execFileSync('git', args, { cwd: root, input, env: env ?? process.env, maxBuffer: BIG, stdio: ['pipe', 'pipe', 'pipe'] });
}

const bytes = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
const parentOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** `p` relative to the work tree, with '/' separators; refuses anything outside it. */
function repoPath(root: string, p: string): string {
  let rel = isAbsolute(p) ? relative(resolve(root), p) : p;
  if (sep === '\\') rel = rel.replace(/\\/g, '/');
  rel = posix.normalize(rel).replace(/\/+$/, '');
  if (!rel || rel === '.' || rel.startsWith('../') || rel === '..' || rel.startsWith('/') || /[\n\0]/.test(rel) || rel.split('/').some((c) => c.toLowerCase() === '.git')) {
    throw new Error(`commitPaths：路径不在台账内或无效：${p}`);
  }
  return rel;
}

interface CommitConfig {
  name: string;
  email: string;
  fileMode: boolean;
  sign: boolean;
  /** Everything git's config says (git-config.ts). */
  all: GitConfig;
}

/** user.name, user.email, core.filemode and commit.gpgsign, from the config read once per process. */
function commitConfig(root: string): CommitConfig {
  const all = readGitConfig(root);
  return {
    name: configValue(all, 'user.name')?.trim() ?? '',
    email: configValue(all, 'user.email')?.trim() ?? '',
    fileMode: configBool(all, 'core.filemode') ?? true,
    sign: configBool(all, 'commit.gpgsign') ?? false,
    all,
  };
}

/** What `git commit -m` does to a message (cleanup=whitespace); an empty one is refused. */
function cleanMessage(m: string): string {
  const lines = m.split('\n').map((l) => l.replace(/[ \t\r\v\f]+$/, ''));
  const kept: string[] = [];
  for (const l of lines) if (l || (kept.length && kept[kept.length - 1])) kept.push(l);
  while (kept.length && !kept[kept.length - 1]) kept.pop();
  if (!kept.length) throw new Error('commitPaths：提交说明为空');
  return kept.join('\n') + '\n';
}

/** The index file git uses for `root`: .git/index unless the repository is laid out otherwise. */
function indexFile(root: string): string {
  const dotgit = join(root, '.git');
  if (!process.env.GIT_DIR && !process.env.GIT_INDEX_FILE && !process.env.GIT_WORK_TREE && statSync(dotgit, { throwIfNoEntry: false })?.isDirectory()) {
    return join(dotgit, 'index');
  }
  return resolve(root, run(root, ['rev-parse', '--git-path', 'index']).toString('utf8').trim());
}

/** HEAD moved under us (another git process committed): start again from the new HEAD. */
class StaleHead extends Error {}

const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');


/** Returns whether it made a commit. */
function commitLocked(root: string, rels: string[], message: string, env: NodeJS.ProcessEnv, cfg: CommitConfig, who: Who): boolean {
  // Every folder on the way to a path, deepest first; in latin1 (one char per byte) like
  // tree entries, so that JS string order is git's byte order.
  const paths = rels.map(bytes);
  const dirSet = new Set<string>(['']);
  for (const p of paths) for (let d = parentOf(p); d; d = parentOf(d)) dirSet.add(d);
  const depth = (d: string) => (d ? d.split('/').length : 0);
  const dirs = [...dirSet].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1));
  const format = configValue(cfg.all, 'extensions.objectFormat')?.trim().toLowerCase() === 'sha256' ? 64 : 40;
  const store = objectStore(root, cfg.all, format);
  // Loose (after xinfang's own last commit) without git, else one cat-file.
  const head = (store && readHeadLoose(root, store, dirs)) || readHeadGit(root, dirs);
  if (!head) throw new StaleHead('HEAD moved while reading it');
  if (head.commit && head.commit.length !== format) throw new Error(`commitPaths：HEAD 的编号长度与仓库的对象格式不符（${head.commit}）`);

  // The new content of each path: a blob from the work tree, or undefined (deleted).
  const next = new Map<string, Entry | undefined>();
  const files: string[] = [];
  for (const p of paths) {
    const before = head.trees.get(parentOf(p))?.get(baseOf(p));
    if (before?.mode === TREE || before?.mode === '160000') throw new Error(`commitPaths：${utf8(p)} 在 HEAD 中是文件夹或子模块`);
    const st = lstatSync(join(root, utf8(p)), { throwIfNoEntry: false });
    if (!st) next.set(p, undefined);
    else if (st.isSymbolicLink()) {
      // A symbolic link is stored as a blob holding its target.
      const target = readlinkSync(join(root, utf8(p)), { encoding: 'buffer' });
      const oid = store ? writeObject(store, 'blob', target) : run(root, ['hash-object', '-w', '--no-filters', '--stdin'], target).toString('latin1').trim();
      next.set(p, { mode: '120000', oid });
    } else if (st.isFile()) {
      const exec = cfg.fileMode ? (st.mode & 0o100) !== 0 : before?.mode === '100755';
      next.set(p, { mode: exec ? '100755' : '100644', oid: '' });
      files.push(p);
    } else throw new Error(`commitPaths：${utf8(p)} 不是文件`);
  }
  // Blobs as `git add` makes them (clean filters, eol conversion by path): one process.
  const attrsInHead = (dir: string) => head.trees.get(bytes(dir))?.get('.gitattributes') !== undefined;
  if (files.length && store && plainBlobs(root, cfg.all, files.map((p) => utf8(parentOf(p))), attrsInHead)) {
    for (const p of files) next.get(p)!.oid = writeObject(store, 'blob', readFileSync(join(root, utf8(p))));
  } else if (files.length) {
    const oids = run(root, ['hash-object', '-w', '--stdin-paths'], files.map((p) => utf8(p) + '\n').join('')).toString('latin1').trim().split('\n');
    files.forEach((p, i) => (next.get(p)!.oid = oids[i]!));
  }
  const hexLen = head.commit.length || [...next.values()].find((e) => e)?.oid.length || 40;

  // New trees, deepest first: edit the raw tree, hash it, hook it into the parent.
  const edits = new Map<string, Map<string, Entry | undefined>>();
  const edit = (d: string, name: string, e: Entry | undefined) => (edits.get(d) ?? edits.set(d, new Map()).get(d)!).set(name, e);
  for (const [p, e] of next) edit(parentOf(p), baseOf(p), e);
  const toWrite: Buffer[] = [];
  const written: string[] = [];
  let rootTree = '';
  for (const d of dirs) {
    const before = head.trees.get(d) ?? new RawTree(Buffer.alloc(0), hexLen / 2);
    const body = edits.has(d) ? before.edit(edits.get(d)!) : before.body;
    if (d !== '' && body.length === 0) {
      edit(parentOf(d), baseOf(d), undefined); // git keeps no empty folders
      continue;
    }
    const oid = head.oids.has(d) && body.equals(before.body) ? head.oids.get(d)! : objectId('tree', body, hexLen);
    if (oid !== head.oids.get(d)) {
      toWrite.push(body);
      written.push(oid);
    }
    if (d === '') rootTree = oid;
    else edit(parentOf(d), baseOf(d), { mode: TREE, oid });
  }

  const changed = rootTree !== (head.oids.get('') ?? objectId('tree', Buffer.alloc(0), hexLen));
  let commit = '';
  if (changed) {
    writeTrees(root, store, toWrite, written);
    const now = Date.now();
    const committer = { ...who.committer, time: Math.floor(now / 1000), tz: tzOffset(-new Date(now).getTimezoneOffset()) };
    if (store && plainCommit(cfg, who)) {
      commit = writeObject(store, 'commit', commitBody(rootTree, head.commit ? [head.commit] : [], who.author, committer, message));
    } else {
      const parents = head.commit ? ['-p', head.commit] : [];
      // commit-tree ignores commit.gpgSign (it is plumbing); `git commit` honoured it.
      commit = run(root, ['commit-tree', ...(cfg.sign ? ['-S'] : []), rootTree, ...parents, '-F', '-'], message, env).toString('latin1').trim();
    }
  }

  // The user's index: these paths as committed (stage 0 replaces any conflict), on a copy
  // made while we hold index.lock; HEAD moves (compare-and-swap), then the copy becomes the index.
  const zero = '0'.repeat(hexLen);
  const indexEdits = paths.map((p) => ({ path: p, entry: next.get(p) }));
  const info = Buffer.from(
    paths
      .map((p) => {
        const e = next.get(p);
        return e ? `${e.mode} ${e.oid}\t${p}\0` : `0 ${zero}\t${p}\0`;
      })
      .join(''),
    'latin1',
  );
  const index = indexFile(root);
  retryOnIndexLock(root, () =>
    withIndexLock(index, (copy) => {
      // The same change as update-index, made here where git-index.ts can (see there).
      const st = store && statSync(index, { throwIfNoEntry: false });
      const edited = st ? editIndex(readFileSync(copy), Math.floor(st.mtimeMs / 1000), indexEdits, hexLen) : undefined;
      if (edited) writeNewFile(copy, edited, fsyncIndex(cfg.all));
      else run(root, ['update-index', '-z', '--index-info'], info, { ...process.env, GIT_INDEX_FILE: copy });
      if (!changed) return;
      const subject = message.split('\n')[0];
      const reflog = `commit${head.commit ? '' : ' (initial)'}: ${subject}`;
      try {
        const here = store && cfg.name && cfg.email && plainCommit(cfg, who);
        if (!(here && updateHead(root, cfg.all, commit, head.commit, reflog, { name: cfg.name, email: cfg.email }))) {
          run(root, ['update-ref', '-m', reflog, 'HEAD', commit, head.commit || zero]);
        }
      } catch (e) {
        if (e instanceof RefMoved) throw new StaleHead(e.message);
        // "is at X but expected Y", "reference already exists", or its ref lock is taken.
        const msg = String((e as { stderr?: unknown }).stderr ?? '');
        if (/but expected|already exists|cannot lock ref/.test(msg)) throw new StaleHead(msg.trim());
        throw e;
      }
    }),
  );
  return changed;
}

/** Writes the new trees (here, or with one `hash-object -t tree`) and checks the ids agree. */
function writeTrees(root: string, store: ObjectStore | undefined, bodies: Buffer[], oids: string[]): void {
  if (!bodies.length) return;
  if (store) {
    bodies.forEach((b, i) => writeObject(store, 'tree', b, oids[i])); // ids hashed by commitLocked
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-tree-'));
  try {
    const files = bodies.map((b, i) => {
      const f = join(dir, String(i));
      writeFileSync(f, b);
      return f;
    });
    const got = run(root, ['hash-object', '-w', '-t', 'tree', '--stdin-paths'], files.join('\n') + '\n').toString('latin1').trim().split('\n');
    if (got.join() !== oids.join()) throw new Error(`commitPaths：树对象编号不一致（${got.join()} ≠ ${oids.join()}）`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Who {
  /** The clerk, at the change's time in +08:00. */
  author: Ident;
  /** git's identity (or the clerk); the time is when the commit is made. */
  committer: { name: string; email: string };
}

/**
 * Whether `git commit-tree` would write exactly commitBody(): no signing, no committer from
 * the environment or committer.* config, UTF-8 messages, names and emails git keeps as they
 * are, a time zone read alike. Otherwise commit-tree makes the commit.
 */
function plainCommit(cfg: CommitConfig, who: Who): boolean {
  const env = process.env;
  if (cfg.sign || env.GIT_COMMITTER_NAME !== undefined || env.GIT_COMMITTER_EMAIL !== undefined || env.GIT_COMMITTER_DATE !== undefined) return false;
  if (!plainTimezone()) return false;
  if (configValue(cfg.all, 'committer.name') !== undefined || configValue(cfg.all, 'committer.email') !== undefined) return false;
  const enc = configValue(cfg.all, 'i18n.commitEncoding');
  if (enc !== undefined && !/^utf-?8$/i.test(enc.trim())) return false;
  return [who.author.name, who.author.email, who.committer.name, who.committer.email].every(plainIdent);
}

/** core.fsync asks for the index to be flushed to disk (git's default does not). */
function fsyncIndex(cfg: GitConfig): boolean {
  const v = configValue(cfg, 'core.fsync');
  return v !== undefined && /(^|,)\s*(index|added|all)\s*(,|$)/.test(v);
}

/** `path` (a hard link to the index: never written through) replaced by a new file of `parts`. */
function writeNewFile(path: string, parts: Buffer[], sync: boolean): void {
  rmSync(path, { force: true });
  const fd = openSync(path, 'wx', 0o666);
  try {
    for (const p of parts) for (let at = 0; at < p.length; ) at += writeSync(fd, p, at, p.length - at);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
