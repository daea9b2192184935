// `kubegen validate` run in-process, its output captured: for tests of the command and of what agrees with it.
import { Readable, Writable } from 'node:stream';
import { runValidate, type ValidateFlags } from '../../cli/validate/run.ts';

export interface ValidateRun {
  code: number;
  out: string;
  err: string;
}

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs the command with these flags (text output unless said), stdin text, and no schema cache unless given one. */
export async function runValidateCli(
  flags: Partial<ValidateFlags> & { filename: string[] },
  options: { stdin?: string; cache?: string | false } = {},
): Promise<ValidateRun> {
  const out = sink();
  const err = sink();
  const code = await runValidate(
    { output: 'text', ...flags },
    {
      stdout: out.stream,
      stderr: err.stream,
      stdin: Readable.from([options.stdin ?? '']),
      cache: options.cache ?? false,
    },
  );
  return { code, out: out.text(), err: err.text() };
}

export interface ReportedError {
  reason: string;
  field: string;
  message: string;
  line: number;
  column: number;
}

export interface JsonReport {
  objects: {
    file: string;
    document: number;
    item?: number;
    line: number;
    column: number;
    apiVersion?: string;
    kind?: string;
    namespace?: string;
    name?: string;
    valid: boolean;
    errors: ReportedError[];
  }[];
  summary: { files: number; objects: number; invalid: number; errors: number; valid: number };
}
