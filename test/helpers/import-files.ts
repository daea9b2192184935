// One process of the fast tier (see test/run.ts): imports the test files named on its command line one after
// another. Each file's tests are queued as it loads and run in that order, as if each file had a process alone.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
