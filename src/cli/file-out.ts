// Output files (-o): written whole or not at all. The content goes into FILE.PID.tmp beside
// FILE, which is renamed over FILE only when complete; a failure removes the temporary file
// and says in Chinese why FILE could not be written (exit 2). Large outputs are written in
// pieces as they are made, so their size never has to fit in memory.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { InputError } from '../errors.js';

function failure(file: string, e: NodeJS.ErrnoException): InputError {
  const code = e.code ?? e.message;
  const why = code === 'ENOENT' ? '文件夹不存在' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? '没有写入权限' : code === 'EISDIR' ? '这是一个文件夹' : code === 'ENOSPC' ? '磁盘已满' : code;
  return new InputError(`-o（输出文件）：无法写入 ${file}（${why}）；请换一个位置`, 'bad_output');
}

/** Writes `file` by `write(tmp)` into a temporary file, then renames it over `file`. */
export async function writeOutputFile(file: string, write: (tmp: string) => Promise<void> | void): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await write(tmp);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    // Writing the file failed (opening, writing to its descriptor, renaming): say so. Any
    // other error (reading the ledger, say) is passed on as it is.
    const x = e as NodeJS.ErrnoException;
    if (e instanceof Error && typeof x.code === 'string' && x.syscall && (x.path === undefined || x.path === tmp || x.path === file)) throw failure(file, x);
    throw e;
  }
}

/** Text collected into pieces of about 64 kB, each handed to `put` (a file or the terminal). */
export class TextSink {
  private parts: string[] = [];
  private size = 0;

  constructor(private put: (s: string) => void) {}

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (!this.parts.length) return;
    const s = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.put(s);
  }
}

/** Writes text to `file` (through a temporary file) piece by piece as `fill` makes it. */
export async function writeTextFile(file: string, fill: (sink: TextSink) => Promise<void> | void): Promise<void> {
  await writeOutputFile(file, async (tmp) => {
    const fd = openSync(tmp, 'w');
    try {
      const sink = new TextSink((s) => writeSync(fd, s));
      await fill(sink);
      sink.flush();
    } finally {
      closeSync(fd);
    }
  });
}
