// Values from the ledger cannot become markup: <script>, <img onerror> and | in names,
// titles, summaries and places are escaped in every Markdown output (escapeMarkdown) and
// every HTML output (our renderer, liquid's outputEscape); a table keeps its columns. The
// HTML pages are opened in headless Chromium: no script ran, no <img> exists.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIn, tempDir } from '../helpers/index.js';
import { CHROMIUM, chromium, warnIfMissing } from '../helpers/chromium.js';
import { buildOutputFixture, type OutputFixture } from './output-fixture.js';

let fx: OutputFixture;
beforeAll(async () => {
  fx = await buildOutputFixture();
}, 120_000);

const cli = async (args: string[]) => {
  const r = await runIn(args, { cwd: fx.root });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

/** The cells of a Markdown table row: split at pipes that are not backslash-escaped. */
const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/);

function expectSafeMarkdown(md: string, img = true) {
  // No raw HTML but our own <br>: every < from the data is an entity.
  expect(md.replace(/<br>/g, '')).not.toMatch(/</);
  expect(md).toContain('&lt;script&gt;');
  if (img) expect(md).toContain('&lt;img src=x onerror=');
  // Every row of every table has as many cells as its header.
  const lines = md.split('\n');
  let width = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.startsWith('|')) {
      width = 0;
      continue;
    }
    if (width === 0) width = cells(l).length;
    else expect(cells(l).length, `line ${i + 1}: ${l}`).toBe(width);
  }
  // No line that the data could turn into a heading, quote or list of its own.
  for (const l of lines) if (/^(#|>|[-+*] |\d+[.)] )/.test(l)) expect(l).toMatch(/^(# |## |> 注|> [^<]|- |\d)/);
}

describe('Markdown', () => {
  it('roster publish --format md: a leader title with | and <script>, a portfolio with |', async () => {
    const md = await cli(['roster', 'publish', '--month', '2026-11', '--format', 'md']);
    expectSafeMarkdown(md, false);
    expect(md).toContain('副书记\\|兼\\|');
  });

  it('report register --format md: a summary with <script>, <img onerror> and pipes', async () => {
    const md = await cli(['report', 'register', '--quarter', '2026Q4', '--format', 'md']);
    expectSafeMarkdown(md);
    expect(md).toContain('甲\\|乙\\|丙');
  });

  it('report stats --format md: a locality with <img onerror>', async () => {
    const md = await cli(['report', 'stats', '--quarter', '2026Q4', '--format', 'md', '--by', 'area']);
    expect(md.replace(/<br>/g, '')).not.toMatch(/</);
    expect(md).toContain('&lt;img src=x onerror=');
  });
});

describe('iCalendar', () => {
  it('a leader name with a carriage return and controls cannot start a property of its own', async () => {
    // Into a file: what reaches the screen is cleaned anyway (output-terminal.test.ts).
    const file = join(tempDir(), 'r.ics');
    await cli(['roster', 'publish', '--month', '2026-11', '--format', 'ics', '-o', file]);
    const ics = readFileSync(file, 'utf8');
    const lines = ics.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
    for (const l of lines) expect(l, JSON.stringify(l)).toMatch(/^(BEGIN|END|VERSION|PRODID|CALSCALE|METHOD|X-WR-[A-Z]+|TZID|DTSTART|DTEND|TZOFFSETFROM|TZOFFSETTO|TZNAME|UID|DTSTAMP|SUMMARY|LOCATION|DESCRIPTION|TRANSP)[:;]/);
    expect(ics).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/);
  });
});

describe('HTML in headless Chromium', () => {
  warnIfMissing('HTML 输出中的脚本是否被转义');
  const dump = (html: string) => {
    const file = join(tempDir(), 'page.html');
    writeFileSync(file, html);
    const r = chromium(['--dump-dom', '--virtual-time-budget=2000'], file);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const expectInert = (dom: string) => {
    expect(dom).toContain('&lt;script&gt;'); // the text is shown …
    expect(dom).not.toMatch(/<script/i); // … but no script element exists
    expect(dom).not.toMatch(/<img/i);
    expect(dom).not.toMatch(/<title>[^<]*PWNED/); // no script changed the page's title
  };

  it.skipIf(!CHROMIUM)('roster publish --format html, report register and stats --format html', async () => {
    const out = tempDir();
    await cli(['roster', 'publish', '--month', '2026-11', '--format', 'html', '-o', join(out, 'r.html')]);
    await cli(['report', 'register', '--quarter', '2026Q4', '--format', 'html', '-o', join(out, 'g.html')]);
    await cli(['report', 'stats', '--quarter', '2026Q4', '--format', 'html', '-o', join(out, 's.html')]);
    for (const f of ['r.html', 'g.html', 's.html']) expectInert(dump(readFileSync(join(out, f), 'utf8')));
  }, 120_000);

  it.skipIf(!CHROMIUM)('the check itself: the same values unescaped would run (so the test can fail)', () => {
    const dom = dump('<html><head><title>t</title></head><body><p>x</p><script>document.title="PWNED"</script><img src=x onerror="document.title=\'PWNED\'"></body></html>');
    expect(dom).toMatch(/<img/i);
    expect(dom).toMatch(/<title>[^<]*PWNED/);
  }, 60_000);
});
