// Waiting a while without leaving the current call (locks held by another process, a pipe
// that is full, an index another process is building): every command is synchronous there.
const CELL = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds. */
export function sleepSync(ms: number): void {
  Atomics.wait(CELL, 0, 0, ms);
}
