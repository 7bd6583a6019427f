// Bundles the CLI for start-up speed (run by `npm run build` after tsc; dist/ keeps the
// tsc output for tests, the bench and anything importing dist/app/*.js directly).
//
// Output: dist/bundle/main.js (what bin/xinfang.js loads) plus shared chunks, all in one
// flat folder. Code splitting follows the dynamic import() calls in src/cli: each command
// loads only its own chunks. Dependencies are bundled in so that Node reads a few files
// instead of hundreds; only better-sqlite3's native addon is loaded from node_modules (its
// JavaScript is bundled: bundledSqlite below), and yaml, which src/ledger/yamlfile.ts
// requires on first use, is one CommonJS file beside the chunks (yaml-BUILD.cjs). After
// esbuild, bundle-tidy.mjs drops import statements Node need not resolve. exceljs
// is bundled too: it is 2 MB, but only the xlsx output loads its chunk, and bundled it
// starts ~0.25 s sooner than from its hundreds of files (report stats --format xlsx:
// 0.82 s against 1.07 s CPU).
//
// dist/bundle/ is two levels below the package root, as dist/<dir>/ and src/<dir>/ are, so a
// path relative to a module of src/<dir>/ (e.g. require('../../package.json')) still holds
// in the bundle. src/paths.ts finds the package root by looking upwards.
//
// Every src/<dir>/worker.ts (or *.worker.ts) is also bundled, as one self-contained file
// beside the chunks, dist/bundle/<dir>-worker.js: src/index/sqlite.ts looks for
// new URL('./index-worker.js', import.meta.url) first, then './worker.js' (tsc's dist/index/).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tidy } from './bundle-tidy.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = join(root, 'dist', 'bundle');

/** Packages left to Node's resolver (better-sqlite3's JavaScript is bundled: bundledSqlite below). */
const EXTERNAL = [];

function workers(dir) {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...workers(p));
    else if (/^worker\.ts$|\.worker\.ts$/.test(e.name)) found.push(p);
  }
  return found;
}

const entries = { main: join(root, 'src', 'cli', 'main.ts') };
for (const w of workers(join(root, 'src'))) {
  // src/index/worker.ts → index-worker; src/index/parse.worker.ts → index-parse-worker.
  const name = `${basename(dirname(w))}-${basename(w, '.ts').replace(/\.worker$/, '-worker')}`;
  if (entries[name]) throw new Error(`bundle: two entry points named ${name}.js (${relative(root, w)}); rename one`);
  entries[name] = w;
}

// `import { z } from 'zod'` reaches zod's whole namespace (every locale, JSON Schema
// conversion…: 700 kB that Node must compile at every start). The same namespace imported
// as `import * as z` lets esbuild keep only the members the code uses (z.string, …).
// (Should zod move that file, the plugin steps aside and the bundle is just bigger.)
const ZOD_NS = join(dirname(createRequire(join(root, 'package.json')).resolve('zod/package.json')), 'v4', 'classic', 'external.js');
const ZOD_IMPORT = /^import\s*\{\s*z\s*\}\s*from\s*['"]zod['"];?/m;
const slimZod = {
  name: 'slim-zod',
  setup(b) {
    if (!existsSync(ZOD_NS)) return console.warn(`bundle: ${ZOD_NS} not found; zod is bundled whole`);
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!ZOD_IMPORT.test(text)) return undefined;
      return { contents: text.replace(ZOD_IMPORT, `import * as z from ${JSON.stringify(ZOD_NS)};`), loader: 'ts' };
    });
  },
};

// The build's identity (__XINFANG_BUILD__, src/ledger/readcache.ts): a hash of every source
// file and of the versions of the packages that read and validate the ledger's files. A
// cached, validated xinfang.yaml is used only by the build that wrote it.
function sourceHash() {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) h.update(relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(join(root, 'src'));
  h.update(readFileSync(join(root, 'package.json')));
  const req = createRequire(join(root, 'package.json'));
  for (const pkg of ['zod', 'yaml']) h.update(`${pkg}@${JSON.parse(readFileSync(req.resolve(`${pkg}/package.json`), 'utf8')).version}`);
  return h.digest('hex').slice(0, 16);
}

