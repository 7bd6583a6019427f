// What writing to the ledger takes, loaded only by a command that writes (on-demand.ts):
// YAML output, the transactional write and commit, locks, git.
export { toYaml } from './yamlfile.js';
export { gitConfig, isGitRepo } from './git.js';
export { describeRecovered, recoverPending, writeFiles } from './txn.js';
export { withLock } from './lock.js';
