// Loose git objects written by xinfang itself for commitPaths (git-commit.ts), instead of a
// `git hash-object` or `git commit-tree` process (~10–15 ms each to start on an office PC):
// "<type> <size>\0<body>", deflated, in objects/xx/<rest of the id>, written to a temporary
// file in that folder and linked to its name, read-only, as git's own write_loose_object
// does. Only where the result is certainly what git would write; otherwise (see the `…Fast`
// checks below) git-commit.ts lets git do it, as before.
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { objectId } from './git-tree.js';
import { configBool, configValue, type GitConfig } from './git-config.js';

export interface ObjectStore {
  /** .git/objects */
  dir: string;
  hexLen: number;
  /** zlib level for loose objects: core.looseCompression, else core.compression, else 1 (git's default). */
  level: number;
  /** core.fsync / core.fsyncObjectFiles ask for loose objects to be flushed to disk. */
  fsync: boolean;
}

/**
 * Where xinfang may write loose objects itself: a plain `.git` folder, no GIT_DIR or
 * GIT_OBJECT_DIRECTORY in the environment, no core.sharedRepository (group permissions),
 * no repository extensions other than the object format. Otherwise undefined: use git.
 */
export function objectStore(root: string, cfg: GitConfig, hexLen: number): ObjectStore | undefined {
  const env = process.env;
  if (env.GIT_DIR || env.GIT_OBJECT_DIRECTORY || env.GIT_ALTERNATE_OBJECT_DIRECTORIES || env.GIT_QUARANTINE_PATH) return undefined;
  const dotgit = join(root, '.git');
  if (!statSync(dotgit, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const shared = configValue(cfg, 'core.sharedRepository');
  if (shared !== undefined && !/^(false|umask|no|off|0)$/i.test(shared.trim())) return undefined;
  for (const k of cfg.keys()) if (k.startsWith('extensions.') && k !== 'extensions.objectformat') return undefined;
  const levelOf = (k: string) => {
    const v = configValue(cfg, k);
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= -1 && n <= 9 ? (n === -1 ? 6 : n) : NaN;
  };
  const level = levelOf('core.looseCompression') ?? levelOf('core.compression') ?? 1;
  if (Number.isNaN(level)) return undefined;
  const fsyncCfg = configValue(cfg, 'core.fsync');
  const fsync = configBool(cfg, 'core.fsyncObjectFiles') === true || (fsyncCfg !== undefined && /(^|,)\s*(loose-object|objects|committed|added|all)\s*(,|$)/.test(fsyncCfg));
  return { dir: join(dotgit, 'objects'), hexLen, level, fsync };
}

let seq = 0;

/** Writes one loose object (if git has no loose copy of it yet) and returns its id (`known`: computed already). */
export function writeObject(store: ObjectStore, type: string, body: Buffer, known?: string): string {
  const oid = known ?? objectId(type, body, store.hexLen);
  const dir = join(store.dir, oid.slice(0, 2));
  const path = join(dir, oid.slice(2));
  if (existsSync(path)) {
    // As git does: mark it recent, so that a prune of unreachable objects spares it.
    try {
      const now = new Date();
      utimesSync(path, now, now);
      return oid;
    } catch {
      /* write it again below */
    }
  }
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `tmp_obj_xinfang_${process.pid}_${seq++}`);
  const data = deflateSync(Buffer.concat([Buffer.from(`${type} ${body.length}\0`, 'latin1'), body]), { level: store.level });
  const fd = openSync(tmp, 'wx', 0o444);
  try {
    writeSync(fd, data);
    if (store.fsync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // A link never replaces: a copy written meanwhile by another process is the same object.
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      try {
        renameSync(tmp, path); // no hard links on this file system
        return oid;
      } catch {
        rmSync(tmp, { force: true });
        throw e;
      }
    }
  }
  rmSync(tmp, { force: true });
  return oid;
}

// ---- blobs: only where git would store the file's bytes unchanged ------------------------

/** Attributes that make `git add` store something other than the file's bytes (or refuse it). */
const CONVERTING = new Set(['text', 'eol', 'crlf', 'filter', 'ident', 'working-tree-encoding']);

/**
 * Whether `git hash-object` stores the files under `dirs` (work tree folders, '' = root) as
 * they are: no core.autocrlf, and no attributes file that may apply clean filters, ident,
 * end-of-line or encoding conversion (text, eol, crlf, filter, ident, working-tree-encoding,
 * or a macro) — on any pattern, a conservative check that needs no pattern matching.
 * Attributes files: .gitattributes in each folder on the way, .git/info/attributes,
 * core.attributesFile (or ~/.config/git/attributes), /etc/gitattributes. A .gitattributes
 * deleted from the work tree but still in HEAD (so likely in the index, which git then
 * reads) also leaves it to git.
 */
export function plainBlobs(root: string, cfg: GitConfig, dirs: string[], inHead: (dir: string) => boolean): boolean {
  const autocrlf = configValue(cfg, 'core.autocrlf');
  if (autocrlf !== undefined && !/^(false|no|off|0)$/i.test(autocrlf.trim())) return false;
  // file → its work tree folder (git reads a .gitattributes missing there from the index).
  const files = new Map<string, string | undefined>([[join(root, '.git', 'info', 'attributes'), undefined]]);
  for (const d of dirs) {
    const parts = d ? d.split('/') : [];
    for (let i = 0; i <= parts.length; i++) files.set(join(root, ...parts.slice(0, i), '.gitattributes'), parts.slice(0, i).join('/'));
  }
  const home = process.env.HOME;
  const xdg = process.env.XDG_CONFIG_HOME || (home ? join(home, '.config') : undefined);
  const global = configValue(cfg, 'core.attributesFile');
  if (global !== undefined) {
    if (global.startsWith('~') && !home) return false;
    files.set(global.startsWith('~/') ? join(home!, global.slice(2)) : global, undefined);
  } else if (xdg) files.set(join(xdg, 'git', 'attributes'), undefined);
  if (!process.env.GIT_ATTR_NOSYSTEM) files.set('/etc/gitattributes', undefined);
  for (const [f, dir] of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && !(dir !== undefined && inHead(dir))) continue;
      return false;
    }
    if (!attributesHarmless(text)) return false;
  }
  return true;
}