const BUILD = sourceHash();

// Three builds. main.js is src/cli/fast.ts, built on its own: it runs `roster duty` and
// `case show` without commander, from a few files (its modules are not split by the hundred
// import()s of the other commands), the daily lists and reports through daily-BUILD.js
// (src/cli/daily.ts, a build of its own for the same reason, with its own copy of run.ts),
// and hands every other command line to cli-BUILD.js,
// src/cli/main.ts in the split build with everything else. The modules loaded on demand,
// synchronously, by name (src/ledger/on-demand.ts) are NAME-BUILD.js in the split build;
// fast.ts's commands only read, so what it shares with them is data, not classes. The
// build id in the names: a command started before a rebuild still finds its own files
// (kept a while, as the chunks are).
const FAST_ENTRY = { main: join(root, 'src', 'cli', 'fast.ts') };
// The daily lists and reports that fast.ts parses (case list, due, today, report stats): a
// build of their own, so that they do not split fast.ts's modules into many small chunks.
const DAILY_ENTRY = { [`daily-${BUILD}`]: join(root, 'src', 'cli', 'daily.ts') };
const CLI_ENTRIES = { [`cli-${BUILD}`]: join(root, 'src', 'cli', 'main.ts') };
for (const name of ['validate-files', 'write-support']) CLI_ENTRIES[`${name}-${BUILD}`] = join(root, 'src', 'ledger', `${name}.ts`);

