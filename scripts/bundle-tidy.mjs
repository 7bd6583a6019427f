// A pass over the split builds' output (scripts/bundle.mjs) that lowers what Node does per
// module and per import without changing which code runs or in what order. A short command
// loads ~60 chunks; Node resolves every import statement of every chunk on its own, so the
// statements count as much as the files (~0.1 ms each).
//
// 1. The banner's `import … from 'node:module'` (the `require` of CommonJS dependencies) is
//    dropped from a file that does not mention `require` (nearly all of them).
// 2. A bare `import "./chunk-X.js"` is dropped when X is already reached through the imports
//    before it in the same file: in an acyclic graph X has been evaluated by then, so the
//    order of evaluation is the same. (esbuild lists every chunk an entry needs.)
// 3. An `import("./F.js")` of a facade (a file that only re-exports names of one chunk C,
//    which esbuild writes for a module imported dynamically whose code is shared) becomes
//    `import("./C.js")` when loading C evaluates exactly the files F would, in the same order.
//    The namespace then has C's other exports too; callers only take names from it.
// Lines are blanked, not removed, and file names keep their length, so source maps hold.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const IMPORT = /import\s*(?:([^"';]*?)\s*from\s*)?"([^"]+)";?[ \t]*(?:\n|$)/y;

/** The import statements at the top of a file (after the banner line, if any). */
function header(text, banner) {
  const out = [];
  let pos = banner && text.startsWith(banner) ? banner.length : 0;
  for (;;) {
    while (text[pos] === '\n') pos++;
    IMPORT.lastIndex = pos;
    const m = IMPORT.exec(text);
    if (!m) return { imports: out, end: pos };
    out.push({ clause: m[1] ?? null, spec: m[2], start: pos, end: pos + m[0].length - (m[0].endsWith('\n') ? 1 : 0) });
    pos += m[0].length;
  }
}

const names = (clause) => {
  const m = /^\{([^}]*)\}$/.exec(clause?.trim() ?? '');
  return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean) : null;
};

export function tidy(dir, banner) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const text = Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const edits = Object.fromEntries(files.map((f) => [f, []]));
  const info = {};
  for (const f of files) {
    const h = header(text[f], banner);
    const local = h.imports.filter((i) => i.spec.startsWith('./')).map((i) => ({ ...i, target: i.spec.slice(2) }));
    info[f] = { ...h, local };
  }
  const deps = (f) => (info[f]?.local ?? []).map((i) => i.target).filter((t) => info[t]);

  // The graph of static imports must be acyclic (esbuild's chunks are); otherwise leave it all.
  const state = {};
  let cyclic = false;
  const visit = (f) => {
    if (state[f] === 2) return;
    if (state[f] === 1) return void (cyclic = true);
    state[f] = 1;
    deps(f).forEach(visit);
    state[f] = 2;
  };
  files.forEach(visit);

  const stats = { banner: 0, imports: 0, facades: 0, cyclic };
  // 1. The banner where nothing uses `require`.
  if (banner) {
    for (const f of files) {
      if (!text[f].startsWith(banner)) continue;
      if (/\brequire\b/.test(text[f].slice(banner.length))) continue;
      edits[f].push([0, banner.length]);
      stats.banner++;
    }
  }
  if (!cyclic) {
    const closure = new Map();
    const clo = (f) => {
      if (closure.has(f)) return closure.get(f);
      const s = new Set();
      closure.set(f, s);
      for (const t of deps(f)) {
        s.add(t);
        for (const x of clo(t)) s.add(x);
      }
      return s;
    };
    // 2. Bare imports already reached.
    for (const f of files) {
      const seen = new Set();
      for (const i of info[f].local) {
        if (!info[i.target]) continue;
        if (i.clause === null && seen.has(i.target)) {
          edits[f].push([i.start, i.end]);
          stats.imports++;
        }
        seen.add(i.target);
        for (const x of clo(i.target)) seen.add(x);
      }
    }
    // 3. Facades. The order in which loading a file evaluates files (post-order), imports kept.
    const order = (f, seen = new Set(), out = []) => {
      if (seen.has(f)) return out;
      seen.add(f);
      for (const t of deps(f)) order(t, seen, out);
      out.push(f);
      return out;
    };
    const facade = {};
    for (const f of files) {
      const { local, end, imports } = info[f];
      const named = local.filter((i) => i.clause !== null);
      if (named.length !== 1 || imports.length !== local.length) continue;
      const imported = names(named[0].clause);
      const rest = text[f].slice(end).replace(/\/\/# sourceMappingURL=\S+\s*$/, '').trim();
      const exported = names(rest.replace(/^export\s*/, '').replace(/;$/, ''));
      if (!imported || !exported || !/^export\s*\{[^}]*\};?$/.test(rest)) continue;
      if (imported.some((n) => n.includes(' ')) || exported.some((n) => n.includes(' '))) continue;
      if (imported.length !== exported.length || !imported.every((n) => exported.includes(n))) continue;
      const target = named[0].target;
      const a = order(f).slice(0, -1);
      const b = order(target);
      if (a.length === b.length && a.every((x, i) => x === b[i]) && target.length === f.length) facade[f] = target;
    }
    for (const f of files) {
      const re = /import\("\.\/([^"]+)"\)/g;
      for (const m of text[f].matchAll(re)) {
        const to = facade[m[1]];
        if (!to) continue;
        const at = m.index + 'import("./'.length;
        edits[f].push([at, at + m[1].length, to]);
        stats.facades++;
      }
    }
  }
  for (const f of files) {
    if (!edits[f].length) continue;
    let t = text[f];
    for (const [s, e, r] of edits[f].sort((x, y) => y[0] - x[0])) t = t.slice(0, s) + (r ?? '') + t.slice(e);
    writeFileSync(join(dir, f), t);
  }
  return stats;
}
