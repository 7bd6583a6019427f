// The written notices a case can produce; rendered by src/render/notice.ts (liquidjs is
// loaded only there, only when a notice is actually written).
export const NOTICE_KINDS = { accept: '受理告知书', decline: '不予受理告知书', extend: '延期告知书', reply: '答复意见书', supervise: '督办通知' } as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;
