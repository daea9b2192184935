// kubegen.config.{json,mjs,ts}: loaded, validated, paths resolved against the file's folder.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/shared.ts';
import { findConfigFile, loadConfig } from '../../generator/pipeline/config.ts';

const dir = join(projectRoot, 'test', '.work', `config-${process.pid}`);

describe('config files', () => {
  before(() => mkdirSync(dir, { recursive: true }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JSON and resolves paths against the file', async () => {
    const file = join(dir, 'kubegen.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        spec: 'specs/v1.json',
        crd: ['crds/*.yaml'],
        out: 'gen',
        include: ['apps'],
        crdsOnly: true,
        emit: 'js',
        server: 'http://127.0.0.1:8001',
      }),
    );
    assert.equal(findConfigFile(dir), file);
    const config = await loadConfig(file);
    assert.deepEqual(config, {
      spec: [join(dir, 'specs/v1.json')],
      crd: [join(dir, 'crds/*.yaml')],
      out: join(dir, 'gen'),
      include: ['apps'],
      crdsOnly: true,
      emit: 'js',
      server: 'http://127.0.0.1:8001',
    });
    rmSync(file);
  });

  it('reads a .ts config with types, transpiled without a loader, and leaves no temp file', async () => {
    const file = join(dir, 'kubegen.config.ts');
    writeFileSync(
      file,
      `interface Local { out: string }\nconst local: Local = { out: 'generated' };\nexport default { ...local, spec: ['a.json'] as string[], check: true };\n`,
    );
    const config = await loadConfig(file);
    assert.deepEqual(config, { out: join(dir, 'generated'), spec: [join(dir, 'a.json')], check: true });
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.mjs')),
      [],
    );
    rmSync(file);
  });

  it('reads an .mjs config exporting a function', async () => {
    const file = join(dir, 'kubegen.config.mjs');
    writeFileSync(file, `export default async () => ({ out: 'x', exclude: ['batch/v1'] });\n`);
    assert.deepEqual(await loadConfig(file), { out: join(dir, 'x'), exclude: ['batch/v1'] });
    rmSync(file);
  });

  it('takes every flag of kubegen generate, --runtime-import, --import-extension and --concurrency included', async () => {
    const file = join(dir, 'kubegen.config.json');
    writeFileSync(file, JSON.stringify({ out: 'gen', runtimeImport: '@acme/k8s-runtime', concurrency: 2 }));
    assert.deepEqual(await loadConfig(file), {
      out: join(dir, 'gen'),
      runtimeImport: '@acme/k8s-runtime',
      concurrency: 2,
    });
    writeFileSync(file, JSON.stringify({ out: 'gen', importExtension: 'ts' }));
    assert.deepEqual(await loadConfig(file), { out: join(dir, 'gen'), importExtension: 'ts' });
    writeFileSync(file, JSON.stringify({ importExtension: '.ts' }));
    await assert.rejects(loadConfig(file), /at \/importExtension: must be "js" or "ts"/);
    writeFileSync(file, JSON.stringify({ concurrency: 0 }));
    await assert.rejects(loadConfig(file), /at \/concurrency: must be a positive whole number/);
    writeFileSync(file, JSON.stringify({ concurrency: '4' }));
    await assert.rejects(loadConfig(file), /at \/concurrency: must be a positive whole number/);
    rmSync(file);
  });

  it('takes a Kubernetes release as a string, and a mirror for its files', async () => {
    const file = join(dir, 'kubegen.config.json');
    writeFileSync(file, JSON.stringify({ kubernetes: '1.30', kubernetesSpecs: 'https://mirror.example/k8s' }));
    assert.deepEqual(await loadConfig(file), { kubernetes: '1.30', kubernetesSpecs: 'https://mirror.example/k8s' });
    // JSON reads 1.30 as 1.3: refused rather than read as another release.
    writeFileSync(file, '{ "kubernetes": 1.30 }');
    await assert.rejects(loadConfig(file), /at \/kubernetes: write the release as a string, e\.g\. "1\.35"/);
    rmSync(file);
  });

  it('names the file and key of a bad option', async () => {
    const file = join(dir, 'kubegen.config.json');
    writeFileSync(file, JSON.stringify({ ouput: 'gen' }));
    await assert.rejects(
      loadConfig(file),
      new RegExp(`^Error: ${file.replace(/[.]/g, '\\.')} at /ouput: unknown option`),
    );
    writeFileSync(file, JSON.stringify({ crdsOnly: 'yes' }));
    await assert.rejects(loadConfig(file), /at \/crdsOnly: must be true or false/);
    writeFileSync(file, '{ not json');
    await assert.rejects(loadConfig(file), /kubegen\.config\.json:1:3: invalid JSON/);
    rmSync(file);
  });
});
