// Creating a ledger: the office file from a preset, empty leaders and units, git with the
// case merge driver. Everything is checked before the first file is written.
import { accessSync, constants, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { onPseudoFs } from '../ledger/textfile.js';
import { badField, InputError, ProblemError } from '../errors.js';
import { commitFailure, writeFailure } from '../ledger/txn.js';
import { checkText } from '../domain/input.js';
import { Config, LeadersFile, UnitsFile } from '../ledger/schema.js';
import { CONFIG_FILE, LEADERS_FILE, UNITS_FILE, Ledger } from '../ledger/ledger.js';
import { loadPreset, PRESETS, PRESET_ZH, type PresetName } from '../ledger/presets.js';
import { toYaml, writeFileAtomic } from '../ledger/yamlfile.js';
import { commitPaths, gitInit, registerMergeDriver } from '../ledger/git.js';
import { listCaseFiles } from '../ledger/cases.js';
import type { Clerk } from '../ledger/ledger.js';
import { bookingText, checkOfficePhone, wordTownship } from './office.js';

export interface InitOptions {
  /** Absolute, or relative to `cwd`. */
  dir: string;
  cwd?: string;
  unit: string;
  code: string;
  preset: string;
  station: string;
  git: boolean;
  issuer?: string;
  /** 信访办 telephone and address for the 公示. */
  phone?: string;
  address?: string;
}

export const GITATTRIBUTES = '# 案件文件合并时按事件并集合并（xinfang merge-driver）\ncases/**/*.yaml merge=xinfang\n';
export const GITIGNORE = '# 本机缓存、锁和工作站字母，不入库\n.xinfang/\n';

export function validateStation(s: string): string {
  const v = s.trim().toUpperCase();
  if (!/^[A-Z]$/.test(v)) throw badField('--station（工作站字母）', s, '应为一个英文字母 A–Z，每台电脑一个，如 A、B');
  return v;
}

export function buildConfig(o: { unit: string; code: string; preset: PresetName; issuer?: string; phone?: string; address?: string }): Config {
  const preset = loadPreset(o.preset);
  const presetOffice = (preset.office ?? {}) as Record<string, unknown>;
  // One office name signs every document: the 公示, 告知书, 督办通知 and reports.
  const issuer = o.issuer ?? `${o.unit}信访工作领导小组办公室`;
  const draft = {
    ...preset,
    office: {
      name: o.unit,
      code: o.code,
      preset: o.preset,
      issuer,
      booking: bookingText(issuer, o.phone ?? ''),
      phone: o.phone ?? '',
      address: o.address ?? '',
      ...presetOffice,
    },
  };
  const r = Config.safeParse(draft);
  if (!r.success) throw new Error(`预设 ${o.preset} 无效：${r.error.message}`);
  if (o.preset !== 'township') return r.data;
  // The township preset says 乡; a 镇 (or 街道) has its own words (src/app/office.ts).
  return {
    ...r.data,
    places: r.data.places.map((p) => ({ ...p, name: wordTownship(p.name, o.unit) })),
    schedule: { ...r.data.schedule, rules: r.data.schedule.rules.map((x) => ({ ...x, name: wordTownship(x.name, o.unit) })) },
  };
}

/**
 * The ledger's folder can be made here: DIR, or the nearest folder above it that exists, is a
 * folder (not a file), writable, and on a real file system — never /proc or /sys (where
 * Node's recursive mkdir would spin for ever).
 */
export function checkLedgerFolder(root: string, field = 'DIR（台账目录）'): void {
  if (existsSync(root) && !statSync(root).isDirectory()) throw new InputError(`${field}${root} 是一个文件，不是文件夹；请为台账指定一个新目录或空目录`, 'not_empty');
  let up = root;
  while (!existsSync(up) && dirname(up) !== up) up = dirname(up);
  if (!statSync(up).isDirectory()) throw new InputError(`${field}${root}：${up} 是一个文件，不能在其中建立文件夹；请换一个路径`, 'bad_value');
  if (onPseudoFs(up)) throw new InputError(`${field}${root} 在系统文件夹（/proc、/sys 等）中，不能建立台账；请换一个路径`, 'bad_value');
  try {
    accessSync(up, constants.W_OK);
  } catch {
    throw new InputError(`${field}${root}：没有在 ${up} 中写入的权限；请换一个路径`, 'bad_value');
  }
}

export function initLedger(o: InitOptions, clerk: Clerk): { root: string; files: string[] } {
  const unit = checkText(o.unit, '--unit（单位名称）', 'name', { required: true, empty: '不能为空，如 青山乡' });
  const issuer = o.issuer === undefined ? undefined : checkText(o.issuer, '--issuer（公示落款单位）', 'line', { required: true });
  const phone = o.phone === undefined ? undefined : checkOfficePhone(o.phone);
  const address = o.address === undefined ? undefined : checkText(o.address, '--address（信访办地址）', 'line').trim();
  const code = o.code.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9]{1,7}$/.test(code)) throw badField('--code（单位代码）', o.code, '应为 2–8 位字母或数字、字母开头，如 QS；它是案件编号的前缀（QS-2026-A0001）');
  if (!(PRESETS as readonly string[]).includes(o.preset)) {
    throw badField('--preset（接访制度预设）', o.preset, `允许：${PRESETS.map((p) => `${p}（${PRESET_ZH[p]}）`).join('、')}`);
  }
  const station = validateStation(o.station);
  const root = resolve(o.cwd ?? process.cwd(), o.dir);
  const ours = [CONFIG_FILE, LEADERS_FILE, UNITS_FILE, 'cases', 'rosters'];
  const existing = existsSync(root) ? ours.filter((f) => existsSync(join(root, f))) : [];
  if (existing.length) {
    throw new InputError(`${root} 已有台账文件（${existing.join('、')}），不会覆盖。换一个目录，或在原台账中继续工作`, 'exists');
  }
  checkLedgerFolder(root);
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new InputError(`${root} 不是空目录，不会在其中建账（以免覆盖已有文件）。请为台账指定一个新目录或空目录`, 'not_empty');
  }
  const config = buildConfig({ unit, code, preset: o.preset as PresetName, issuer, phone, address });

  const existed = existsSync(root);
  mkdirSync(root, { recursive: true });
  const files: [string, string][] = [
    [CONFIG_FILE, `# ${unit} 信访接访台账配置。接访规则、期限、预警阈值都可按本单位制度修改；改后运行 xinfang check。\n` + toYaml(config)],
    [LEADERS_FILE, toYaml(LeadersFile.parse({ leaders: [] }))],
    [UNITS_FILE, toYaml(UnitsFile.parse({ units: [] }))],
    ['.gitignore', GITIGNORE],
    ['.gitattributes', GITATTRIBUTES],
  ];
  try {
    for (const [rel, text] of files) writeFileAtomic(join(root, rel), text);
    mkdirSync(join(root, '.xinfang'), { recursive: true });
    writeFileAtomic(join(root, '.xinfang', 'station'), station + '\n');
    if (o.git) {
      gitInit(root);
      registerMergeDriver(root);
      const ledger = Ledger.open(root);
      if (ledger.config.autocommit) commitPaths(root, files.map(([f]) => f), `建立台账 ${unit}（${PRESET_ZH[o.preset as PresetName]}）`, clerk.name, clerk.now);
    }
  } catch (e) {
    // Nothing half-made: the folder was new or empty, so it is made new or empty again.
    if (existed) for (const f of readdirSync(root)) rmSync(join(root, f), { recursive: true, force: true });
    else rmSync(root, { recursive: true, force: true });
    if (e instanceof InputError || e instanceof ProblemError) throw e;
    const why = (e as NodeJS.ErrnoException).syscall ? writeFailure(e).message : commitFailure(e, root).message.replace(/^提交失败，本次修改已全部撤销，没有记录任何内容：/, '');
    throw new ProblemError(`台账没有建立（已删除建了一半的文件）：${why}`, 'init_failed');
  }
  return { root, files: files.map(([f]) => f) };
}

/** In a fresh clone: this clone's station letter and the merge driver. */
export function setupClone(root: string, stationIn: string): { station: string; usedBy: string[] } {
  const station = validateStation(stationIn);
  // Cases already numbered with this letter: another machine probably uses it.
  const usedBy = listCaseFiles(root)
    .map((f) => f.split('/').pop()!.replace(/\.yaml$/, ''))
    .filter((id) => id.split('-')[2]?.startsWith(station))
    .slice(0, 3);
  mkdirSync(join(root, '.xinfang'), { recursive: true });
  writeFileAtomic(join(root, '.xinfang', 'station'), station + '\n');
  if (existsSync(join(root, '.git'))) registerMergeDriver(root);
  return { station, usedBy };
}
