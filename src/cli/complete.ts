// Shell completion: `xinfang completion bash|zsh` prints a script whose function calls the
// hidden `xinfang __complete WORD…` with the words typed so far (the last one being completed);
// that prints the candidates, one a line: subcommands, options, and the names of this
// ledger's leaders and units and its case numbers (read through the case index, so it stays
// fast at a county's size). Any problem — no ledger, a damaged file — gives no candidates.
import type { Command, Option } from 'commander';
import type { IO } from './context.js';

export const SHELLS = ['bash', 'zsh'] as const;

export function completionScript(shell: (typeof SHELLS)[number]): string {
  if (shell === 'bash')
    return `# xinfang 的 bash 补全：加入 ~/.bashrc（xinfang completion bash >> ~/.bashrc），或 source 本文件
_xinfang() {
  local IFS=$'\\n'
  COMPREPLY=( $(xinfang __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) )
}
complete -o default -F _xinfang xinfang
`;
  return `#compdef xinfang
# xinfang 的 zsh 补全：加入 ~/.zshrc（xinfang completion zsh >> ~/.zshrc），或 source 本文件
_xinfang() {
  local -a candidates
  candidates=("\${(@f)$(xinfang __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -a candidates
}
if (( $+functions[compdef] )); then compdef _xinfang xinfang; fi
`;
}

/** Options that name a leader, a unit or a case, whatever the command. */
const LEADER_OPTIONS = new Set(['--leader', '--replace']);
const UNIT_OPTIONS = new Set(['--unit']);
const CASE_OPTIONS = new Set(['--case']);

function takesValue(o: Option | undefined): boolean {
  return !!o && (o.required || o.optional);
}

function findOption(cmds: Command[], flag: string): Option | undefined {
  for (const c of cmds) {
    const o = c.options.find((x) => x.long === flag || x.short === flag);
    if (o) return o;
  }
  return undefined;
}

/** The candidates for the last of `words` (the words after `xinfang`). */
export async function completeWords(root: Command, words: string[], io: Pick<IO, 'cwd' | 'env'>): Promise<string[]> {
  const cur = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  let node = root;
  const path: Command[] = [root];
  let ledgerOpt: string | undefined;
  let args = 0;
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    if (w.startsWith('-')) {
      const [flag, inline] = w.split('=', 2) as [string, string | undefined];
      const o = findOption(path, flag);
      if (takesValue(o) && inline === undefined) {
        if (flag === '--ledger') ledgerOpt = before[i + 1];
        i++;
      } else if (flag === '--ledger') ledgerOpt = inline;
      continue;
    }
    const sub = node.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (sub && args === 0) {
      node = sub;
      path.push(sub);
    } else args++;
  }
  const prev = before.at(-1);
  const prevOption = prev?.startsWith('-') && !prev.includes('=') ? findOption(path, prev) : undefined;
  const starts = (xs: string[]) => xs.filter((x) => x.startsWith(cur));

  let kind: 'leader' | 'unit' | 'case' | undefined;
  if (prevOption && takesValue(prevOption)) {
    const long = prevOption.long ?? '';
    if (LEADER_OPTIONS.has(long)) kind = 'leader';
    else if (UNIT_OPTIONS.has(long)) kind = 'unit';
    else if (CASE_OPTIONS.has(long)) kind = 'case';
    else if (prevOption.argChoices) return starts(prevOption.argChoices);
    else return [];
  } else if (cur.startsWith('-')) {
    const flags = path.flatMap((c) => c.options.filter((o) => !o.hidden).flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)));
    return starts([...new Set([...flags, '--help'])]);
  } else {
    const subs = node.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden).map((c) => c.name());
    if (subs.length) return starts(subs);
    const arg = node.registeredArguments[args]?.name();
    if (arg === 'ID' || arg === 'ID1') kind = 'case';
    else if (arg === 'LEADER') kind = 'leader';
    else return [];
  }
  return names(kind!, cur, ledgerOpt, io);
}

async function names(kind: 'leader' | 'unit' | 'case', cur: string, ledgerOpt: string | undefined, io: Pick<IO, 'cwd' | 'env'>): Promise<string[]> {
  try {
    const { findLedger, Ledger } = await import('../ledger/ledger.js');
    const ledger = Ledger.open(findLedger(io.cwd, ledgerOpt, io.env.XINFANG_LEDGER));
    if (kind === 'leader') return ledger.leaders().leaders.filter((l) => l.active).map((l) => l.name).filter((n) => n.startsWith(cur));
    if (kind === 'unit') return ledger.units().units.filter((u) => u.active).map((u) => u.name).filter((n) => n.startsWith(cur));
    // Case numbers from the index: the full number, or the short one (A0001) when that is typed.
    const { caseStore } = await import('../app/cases.js');
    const year = /^[A-Z][A-Z0-9]{1,7}-(\d{4})-/i.exec(cur)?.[1];
    const ids = caseStore(ledger).idsEndingWith('', year);
    const up = cur.toUpperCase();
    if (/^[A-Z]\d*$/.test(up) && up) return ids.map((id) => id.split('-')[2]!).filter((s) => s.startsWith(up));
    return ids.filter((id) => id.startsWith(up));
  } catch {
    return [];
  }
}
