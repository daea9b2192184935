// `kubegen generate` on hostile inputs, as a user runs it, each in its own process held to a 1 GiB heap: the alias
// bomb and the deep schema end at once with one located line; a 50 MB spec generates in bounded memory.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aliasBombYaml, bigSpecJson, deepSchema, specWith } from '../helpers/hostile-specs.ts';
import { cliPath, runNode } from '../helpers/e2e-cli.ts';
import { projectRoot } from '../helpers/shared.ts';

const work = join(projectRoot, 'test', '.work', 'cli-hostile');
const GiB = 1024 ** 3;

interface Run {
  code: number | null;
  stderr: string;
  ms: number;
  /** Peak resident memory of the process, in bytes. */
  peak: number;
  /** CPU time of the process (user and system), in milliseconds: on a busy machine, steadier than `ms`. */
  cpu: number;
}

/** `kubegen generate --spec FILE`, with a 1 GiB heap; the process reports its peak memory and CPU time as it exits. */
async function generate(spec: string, out: string, timeoutMs = 120_000): Promise<Run> {
  const report = join(work, 'peak.txt');
  const preload = join(work, 'peak.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ peak: u.maxRSS * 1024, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 })); });\n`,
  );
  const run = await runNode(
    ['--max-old-space-size=1024', '--require', preload, cliPath, 'generate', '--spec', spec, '--out', out],
    { timeoutMs },
  );
  const { peak, cpu } = JSON.parse(readFileSync(report, 'utf8')) as { peak: number; cpu: number };
  return { code: run.code, stderr: run.stderr, ms: run.ms, peak, cpu };
}

function describeRun(run: Run): string {
  const time = `${Math.round(run.ms)} ms (CPU ${Math.round(run.cpu)} ms)`;
  return `${time}, peak ${Math.round(run.peak / 1024 ** 2)} MiB: ${run.stderr.trim().slice(0, 200)}`;
}

describe('kubegen generate on hostile inputs', () => {
  before(() => mkdirSync(work, { recursive: true }));
  after(() => rmSync(work, { recursive: true, force: true }));

  // "Within 10 s" is CPU time: wall time on a shared machine also counts everyone else's work.
  it('the alias bomb: one located line within 10 s', async (t) => {
    const spec = join(work, 'bomb.yaml');
    writeFileSync(spec, aliasBombYaml(1_000, 2_000));
    const run = await generate(spec, join(work, 'out-bomb'));
    t.diagnostic(describeRun(run));
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^kubegen: \S+bomb\.yaml:\d+:\d+#\/components\/schemas\/\S+: alias \*big takes the document past/,
    );
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.ok(run.cpu < 10_000 && run.peak < GiB, describeRun(run));
  });

  it('a schema nested 400 levels deep: one located line within 10 s', async (t) => {
    const spec = join(work, 'deep.json');
    writeFileSync(spec, JSON.stringify(specWith(deepSchema(400))));
    const run = await generate(spec, join(work, 'out-deep'));
    t.diagnostic(describeRun(run));
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^kubegen: \S+deep\.json:1:\d+#\/components\/schemas\/\S+: nested deeper than 128 levels\n$/,
    );
    assert.ok(run.cpu < 10_000 && run.peak < GiB, describeRun(run));
  });

  it('a 50 MB spec generates within 1 GiB', async (t) => {
    const spec = join(work, 'big.json');
    writeFileSync(spec, bigSpecJson(50e6));
    assert.ok(statSync(spec).size >= 50e6);
    const out = join(work, 'out-big');
    const run = await generate(spec, out, 600_000);
    t.diagnostic(describeRun(run));
    assert.equal(run.code, 0, run.stderr);
    // Every schema of the spec is declared: one interface per part.
    const parts = readFileSync(spec, 'utf8').match(/"dev\.kubegen\.hostile\.v1\.Part\d+":/g)?.length ?? 0;
    const written = readFileSync(join(out, 'hostile.kubegen.dev', 'v1.ts'), 'utf8').match(
      /^export interface Part\d+ /gm,
    );
    assert.ok(parts > 1000);
    assert.equal(written?.length, parts);
    assert.ok(run.peak < GiB, describeRun(run));
    // About 12 s of CPU: a bound that catches a blow-up (the alias bomb took minutes), not a benchmark.
    assert.ok(run.cpu < 60_000, describeRun(run));
  });
});
