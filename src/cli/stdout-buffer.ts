// Standard output of the process, gathered into larger writes when it is a file or a pipe:
// `due` or a long list print thousands of lines, and a write each is a system call each. A
// terminal gets every write at once (prompts and progress must show). The gathered text is
// written out when it passes 64 KB, before anything goes to standard error (so the two keep
// their order when both go to one place), and when the process exits.
const LIMIT = 64 * 1024;

let pending: string[] = [];
let size = 0;
let hooked = false;

/** Writes out whatever is gathered. */
export function flushStdout(): void {
  if (!size) return;
  const text = pending.join('');
  pending = [];
  size = 0;
  process.stdout.write(text);
}

/** The writer of standard output: gathering when it is not a terminal. */
export function stdoutWriter(): (s: string) => void {
  if (process.stdout.isTTY) return (s) => void process.stdout.write(s);
  if (!hooked) {
    hooked = true;
    // Files and pipes are written synchronously on exit (Node on Linux and macOS).
    process.once('exit', () => {
      try {
        flushStdout();
      } catch {
        /* a reader that went away (EPIPE) */
      }
    });
  }
  return (s) => {
    pending.push(s);
    size += s.length;
    if (size >= LIMIT) flushStdout();
  };
}
