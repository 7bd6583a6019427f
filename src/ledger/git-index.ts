// git's index edited by xinfang itself for commitPaths (git-commit.ts): the same change as
// `git update-index -z --index-info` with the committed paths (stage-0 entries with empty
// stat data, or the path removed), written as a new file. At 100,000 entries (9.6 MB) that
// process costs ~55–60 ms; here ~15–20 ms (the walk over the entries, the SHA-1 of the new
// file, reading and writing 10 MB). Done only where the result is certainly what git's
// reader accepts and means the same as update-index's (index format 2 or 3, extensions
// TREE, REUC, UNTR, EOIE, IEOT; no conflict stages and no file/folder clash on the changed
// paths); `editIndex` answers undefined otherwise, and git does it.
//
// Format (Documentation/gitformat-index.txt): "DIRC", version, entry count; entries sorted
// by name bytes then stage, each 40 bytes of stat data and mode, the object id, 16 bits of
// flags (assume-valid, extended, stage, name length), in version 3 16 more when extended,
// the name, NULs to a multiple of 8; extensions ("TREE" + size + data …); SHA of all that.
// What update-index does besides the entries, and so this too:
// - cache tree (TREE): every node on a changed path is invalidated (entry count -1, no
//   id), and a subtree named like the changed path itself is dropped (cache-tree.c,
//   do_invalidate_path).
// - racily clean entries: an entry whose mtime is not older than the index file it was read
//   from cannot be trusted by its stat data; git re-reads such files when it writes the
//   index and sets the size of a changed one to 0. Here every such entry gets size 0
//   (without reading it), which only makes git compare its contents next time.
// - the untracked cache (UNTR) and the end-of-entries/offset tables (EOIE, IEOT) are
//   optional extensions and are left out (git rebuilds them where they are configured);
//   resolve-undo (REUC) is kept as it is.
import { createHash } from 'node:crypto';

export interface IndexEdit {
  /** The path, latin1 (one char per byte). */
  path: string;
  /** The committed entry; undefined: the path is removed. */
  entry?: { mode: string; oid: string };
}

const KEEP = new Set(['TREE', 'REUC']);
const DROP = new Set(['UNTR', 'EOIE', 'IEOT']);

/**
 * The index `old` (read from a file last modified at `mtimeSec`) after `edits`, as the
 * pieces of the new file in order (for one writev, without copying 10 MB), or undefined
 * when it must be left to `git update-index`. `old` is changed (racily clean entries).
 */
