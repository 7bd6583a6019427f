// Reading an old register for `xinfang import`: an .xlsx (the first worksheet, exceljs) or a
// .csv (UTF-8 with or without BOM, or GBK as older Excel saves it), as a header row and rows
// of text cells; and the column mapping — the usual 登记表 headers by default, or a
// `--map map.yaml` naming, for each field, the header of the column that holds it.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { parseYamlText } from '../ledger/yamlfile.js';
import { z } from 'zod';

/** The fields an import fills, with the usual 登记表 header first and other common spellings. */
export const IMPORT_FIELDS = {
  number: ['编号', '序号', '登记编号', '原编号', '案件编号'],
  date: ['来访日期', '日期', '来访时间', '登记日期', '信访日期'],
  name: ['姓名', '信访人', '来访人', '信访人姓名', '来访人姓名'],
  id_number: ['身份证号', '身份证号码', '身份证'],
  phone: ['联系电话', '电话', '手机', '手机号', '联系方式'],
  address: ['住址', '地址', '家庭住址', '现住址'],
  people: ['人数', '来访人数'],
  purpose: ['信访目的', '目的'],
  category: ['内容分类', '问题分类', '问题类别', '分类'],
  summary: ['诉求摘要', '反映问题', '主要诉求', '来访事由', '问题摘要', '诉求'],
  leader: ['接访领导', '接待领导'],
  opinion: ['处理意见', '领导处理意见'],
  result: ['办理结果', '处理结果'],
  channel: ['信访形式', '渠道', '来访方式'],
  sex: ['性别'],
  respondent: ['被反映人'],
  locality: ['问题属地', '属地'],
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
export const REQUIRED_FIELDS: ImportField[] = ['date', 'name', 'purpose', 'category', 'summary'];
/** A field's name as clerks know it: its usual header. */
export const fieldZh = (f: ImportField): string => IMPORT_FIELDS[f][0];

export interface Sheet {
  headers: string[];
  /** Each row's cells as text, and its row number in the file (1 = the header row). */
  rows: { line: number; cells: string[] }[];
}

/** Text of an exceljs cell value (dates as YYYY-MM-DD, formulas by their result). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error !== undefined) return '';
    return '';
  }
  return String(v).trim();
}

async function readXlsx(path: string): Promise<Sheet> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new InputError(`FILE（登记表）：无法读取 Excel 文件 ${path}（${(e as Error).message}）；应为 .xlsx 格式（旧的 .xls 请先在 Excel 中另存为 .xlsx）`, 'bad_file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new InputError(`FILE（登记表）：${path} 中没有工作表`, 'bad_file');
  const all: { line: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    all.push({ line: n, cells: Array.from(cells, (c) => c ?? '') });
  });
  return toSheet(all, path);
}

/** The header row is the first row naming at least two known headers (a title row above it is skipped). */
function toSheet(all: { line: number; cells: string[] }[], path: string): Sheet {
  const known = new Set<string>(Object.values(IMPORT_FIELDS).flat());
  const h = all.findIndex((r) => r.cells.filter((c) => known.has(norm(c))).length >= 2);
  const at = h < 0 ? 0 : h;
  const head = all[at];
  if (!head) throw new InputError(`FILE（登记表）：${path} 是空的`, 'bad_file');
  const rows = all.slice(at + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { headers: head.cells.map(norm), rows };
}

const norm = (s: string) => s.replace(/[\s\u3000]+/g, '').replace(/[（(].*[)）]$/, '');

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

function decode(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Not UTF-8: a CSV saved by an older Excel in China is GBK.
    return new TextDecoder('gbk').decode(buf);
  }
}

function readCsv(path: string): Sheet {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(`FILE（登记表）：无法读取 ${path}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, 'bad_file');
  }
  const rows = parseCsv(decode(buf)).map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c.trim().replace(/^'(?=[=+\-@])/, '')) }));
  return toSheet(rows, path);
}

export async function readSheet(path: string): Promise<Sheet> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return readXlsx(path);
  if (ext === '.csv') return readCsv(path);
  throw new InputError(`FILE（登记表）：不支持的文件类型“${ext || '（无扩展名）'}”；应为 .xlsx 或 .csv`, 'bad_file');
}

const MapFile = z.record(z.string(), z.string().min(1));

/** Field → column index. With a map file, its entries replace the default for those fields. */
export function columnMap(sheet: Sheet, mapPath?: string): Map<ImportField, number> {
  const byZh = new Map<string, ImportField>(Object.keys(IMPORT_FIELDS).map((k) => [fieldZh(k as ImportField), k as ImportField]));
  const out = new Map<ImportField, number>();
  for (const f of Object.keys(IMPORT_FIELDS) as ImportField[]) {
    const i = sheet.headers.findIndex((h) => (IMPORT_FIELDS[f] as readonly string[]).includes(h));
    if (i >= 0) out.set(f, i);
  }
  if (mapPath) {
    let text: string;
    try {
      text = readFileSync(mapPath, 'utf8');
    } catch (e) {
      throw new InputError(`--map（列对照表）：无法读取 ${mapPath}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, 'bad_file');
    }
    const r = parseYamlText(mapPath, text, MapFile);
    if (!r.ok) throw new InputError(`--map（列对照表）${mapPath} 有错误：${r.problems.map((p) => `第 ${p.line} 行 ${p.message}`).join('；')}。应为“字段: 列标题”，如“来访日期: 接访时间”`, 'bad_map');
    for (const [k, header] of Object.entries(r.value)) {
      const f = (k in IMPORT_FIELDS ? k : byZh.get(k)) as ImportField | undefined;
      if (!f) throw new InputError(`--map（列对照表）：不认识的字段“${k}”。可用：${(Object.keys(IMPORT_FIELDS) as ImportField[]).map(fieldZh).join('、')}`, 'bad_map');
      const i = sheet.headers.indexOf(norm(header));
      if (i < 0) throw new InputError(`--map（列对照表）：${k} 对应的列“${header}”不在登记表的表头中（表头：${sheet.headers.filter(Boolean).join('、')}）`, 'bad_map');
      out.set(f, i);
    }
  }
  const missing = REQUIRED_FIELDS.filter((f) => !out.has(f));
  if (missing.length) {
    throw new InputError(
      `登记表缺少必需的列：${missing.map(fieldZh).join('、')}（表头：${sheet.headers.filter(Boolean).join('、') || '无'}）。列名不同时用 --map 对照，如 map.yaml 写“${fieldZh(missing[0]!)}: 你的列标题”`,
      'missing_column',
    );
  }
  return out;
}
