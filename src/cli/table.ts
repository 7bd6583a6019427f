// Terminal tables with Chinese headers (cli-table3 measures CJK width correctly).
import Table from 'cli-table3';

export function table(head: string[], rows: (string | number)[][], opts: { colour?: boolean } = {}): string {
  const t = new Table({
    head,
    style: { head: opts.colour ? ['cyan'] : [], border: opts.colour ? ['grey'] : [] },
    wordWrap: true,
  });
  for (const r of rows) t.push(r.map((c) => String(c)));
  return t.toString();
}
