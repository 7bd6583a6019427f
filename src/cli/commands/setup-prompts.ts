// What `init` and `setup` ask at a terminal: the unit and its code (init), this computer's
// station letter (setup), the clerk's name, and the office's phone and address for the 公示.
// Only what the flags did not give; every answer is checked as the flag would be.
import { askText } from '../prompts.js';
import { officePhoneProblem } from '../../app/office.js';

export interface SetupAnswers {
  unit?: string;
  code?: string;
  station?: string;
  clerk?: string;
  phone?: string;
  address?: string;
}

const codeProblem = (v: string) => (/^[A-Za-z][A-Za-z0-9]{1,7}$/.test(v.trim()) ? true : '应为 2–8 位字母或数字、字母开头，如 QS（案件编号的前缀）');
const stationProblem = (v: string) => (/^[A-Za-z]$/.test(v.trim()) ? true : '应为一个英文字母 A–Z，每台电脑一个');

/** Asks for every field of `want` that `given` lacks; `defaults` are offered (Enter keeps them). */
export async function askSetup(want: (keyof SetupAnswers)[], given: SetupAnswers, defaults: SetupAnswers = {}): Promise<SetupAnswers> {
  const out: SetupAnswers = { ...given };
  const ask = async (k: keyof SetupAnswers, message: string, o: Parameters<typeof askText>[1]) => {
    if (!want.includes(k) || out[k] !== undefined) return;
    out[k] = await askText(message, { ...o, default: defaults[k] || undefined });
  };
  await ask('unit', '单位名称（如 青山乡、青山镇、某某县信访局）', { required: true, kind: 'name' });
  await ask('code', '单位代码（案件编号的前缀，如 QS）', { required: true, kind: 'ref', validate: codeProblem });
  await ask('station', '本机工作站字母（每台电脑一个，如 A、B）', { required: true, kind: 'ref', validate: stationProblem });
  await ask('clerk', '登记人姓名（本机登记、提交时记下的经办人）', { required: true, kind: 'name' });
  await ask('phone', '信访办电话（写在公示上供群众预约，如 0830-5551234；可空）', { kind: 'line', validate: (v) => officePhoneProblem(v) ?? true });
  await ask('address', '信访办地址（写在公示上；可空）', { kind: 'line' });
  return out;
}
