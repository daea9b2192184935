// `kubegen validate` on one file, as a pre-commit hook or CI step runs it: the built CLI, a fresh process each time,
// next to `kubegen --version` (process start and command registration) and `node -e 0`. Each case once with an
// empty cache (inputs parsed) and then warm (schemas from the cache), median of several runs, against the 300 ms
// start-up budget.
//   npm run build && npx tsx bench/validate-startup.ts [RUNS]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, sharedPath, sharedSkip } from '../test/helpers/shared.ts';

const runs = Number(process.argv[2] ?? 9);
const budgetMs = 300;
const cli = join(projectRoot, 'dist', 'cli', 'main.js');
// A folder with its own node_modules, so that the CLI's cache lives (and starts empty) there.
const work = join(projectRoot, 'test', '.work', `bench-validate-${process.pid}`);

function timed(args: string[]): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const repeat = (args: string[]) => median(Array.from({ length: runs }, () => timed(args)));

function measure(name: string, file: string, inputs: string[], base: number): boolean {
  rmSync(join(work, 'node_modules', '.cache'), { recursive: true, force: true });
  const cold = timed([cli, 'validate', '-f', file, ...inputs]);
  const warm = repeat([cli, 'validate', '-f', file, ...inputs]);
  const ok = warm < budgetMs;
  console.log(
    `${name.padEnd(34)} empty cache ${cold.toFixed(0).padStart(5)} ms   cached ${warm.toFixed(0).padStart(4)} ms (${(warm - base).toFixed(0)} ms over --version)   ${ok ? 'within' : 'OVER'} ${budgetMs} ms`,
  );
  return ok;
}

mkdirSync(join(work, 'node_modules'), { recursive: true });
let ok = true;
try {
  const node = repeat(['-e', '0']);
  const base = repeat([cli, '--version']);
  console.log(
    `node -e 0                          ${node.toFixed(0)} ms;  kubegen --version ${base.toFixed(0)} ms (median of ${runs})`,
  );
  const fixtures = join(projectRoot, 'test', 'fixtures');
  const example = [
    '--spec',
    join(projectRoot, 'examples', 'widgets-api.yaml'),
    '--crd',
    join(fixtures, 'validate', 'rockets-crd.yaml'),
  ];
  ok =
    measure('example spec + CRD with rules', join(fixtures, 'validate', 'manifests', 'valid.yaml'), example, base) &&
    ok;
  if (sharedSkip) console.log(`shared cases skipped: ${sharedSkip}`);
  else {
    const deployment = join(work, 'deployment.json');
    writeFileSync(
      deployment,
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { selector: {}, template: {} },
      }),
    );
    const gateway = join(work, 'gateway.yaml');
    writeFileSync(
      gateway,
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: web}\nspec:\n  gatewayClassName: eg\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n',
    );
    const spec = ['--spec', sharedPath('specs', 'v2', 'kubernetes-1.35.json')];
    ok = measure('1.35 spec, a Deployment', deployment, spec, base) && ok;
    const gatewayApi = [...spec, '--crd', sharedPath('crds', 'gateway-api', 'standard')];
    ok = measure('1.35 spec + Gateway API, a Gateway', gateway, gatewayApi, base) && ok;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
