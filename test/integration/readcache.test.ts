// src/ledger/readcache.ts in-process, on real temp ledgers: what is kept, when an entry is
// used, and that only the ledger of the command (and the tool's own data) is cached.
// (The built CLI, with its build id, is tested in test/e2e/config-cache.test.ts.)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newLedger } from '../helpers/index.js';
import { checksum, readValidated, setReadCacheHome, useReadCache } from '../../src/ledger/readcache.js';
import { LedgerFileError } from '../../src/errors.js';
import { DATA_DIR } from '../../src/paths.js';
import type { Config } from '../../src/ledger/schema.js';

afterEach(() => {
  setReadCacheHome(undefined);
  useReadCache(undefined);
});

const entryFile = (root: string) => join(root, '.xinfang', 'cache', 'config~xinfang.yaml.json');

describe('readValidated', () => {
  it('keeps the text and the value; uses an entry only for the same text and key', async () => {
    const root = await newLedger();
    useReadCache('key-1');
    setReadCacheHome(root);
    const first = readValidated<Config>(root, 'xinfang.yaml', 'config');
    const e = JSON.parse(readFileSync(entryFile(root), 'utf8'));
    expect(e).toMatchObject({ build: 'key-1', kind: 'config', rel: 'xinfang.yaml', text: readFileSync(join(root, 'xinfang.yaml'), 'utf8') });
    expect(e.value).toEqual(first);
    expect(e.sum).toBe(checksum(JSON.stringify(first)));
    // A value changed without its checksum (a damaged entry) is not used …
    e.value.office.name = '缓存';
    writeFileSync(entryFile(root), JSON.stringify(e));
    expect(readValidated<Config>(root, 'xinfang.yaml', 'config').office.name).toBe(first.office.name);
    // … with it, the entry is what is read …
    e.sum = checksum(JSON.stringify(e.value));
    writeFileSync(entryFile(root), JSON.stringify(e));
    expect(readValidated<Config>(root, 'xinfang.yaml', 'config').office.name).toBe('缓存');
    // … by the same key only,
    useReadCache('key-2');
    expect(readValidated<Config>(root, 'xinfang.yaml', 'config').office.name).toBe(first.office.name);
    expect(JSON.parse(readFileSync(entryFile(root), 'utf8')).build).toBe('key-2');
    // and for the same text only: a comment added is a new text.
    e.build = 'key-2';
    writeFileSync(entryFile(root), JSON.stringify(e));
    writeFileSync(join(root, 'xinfang.yaml'), readFileSync(join(root, 'xinfang.yaml'), 'utf8') + '# 注释\n');
    expect(readValidated<Config>(root, 'xinfang.yaml', 'config').office.name).toBe(first.office.name);
  });

  it('a bad file throws the same LedgerFileError with or without an entry; nothing is kept for it', async () => {
    const root = await newLedger();
    const f = join(root, 'xinfang.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('code: QS', 'code: 青山'));
    const uncached = (() => {
      try {
        readValidated(root, 'xinfang.yaml', 'config');
      } catch (e) {
        return e as LedgerFileError;
      }
    })();
    expect(uncached).toBeInstanceOf(LedgerFileError);
    useReadCache('k');
    setReadCacheHome(root);
    expect(() => readValidated(root, 'xinfang.yaml', 'config')).toThrow(uncached!.message);
    expect(existsSync(entryFile(root))).toBe(false);
  });

  it('no cache without a key or a home; another ledger is read but not kept; the shipped taxonomy is', async () => {
    const root = await newLedger();
    const other = await newLedger({ unit: '白石乡', code: 'BS' });
    readValidated(root, 'xinfang.yaml', 'config');
    expect(existsSync(join(root, '.xinfang', 'cache'))).toBe(false);
    useReadCache('k');
    readValidated(root, 'xinfang.yaml', 'config');
    expect(existsSync(join(root, '.xinfang', 'cache'))).toBe(false);
    setReadCacheHome(root);
    expect(readValidated<Config>(other, 'xinfang.yaml', 'config').office.code).toBe('BS');
    expect(existsSync(join(root, '.xinfang', 'cache'))).toBe(false);
    expect(existsSync(join(other, '.xinfang', 'cache'))).toBe(false);
    readValidated(DATA_DIR, 'taxonomy.yaml', 'taxonomy', { shipped: true });
    expect(readdirSync(join(root, '.xinfang', 'cache'))).toEqual(['taxonomy~taxonomy.yaml.json']);
  });

  it('a .xinfang that cannot hold the cache: read and validated all the same', async () => {
    const root = await newLedger();
    writeFileSync(join(root, '.xinfang', 'cache'), 'a file where the folder would be');
    useReadCache('k');
    setReadCacheHome(root);
    expect(readValidated<Config>(root, 'xinfang.yaml', 'config').office.code).toBe('QS');
    expect(readValidated<Config>(root, 'xinfang.yaml', 'config').office.code).toBe('QS');
  });
});