export function editIndex(old: Buffer, mtimeSec: number, edits: IndexEdit[], hexLen: number): Buffer[] | undefined {
  const hashLen = hexLen / 2;
  if (old.length < 12 + hashLen || old.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = old.readUInt32BE(4);
  if (version !== 2 && version !== 3) return undefined;
  const trailer = old.subarray(old.length - hashLen);
  if (trailer.every((b) => b === 0)) return undefined; // index.skipHash: let git decide
  // Like git, the old checksum is not checked (git reads it only in `git fsck`, ~7 ms at
  // 10 MB); the entries and extensions must parse to the end, exactly.
  const body = old.subarray(0, old.length - hashLen);

  // The entries.
  const count = old.readUInt32BE(8);
  const flagsAt = 40 + hashLen; // after stat data, mode …, id
  const walked = walk(old, body.length, count, hashLen, version, mtimeSec);
  if (!walked) return undefined;
  const { starts, nameAt, nameLen } = walked;
  let at = starts[count]!;
  const entriesEnd = at;
  const stageOf = (i: number) => (old[starts[i]! + flagsAt]! >> 4) & 3;

  // The extensions.
  const exts: Buffer[] = [];
  let tree: Buffer | undefined;
  while (at < body.length) {
    if (at + 8 > body.length) return undefined;
    const sig = old.toString('latin1', at, at + 4);
    const size = old.readUInt32BE(at + 4);
    if (at + 8 + size > body.length) return undefined;
    if (sig === 'TREE') tree = old.subarray(at + 8, at + 8 + size);
    else if (KEEP.has(sig)) exts.push(old.subarray(at, at + 8 + size));
    else if (!DROP.has(sig)) return undefined; // split index (link), sparse (sdir), fsmonitor …
    at += 8 + size;
  }

  // Where each edited path goes.
  const name = (i: number) => old.subarray(nameAt[i]!, nameAt[i]! + nameLen[i]!);
  const lowerBound = (key: Buffer, stage: number): number => {
    let [lo, hi] = [0, count];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = old.compare(key, 0, key.length, nameAt[mid]!, nameAt[mid]! + nameLen[mid]!) || stageOf(mid) - stage;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const sorted = [...edits].sort((a, b) => Buffer.compare(Buffer.from(a.path, 'latin1'), Buffer.from(b.path, 'latin1')));
  const ops: { from: number; to: number; bytes?: Buffer }[] = [];
  let delta = 0;
  for (const e of sorted) {
    const key = Buffer.from(e.path, 'latin1');
    const parts = e.path.split('/');
    // Another edited path inside this one, or this inside another: a file/folder change.
    if (sorted.some((o) => o.path.startsWith(e.path + '/'))) return undefined;
    if (e.entry) {
      // A file where a folder of this path is, or files under this path: git replaces them.
      for (let k = 1; k < parts.length; k++) {
        const dir = Buffer.from(parts.slice(0, k).join('/'), 'latin1');
        const j = lowerBound(dir, 0);
        if (j < count && name(j).equals(dir)) return undefined;
      }
      const j = lowerBound(Buffer.from(e.path + '/', 'latin1'), 0);
      if (j < count && name(j).subarray(0, key.length + 1).equals(Buffer.from(e.path + '/', 'latin1'))) return undefined;
    }
    const first = lowerBound(key, 0);
    let last = first;
    while (last < count && name(last).equals(key)) {
      if (stageOf(last) !== 0) return undefined; // a conflict: git records resolve-undo
      last++;
    }
    const from = starts[first]!;
    const to = starts[last]!;
    const bytes = e.entry ? entryBytes(key, e.entry.mode, e.entry.oid, hashLen) : undefined;
    if (!bytes && last === first) continue; // removing what is not there
    delta += (bytes ? 1 : 0) - (last - first);
    ops.push({ from, to, bytes });
  }

  const header = Buffer.alloc(12);
  old.copy(header, 0, 0, 8);
  header.writeUInt32BE(count + delta, 8);
  const parts: Buffer[] = [header];
  let cursor = 12;
  for (const o of ops) {
    parts.push(old.subarray(cursor, o.from));
    if (o.bytes) parts.push(o.bytes);
    cursor = o.to;
  }
  parts.push(old.subarray(cursor, entriesEnd));
  if (tree) {
    const t = invalidateTree(tree, sorted.map((e) => e.path), hashLen);
    if (!t) return undefined;
    const h = Buffer.alloc(8);
    h.write('TREE', 0, 'latin1');
    h.writeUInt32BE(t.length, 4);
    parts.push(h, t);
  }
  parts.push(...exts);
  const sum = createHash(hashLen === 32 ? 'sha256' : 'sha1');
  for (const p of parts) sum.update(p);
  parts.push(sum.digest());
  return parts;
}

/**
 * Entry i of the index runs from starts[i] to starts[i + 1], its name from nameAt[i],
 * nameLen[i] bytes; racily clean entries get size 0 on the way. Undefined: not an index
 * this module edits. (Byte reads, not readUInt32BE: ~4 ms for 100,000 entries, not ~20.)
 */
function walk(old: Buffer, bodyEnd: number, count: number, hashLen: number, version: number, mtimeSec: number) {
  const starts = new Int32Array(count + 1);
  const nameAt = new Int32Array(count);
  const nameLen = new Int32Array(count);
  const fixed = 40 + hashLen + 2;
  const flagsAt = 40 + hashLen;
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + fixed > bodyEnd) return undefined;
    const flags = (old[at + flagsAt]! << 8) | old[at + flagsAt + 1]!;
    const extended = (flags & 0x4000) !== 0;
    if (extended && version < 3) return undefined;
    const n0 = at + fixed + (extended ? 2 : 0);
    let len = flags & 0xfff;
    if (len === 0xfff) len = old.indexOf(0, n0) - n0;
    const end = at + ((n0 - at + len + 8) & ~7);
    if (len < 0 || end > bodyEnd) return undefined;
    starts[i] = at;
    nameAt[i] = n0;
    nameLen[i] = len;
    // Racily clean (see above): mtime seconds at offset 8; not a submodule (mode at 24).
    const mtime = ((old[at + 8]! << 24) | (old[at + 9]! << 16) | (old[at + 10]! << 8) | old[at + 11]!) >>> 0;
    if (mtimeSec && mtime >= mtimeSec && (old[at + 26]! & 0xf0) !== 0xe0) old.fill(0, at + 36, at + 40);
    at = end;
  }
  starts[count] = at;
  return { starts, nameAt, nameLen };
}