function attributesHarmless(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('[attr]') || line.startsWith('"')) return false; // macros; quoted patterns
    for (const tok of line.split(/[ \t]+/).slice(1)) {
      // "binary" is -diff -merge -text: the bytes as they are.
      const name = tok.replace(/^[-!]/, '').split('=')[0]!;
      if (CONVERTING.has(name) || !/^[A-Za-z0-9_.-]+$/.test(name)) return false;
    }
  }
  return true;
}

// ---- the commit ----------------------------------------------------------------------------

/** Characters git strips from both ends of a name or email (ident.c, crud()). */
const CRUD = /^[\x00-\x20.,:;<>"\\']|[\x00-\x20.,:;<>"\\']$/;

/** A name or email that git writes unchanged. */
export function plainIdent(s: string): boolean {
  return s.length > 0 && !CRUD.test(s) && !/[<>\n]/.test(s);
}

/**
 * Whether this process's idea of local time is git's: TZ unset, or a zone name both Node
 * (ICU) and the C library read alike. A POSIX rule such as "CST-8" may be read otherwise.
 */
export function plainTimezone(): boolean {
  const tz = process.env.TZ;
  return tz === undefined || tz === '' || /^:?(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/.test(tz);
}

/** "+0800" for a UTC offset in minutes east. */
export function tzOffset(minutesEast: number): string {
  const a = Math.abs(minutesEast);
  return `${minutesEast < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

export interface Ident {
  name: string;
  email: string;
  /** Seconds since 1970. */
  time: number;
  tz: string;
}

/** The body of a commit object as `git commit-tree` writes it (no encoding header: UTF-8). */
export function commitBody(tree: string, parents: string[], author: Ident, committer: Ident, message: string): Buffer {
  const id = (i: Ident) => `${i.name} <${i.email}> ${i.time} ${i.tz}`;
  const head = [`tree ${tree}`, ...parents.map((p) => `parent ${p}`), `author ${id(author)}`, `committer ${id(committer)}`].join('\n');
  return Buffer.from(`${head}\n\n${message}`, 'utf8');
}
