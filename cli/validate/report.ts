// How results are printed: `text` (one line per error, `file:line:column: …`, as compilers print them), `json` (one
// document, written object by object as files are checked; shape in docs/validate.md), `junit` (for CI test views).
import type { Writable } from 'node:stream';
import { type ObjectReport, objectName } from './check.js';
import { errorText, type Reporter } from './reporter.js';

export type OutputFormat = 'text' | 'json' | 'junit';

export async function createReporter(format: OutputFormat, out: Writable, err: Writable): Promise<Reporter> {
  if (format === 'json') return jsonReporter(out);
  if (format === 'junit') return (await import('./junit.js')).junitReporter(out);
  return textReporter(out, err);
}

function textReporter(out: Writable, err: Writable): Reporter {
  return {
    object(r) {
      const name = objectName(r);
      for (const e of r.errors)
        out.write(`${r.file}:${e.line}:${e.column}: ${name ? `${name}: ` : ''}${errorText(e)}\n`);
    },
    end(s) {
      const counted = `${plural(s.objects, 'object')} in ${plural(s.files, 'file')}`;
      err.write(
        s.invalid
          ? `kubegen: ${counted}: ${s.invalid} invalid (${plural(s.errors, 'error')})\n`
          : `kubegen: ${counted}, all valid\n`,
      );
    },
  };
}

function jsonReporter(out: Writable): Reporter {
  let first = true;
  out.write('{"objects":[');
  return {
    object(r) {
      out.write(`${first ? '\n' : ',\n'}${JSON.stringify(jsonObject(r))}`);
      first = false;
    },
    end(s) {
      const summary = { ...s, valid: s.objects - s.invalid };
      out.write(`${first ? '' : '\n'}],\n"summary":${JSON.stringify(summary)}}\n`);
    },
  };
}

function jsonObject(r: ObjectReport) {
  const { errors, ...where } = r;
  return { ...where, valid: errors.length === 0, errors };
}

export function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
