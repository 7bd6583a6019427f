// The case file and its events: their types and the names of their values. A case (信访事项)
// is its registration plus an append-only list of events; everything else — status, owner,
// deadlines, flags — is computed from them (src/domain/case.ts). The zod schemas of the file
// and of each event are in event-schemas.ts, loaded only where a case file is validated (a
// daily read of the index never needs them).
export type { Petitioner, Event, EventType, EventOf, NewEvent, CaseFile } from './event-schemas.js';

export const CHANNELS = {
  visit: '来访',
  letter: '来信',
  online: '网上信访',
  hotline: '来电',
  mailbox: '信箱',
  fax: '传真',
  suggestion: '人民建议',
  instruction: '领导批示',
  assigned: '上级交办',
} as const;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_ALIASES: Record<string, Channel> = { 热线: 'hotline', 电话: 'hotline', 来电热线: 'hotline', 网信: 'online', 网上: 'online', 交办: 'assigned', 转送: 'assigned', 批示: 'instruction' };
/** Channels the duty leader must read and instruct on (亲自阅批). */
export const WRITTEN_CHANNELS: Channel[] = ['letter', 'online', 'hotline', 'mailbox', 'fax', 'suggestion', 'instruction', 'assigned'];

export const MODES_ZH = { fixed: '定点接访', appointment: '重点约访', onsite: '带案下访' } as const;
export type ReceptionMode = keyof typeof MODES_ZH;

export const DISPOSITIONS = {
  'on-the-spot': '当场解决',
  promised: '限期解决',
  explained: '解释说明',
  channel: '指明渠道',
  legal: '法律途径',
  assistance: '个案帮扶',
} as const;
export const DECISIONS = { support: '予以支持', reject: '不予支持', explain: '解释说明' } as const;
export const SUPERVISION_FORMS = { phone: '电话督办', letter: '发函督办', interview: '约谈督办', meeting: '会议督办', listed: '挂牌督办', notice: '通报督办', onsite: '实地督办' } as const;
export const OPINIONS = { satisfied: '满意', 'basically-satisfied': '基本满意', dissatisfied: '不满意' } as const;
