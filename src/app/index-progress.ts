// What a full rebuild of the case index shows while it runs (the first command of a fresh
// clone, or after a new version, a changed deadline rule or an imported calendar: ~25 s at
// 100,000 cases). The CLI sets it for a terminal; caseStore hands it to the index.
export type IndexProgress = (done: number, total: number) => void;

let shown: IndexProgress | undefined;

export function setIndexProgress(fn: IndexProgress | undefined): void {
  shown = fn;
}

export function indexProgress(): IndexProgress | undefined {
  return shown;
}
