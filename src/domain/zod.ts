// zod's configuration for every schema of the tool. Import this module (for its effect)
// before `import { z } from 'zod'` in every file that builds schemas.
// zod compiles a fast validator for each object schema (new Function) — decided when the
// schema is built — which costs a command that validates a handful of files more than it
// ever wins back (the first parse of xinfang.yaml: 16 ms compiled, 5 ms without). Worker
// threads exist only to validate thousands of case files (an index rebuild): there it pays.
import { isMainThread } from 'node:worker_threads';
import { config } from 'zod';

config({ jitless: isMainThread });
