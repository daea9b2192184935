// `kubegen validate` from flags to exit code: the manifests named and the schemas read first (any failure there is a
// usage or input error, exit 2, before a result is printed), then file by file — read, parsed, each object checked
// and reported before the next file is read — with every kind's schema and rules compiled once, on first use.
import type { Readable, Writable } from 'node:stream';
import type { InputFlags } from '../../core/source/inputs/index.js';
import { checkObject, prepareRules, problemReport } from './check.js';
import { manifestSources } from './files.js';
import type { ManifestObject, ManifestProblem } from './manifest.js';
import { isJsonManifest, readPlainJson } from './plain-json.js';
import { createReporter, type OutputFormat } from './report.js';
import type { Summary } from './reporter.js';
import { loadValidator } from './schemas.js';

export interface ValidateFlags extends InputFlags {
  filename: string[];
  output: OutputFormat;
}

export interface ValidateIO {
  stdout: Writable;
  stderr: Writable;
  /** What `-f -` reads (default: the process's stdin). */
  stdin?: Readable;
  /** Where schemas are kept between runs (default: kubegen's cache); false reads the inputs every time. */
  cache?: string | false;
}

/** 0 when every object is valid, 1 when any is not (or cannot be read), 2 on a usage or input error. */
export async function runValidate(flags: ValidateFlags, io: ValidateIO): Promise<number> {
  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open(flags, io);
  } catch (err) {
    io.stderr.write(`kubegen: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const { sources, validator } = opened;
  const reporter = await createReporter(flags.output, io.stdout, io.stderr);
  const summary: Summary = { files: 0, objects: 0, invalid: 0, errors: 0 };
  for (const source of sources) {
    let text: string;
    try {
      text = await source.read();
    } catch (err) {
      // Gone or unreadable since it was listed: an input error, like a missing file before the run.
      io.stderr.write(`kubegen: -f ${source.name}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    summary.files++;
    const objects = await readObjects(source.name, text);
    for (const parsed of objects) {
      if (parsed.ok) await prepareRules(validator, parsed.value);
      const report = parsed.ok ? await checkObject(validator, source.name, parsed) : problemReport(source.name, parsed);
      summary.objects++;
      if (report.errors.length) summary.invalid++;
      summary.errors += report.errors.length;
      reporter.object(report);
    }
  }
  reporter.end(summary);
  return summary.invalid ? 1 : 0;
}

// The syntax tree (and the library that builds it) only for a file the fast reading leaves.
async function readObjects(name: string, text: string): Promise<(ManifestObject | ManifestProblem)[]> {
  return (await readPlain(name, text)) ?? (await import('./documents.js')).parseManifest(name, text);
}

/** The fast reading: JSON.parse for JSON (no YAML library loads), js-yaml for YAML; undefined when it cannot. */
export async function readPlain(name: string, text: string): Promise<ManifestObject[] | undefined> {
  return isJsonManifest(name, text)
    ? readPlainJson(name, text)
    : (await import('./plain.js')).readPlainManifest(name, text);
}

async function open(flags: ValidateFlags, io: ValidateIO) {
  if (!['text', 'json', 'junit'].includes(flags.output))
    throw new Error(`--output ${flags.output}: expected text, json or junit`);
  const [sources, validator] = await Promise.all([
    manifestSources(flags.filename, io.stdin ?? process.stdin),
    loadValidator(flags, io.cache),
  ]);
  return { sources, validator };
}