/** A stage-0 entry as update-index --index-info makes it: stat data all zero. */
function entryBytes(name: Buffer, mode: string, oid: string, hashLen: number): Buffer {
  const fixed = 40 + hashLen + 2;
  const b = Buffer.alloc((fixed + name.length + 8) & ~7);
  b.writeUInt32BE(parseInt(mode, 8), 24);
  b.write(oid, 40, 'hex');
  b.writeUInt16BE(Math.min(name.length, 0xfff), 40 + hashLen);
  name.copy(b, fixed);
  return b;
}

interface TreeNode {
  name: Buffer;
  count: number;
  oid?: Buffer;
  down: TreeNode[];
}

/** The TREE extension with the nodes on `paths` invalidated, or undefined when it does not parse. */
function invalidateTree(data: Buffer, paths: string[], hashLen: number): Buffer | undefined {
  let at = 0;
  const parse = (): TreeNode => {
    const nul = data.indexOf(0, at);
    const nl = data.indexOf(10, nul);
    if (nul < 0 || nl < 0) throw new Error('TREE');
    const [count, sub] = data.toString('latin1', nul + 1, nl).split(' ').map(Number) as [number, number];
    if (!Number.isInteger(count) || !Number.isInteger(sub) || sub < 0) throw new Error('TREE');
    const node: TreeNode = { name: data.subarray(at, nul), count, down: [] };
    at = nl + 1;
    if (count >= 0) {
      node.oid = data.subarray(at, at + hashLen);
      at += hashLen;
    }
    for (let i = 0; i < sub; i++) node.down.push(parse());
    return node;
  };
  let root: TreeNode;
  try {
    root = parse();
  } catch {
    return undefined;
  }
  if (at !== data.length) return undefined;
  for (const p of paths) {
    let node: TreeNode | undefined = root;
    const names = p.split('/');
    for (let k = 0; node; k++) {
      node.count = -1;
      node.oid = undefined;
      const n = Buffer.from(names[k]!, 'latin1');
      const i = node.down.findIndex((d) => d.name.equals(n));
      if (k === names.length - 1) {
        if (i >= 0) node.down.splice(i, 1);
        break;
      }
      node = i >= 0 ? node.down[i] : undefined;
    }
  }
  const out: Buffer[] = [];
  const write = (n: TreeNode) => {
    out.push(n.name, Buffer.from(`\0${n.count} ${n.down.length}\n`, 'latin1'));
    if (n.count >= 0) out.push(n.oid!);
    n.down.forEach(write);
  };
  write(root);
  return Buffer.concat(out);
}
