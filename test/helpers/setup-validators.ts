// The validators of the office's files (src/ledger/validate-files.ts) are loaded on demand by
// require() of the built module beside readcache.ts — which the tests, running the sources,
// do not have. Loading the module here once per test file provides them (provideValidators).
import '../../src/ledger/validate-files.js';
