// The registration fields `case correct` may change, and their Chinese names (apart from
// lifecycle.ts so that `case show` names them without loading the use cases).
export const CORRECTABLE = ['summary', 'respondent', 'locality', 'purpose', 'category', 'people', 'channel', 'receiver', 'place', 'mode', 'opinion', 'source'] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];
export const FIELD_ZH: Record<CorrectableField, string> = {
  summary: '诉求',
  respondent: '被反映人',
  locality: '问题属地',
  purpose: '信访目的',
  category: '内容分类',
  people: '人数',
  channel: '渠道',
  receiver: '接待领导',
  place: '接待地点',
  mode: '接访方式',
  opinion: '处理意见',
  source: '来源',
};
