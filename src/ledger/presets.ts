// The presets shipped with the tool (data/presets/): partial xinfang.yaml files for kinds of
// office, used by `init` and `setup`.
import { join } from 'node:path';
import { readYaml } from './yamlfile.js';
import { DATA_DIR } from '../paths.js';
import '../domain/zod.js';
import { z } from 'zod';

export const PRESETS = ['township', 'bureau', 'department', 'district'] as const;
export type PresetName = (typeof PRESETS)[number];

export const PRESET_ZH: Record<PresetName, string> = {
  township: '乡镇（青山乡实施办法）',
  bureau: '局（领导干部定期接待群众来访制度）',
  department: '部门（乐山市发改委实施办法）',
  district: '区（区领导干部定期接待实施方案）',
};

/** The preset's partial xinfang.yaml, as plain data (validated later as part of Config). */
export function loadPreset(name: PresetName): Record<string, unknown> {
  return readYaml(join(DATA_DIR, 'presets'), `${name}.yaml`, z.record(z.string(), z.unknown()));
}