// commander requires node:child_process when it loads, for subcommands that are separate
// executables (which xinfang has none of); loading it costs every command several ms. It
// gets a stand-in that requires the real module on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'xf-lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'xf-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// Our own modules (and ulid) import functions of node:crypto and node:child_process; an ES
// import of them costs every command that loads such a module before it calls anything
// (node:crypto's ES facade even loads WebCrypto; node:child_process loads net). In the CLI's
// bundle they are functions that require the real module on their first call.
const LAZY_BUILTINS = ['crypto', 'child_process'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const req = createRequire(import.meta.url);
    b.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`) }, (args) => {
      if (args.namespace === 'xf-lazy-builtin') return { path: `node:${args.path.replace(/^node:/, '')}`, external: true };
      // Our sources, and ulid (which imports node:crypto only for Node without WebCrypto).
      if (!/[\\/]src[\\/].*\.ts$|[\\/]node_modules[\\/]ulid[\\/]/.test(args.importer)) return undefined;
      return { path: args.path.replace(/^node:/, ''), namespace: 'xf-lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'xf-lazy-builtin' }, (args) => {
      const real = req(`node:${args.path}`);
      const fns = Object.keys(real).filter((k) => /^[a-z]\w*$/.test(k) && typeof Object.getOwnPropertyDescriptor(real, k)?.value === 'function');
      return {
        contents: `let m;\nconst real = () => (m ??= require('node:${args.path}'));\n${fns.map((f) => `export function ${f}(...a) { return real().${f}(...a); }`).join('\n')}\nexport default { ${fns.join(', ')} };\n`,
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

// better-sqlite3's JavaScript is a dozen files plus `bindings`, which finds the addon by
// walking a stack trace and trying paths: ~10 ms of every command that opens the index. It is
// bundled into the chunk of src/index/sqlite.ts, still evaluated on first use only (esbuild's
// CommonJS wrapper), and `bindings` is a stand-in that loads build/Release/better_sqlite3.node
// from the installed package (the real `bindings` when the addon is elsewhere). sqlite.ts
// loads the package with `require('better-sqlite3')` from createRequire(); that call is what
// this plugin redirects — should it change, the plugin steps aside and the package is loaded
// from node_modules as before.
const REQUIRE_SQLITE = "require('better-sqlite3')";
const bundledSqlite = {
  name: 'bundled-sqlite',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]index[\\/]sqlite\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(REQUIRE_SQLITE)) {
        console.warn(`bundle: ${REQUIRE_SQLITE} not found in ${relative(root, args.path)}; better-sqlite3 is loaded from node_modules`);
        return undefined;
      }
      // The import at the end: the lines of the file (and its source map) stay where they are.
      return { contents: `${text.replaceAll(REQUIRE_SQLITE, '__xfLoadSqlite()')}\nimport { load as __xfLoadSqlite } from 'xf:better-sqlite3';\n`, loader: 'ts' };
    });
    b.onResolve({ filter: /^xf:better-sqlite3$/ }, () => ({ path: 'better-sqlite3', namespace: 'xf-sqlite' }));
    b.onLoad({ filter: /.*/, namespace: 'xf-sqlite' }, () => ({ contents: "export const load = () => require('better-sqlite3');", loader: 'js', resolveDir: root }));
    b.onResolve({ filter: /^bindings$/ }, (args) => (/[\\/]better-sqlite3[\\/]/.test(args.importer) ? { path: 'bindings', namespace: 'xf-bindings' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'xf-bindings' }, () => ({
      contents: `const { dirname, join } = require('node:path');
module.exports = function bindings(name) {
  const dir = dirname(require.resolve('better-sqlite3/package.json'));
  try {
    return require(join(dir, 'build', 'Release', name));
  } catch (e) {
    if (e?.code !== 'MODULE_NOT_FOUND') throw e;
  }
  return require(require.resolve('bindings', { paths: [dir] }))(name);
};`,
      loader: 'js',
    }));
  },
};

// Some dependencies bundled with exceljs (archiver-utils, buffers, …) still call the old
// `new Buffer(…)`. Node warns about it (DEP0005) only for code outside node_modules — which a
// bundle is — so `report … --format xlsx` printed a deprecation warning. Each call becomes
// what it means on Node 20: a zero-filled Buffer.alloc(n) for a size, else Buffer.from(…).
const NEW_BUFFER = /\bnew Buffer\(/g;
const modernBuffer = {
  name: 'modern-buffer',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!NEW_BUFFER.test(text)) return undefined;
      NEW_BUFFER.lastIndex = 0;
      const helper = "const __xfNewBuffer = (a, b, c) => (typeof a === 'number' ? Buffer.alloc(a) : Buffer.from(a, b, c));";
      return { contents: `${helper}\n${text.replace(NEW_BUFFER, '__xfNewBuffer(')}`, loader: 'js' };
    });
  },
};

// In the daily build (case list, due, today, report stats) our modules import each other
// with import() where a command may not need them; each such boundary is a chunk, and Node's
// ES module loader costs about a millisecond a file (`due` loaded 44). There every import()
// of one of our modules becomes a static import — the module is evaluated at start, as a
// chunk would be on first use — except those that bring a large dependency (HEAVY below).
const HEAVY = /render[\\/](xlsx|html|liquid|notice|roster|markdown|pdf)\.js$/;
const DYNAMIC_IMPORT = /\bawait import\((['"])(\.{1,2}\/[^'"]+\.js)\1\)/g;
const staticImports = {
  name: 'static-imports',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const names = new Map();
      const out = text.replace(DYNAMIC_IMPORT, (all, _q, path) => {
        if (HEAVY.test(path)) return all;
        if (!names.has(path)) names.set(path, `__xfStatic${names.size}`);
        return `await Promise.resolve(${names.get(path)})`;
      });
      if (!names.size) return undefined;
      const head = [...names].map(([path, name]) => `import * as ${name} from ${JSON.stringify(path)};`).join(' ');
      // On the file's last line: the lines of the file (and its source map) stay where they are.
      return { contents: `${out}\n${head}\n`, loader: 'ts' };
    });
  },
};

// Built beside, then moved in file by file (each rename is atomic), entry points last; the
// files of earlier builds stay a while (below), so that a CLI started just before — a test
// running while someone rebuilds — still finds the chunks its main.js imports later.
const tmpdir = `${outdir}.tmp-${process.pid}`;
rmSync(tmpdir, { recursive: true, force: true });
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  minifySyntax: true,
  legalComments: 'linked',
  external: EXTERNAL,
  // CommonJS dependencies (commander, yaml, cli-table3…) call require() for Node's own
  // modules; in ESM output esbuild routes that through a `require` it expects in scope. Made
  // on first use: most chunks never call it, and createRequire costs each chunk loaded.
  banner: {
    js: "import { createRequire as __xfCreateRequire } from 'node:module'; let __xfRequire; const __xfReq = () => (__xfRequire ??= __xfCreateRequire(import.meta.url)); const require = Object.assign((id) => __xfReq()(id), { resolve: (id, o) => __xfReq().resolve(id, o) });",
  },
  plugins: [slimZod, lazyChildProcess, bundledSqlite, modernBuffer],
  define: { __XINFANG_BUILD__: JSON.stringify(BUILD) },
  metafile: true,
  logLevel: 'warning',
};
let result;
try {
  // The CLI: split at every import(), chunks shared between commands.
  result = await build({ ...common, plugins: [...common.plugins, lazyBuiltins], entryPoints: CLI_ENTRIES, outdir: tmpdir, splitting: true, chunkNames: 'chunk-[hash]' });
  await build({ ...common, plugins: [...common.plugins, lazyBuiltins], entryPoints: FAST_ENTRY, outdir: tmpdir, splitting: true, chunkNames: 'chunk-[hash]' });
  await build({ ...common, plugins: [staticImports, ...common.plugins, lazyBuiltins], entryPoints: DAILY_ENTRY, outdir: tmpdir, splitting: true, chunkNames: 'chunk-[hash]' });
  // Workers run in their own thread with their own copies of modules anyway: each is one
  // self-contained file, so that its modules do not split the CLI's chunks further.
  for (const [name, file] of Object.entries(entries)) {
    if (name !== 'main') await build({ ...common, entryPoints: { [name]: file }, outdir: tmpdir });
  }
  // The yaml package as one CommonJS file, required on first use by src/ledger/yamlfile.ts
  // (writes, files not written by xinfang, line numbers of a problem): ~10 ms instead of
  // ~40 ms for its 75 files. Its own copy, as node_modules' was: yamlfile.ts shares no class
  // of it with the chunks (merge.ts and calendar/import.ts import theirs).
  await build({
    ...common,
    entryPoints: undefined,
    stdin: { contents: "module.exports = require('yaml');", resolveDir: root, sourcefile: 'yaml-lib.cjs', loader: 'js' },
    format: 'cjs',
    banner: undefined,
    outfile: join(tmpdir, `yaml-${BUILD}.cjs`),
  });
  // Fewer import statements for Node to resolve, the same code in the same order (bundle-tidy.mjs).
  const t = tidy(tmpdir, common.banner.js);
  if (process.env.BUNDLE_TIDY_STATS) console.log('bundle-tidy:', t); // what was dropped, for a look
  if (t.cyclic) console.warn('bundle: the chunks import each other in a cycle; imports left as esbuild wrote them');
} catch (e) {
  rmSync(tmpdir, { recursive: true, force: true });
  throw e;
}

mkdirSync(outdir, { recursive: true });
const built = readdirSync(tmpdir);
const entryFile = (f) => !f.startsWith('chunk-');
for (const f of [...built.filter((f) => !entryFile(f)), ...built.filter(entryFile)]) renameSync(join(tmpdir, f), join(outdir, f));
rmSync(tmpdir, { recursive: true, force: true });

// Files of earlier builds: noted in .stale.json when first found, deleted 10 minutes later.
const STALE_MS = 10 * 60_000;
const staleFile = join(outdir, '.stale.json');
let stale = {};
try {
  stale = JSON.parse(readFileSync(staleFile, 'utf8'));
} catch {
  /* first build, or unreadable: start afresh */
}
const now = Date.now();
const keep = new Set([...built, '.stale.json']);
const nextStale = {};
for (const f of readdirSync(outdir)) {
  if (keep.has(f) || f.startsWith('.')) continue;
  const since = stale[f] ?? now;
  if (now - since > STALE_MS) rmSync(join(outdir, f), { force: true });
  else nextStale[f] = since;
}
writeFileSync(staleFile, JSON.stringify(nextStale));

if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(result.metafile));
}
