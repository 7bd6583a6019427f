// The product's YAML for many case files, fast. `toYaml` (src/ledger/yamlfile.ts, the
// `yaml` package) costs about 1 ms per case file — 100 s for 100,000 — nearly all of it in
// per-scalar work. Here every string is formatted by toYaml itself: the new strings of a
// batch of files go through one toYaml call as a list (a block list item is formatted
// exactly as a block map value) and are remembered; strings of a fixed shape that never
// repeat (event ids, times, phone and ID numbers) are formatted by the form toYaml gave the
// first string of that shape. The block structure — `key: value`, `- ` items, two-space
// indents, `[]` for an empty list — is composed around them. The generator compares the
// composed text with toYaml's own for a sample of files (every file of a small ledger) and
// fails on any difference.

const SIMPLE_KEY = /^[a-z][a-z0-9_]*$/;
const RESERVED = new Set(['null', 'true', 'false', 'y', 'n', 'yes', 'no', 'on', 'off']);

/** Shapes whose members toYaml formats alike: [name, test, form]. Each is checked against toYaml on first use. */
const SHAPES = [
  ['ulid', (s) => s.length === 26 && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(s) && /[A-DF-HJKMNP-TV-Z]/.test(s), (s) => s],
  ['instant', (s) => s.length === 25 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(s), (s) => s],
  ['digits', (s) => s.length >= 6 && /^[1-9]\d+$/.test(s), (s) => `"${s}"`],
  ['id-x', (s) => s.length === 18 && /^\d{17}X$/.test(s), (s) => s],
];

export function makeEmitter(toYaml) {
  /** string → its YAML form as a block value (plain or quoted), from toYaml */
  const memo = new Map();
  const keyMemo = new Set();
  const shapeOk = new Map(); // name → true (checked) | false (differs: use the memo)

  const formatOne = (s) => {
    const t = toYaml([s]);
    return t.startsWith('- ') && t.indexOf('\n') === t.length - 1 ? t.slice(2, -1) : null;
  };

  function key(k) {
    if (!keyMemo.has(k)) {
      if (!SIMPLE_KEY.test(k) || RESERVED.has(k) || toYaml({ [k]: 0 }) !== `${k}: 0\n`) throw new Unsupported(`key ${k}`);
      keyMemo.add(k);
    }
    return k;
  }

  // Per batch: strings not yet formatted, and the lines waiting for them.
  let missing = new Map(); // string → [[out, index, prefix]]

  function scalarLine(out, prefix, v) {
    switch (typeof v) {
      case 'string': {
        const f = memo.get(v);
        if (f !== undefined) return out.push(prefix + f);
        for (const [name, test, form] of SHAPES) {
          if (!test(v)) continue;
          let ok = shapeOk.get(name);
          if (ok === undefined) shapeOk.set(name, (ok = formatOne(v) === form(v)));
          if (ok) return out.push(prefix + form(v));
          break;
        }
        if (/[\n\r]/.test(v)) throw new Unsupported('multi-line string');
        let waiting = missing.get(v);
        if (!waiting) missing.set(v, (waiting = []));
        waiting.push([out, out.length, prefix]);
        return out.push('');
      }
      case 'number':
        if (!Number.isSafeInteger(v)) throw new Unsupported(`number ${v}`);
        return out.push(prefix + String(v));
      case 'boolean':
        return out.push(prefix + (v ? 'true' : 'false'));
    }
    if (v === null) return out.push(prefix + 'null');
    throw new Unsupported(`value ${typeof v}`);
  }

  const isScalar = (v) => v === null || typeof v !== 'object';

  function map(obj, pad, out, first) {
    let any = false;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === undefined) continue;
      const lead = any || first === undefined ? pad : first;
      any = true;
      if (isScalar(v)) scalarLine(out, `${lead}${key(k)}: `, v);
      else if (Array.isArray(v)) {
        if (!v.length) out.push(`${lead}${key(k)}: []`);
        else {
          out.push(`${lead}${key(k)}:`);
          seq(v, pad + '  ', out);
        }
      } else {
        if (!Object.keys(v).length) throw new Unsupported('empty map');
        out.push(`${lead}${key(k)}:`);
        map(v, pad + '  ', out);
      }
    }
    if (!any) throw new Unsupported('empty map');
  }

  function seq(arr, pad, out) {
    for (const item of arr) {
      if (isScalar(item)) scalarLine(out, `${pad}- `, item);
      else if (Array.isArray(item)) throw new Unsupported('nested list');
      else map(item, pad + '  ', out, `${pad}- `);
    }
  }

  /** The YAML text of each object (validated case files); null for one holding a shape not handled here. */
  function emitMany(objs) {
    missing = new Map();
    const outs = objs.map((o) => {
      const out = [];
      try {
        map(o, '', out);
      } catch (e) {
        if (e instanceof Unsupported) return null;
        throw e;
      }
      return out;
    });
    if (missing.size) {
      const fresh = [...missing.keys()];
      const lines = toYaml(fresh).split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const one = lines.length === fresh.length && lines.every((l) => l.startsWith('- '));
      fresh.forEach((s, i) => {
        const f = one ? lines[i].slice(2) : formatOne(s);
        if (f === null) throw new Error(`bench/emit.mjs: ${JSON.stringify(s)} is not a one-line scalar`);
        if (memo.size < 300_000) memo.set(s, f);
        for (const [out, idx, prefix] of missing.get(s)) out[idx] = prefix + f;
      });
      missing = new Map();
    }
    return outs.map((out) => (out ? out.join('\n') + '\n' : null));
  }

  return { emitMany, shapes: shapeOk };
}

class Unsupported extends Error {}
