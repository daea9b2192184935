// `kubegen validate -f FILE|DIR|-`: manifests checked offline as kube-apiserver checks them on create, against the
// schemas and CRD rules of the inputs `generate` reads. Exit 0 when every object is valid, 1 when any is not, 2 on a
// usage or input error, so that CI can tell a bad manifest from a bad invocation.
import { type Command, Option } from 'commander';
import { addInputOptions } from '../input-options.js';
import type { ValidateFlags } from '../validate/run.js';

export function registerValidate(program: Command): void {
  const command = program
    .command('validate')
    .description('check manifests against OpenAPI schemas and CRD rules (CEL) as kube-apiserver would, offline')
    .requiredOption(
      '-f, --filename <path...>',
      'a manifest file, a folder (searched for .yaml, .yml and .json files), or - for stdin; repeatable',
    );
  addInputOptions(command)
    .addOption(new Option('-o, --output <format>', 'how results are printed').choices(formats).default('text'))
    // commander's own usage errors exit 1, which here means "invalid manifests".
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (flags: ValidateFlags) => {
      const { runValidate } = await import('../validate/run.js');
      process.exitCode = await runValidate(flags, { stdout: process.stdout, stderr: process.stderr });
    });
}

const formats = ['text', 'json', 'junit'];
