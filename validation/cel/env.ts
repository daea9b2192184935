// The CEL environment kube-apiserver gives CRD validation rules: `self` and `oldSelf`, optional types,
// and Kubernetes' libraries. Built once, on first use.
import { Environment } from '@marcbachmann/cel-js';
import { registerComprehensions } from './library/comprehensions.js';
import { registerFormat } from './library/format.js';
import { registerLists } from './library/lists.js';
import { registerEncoders, registerMath, registerSets } from './library/misc.js';
import { registerNet } from './library/net.js';
import { registerQuantity } from './library/quantity.js';
import { registerRegex } from './library/regex.js';
import { registerSemver } from './library/semver.js';
import { registerStrings } from './library/strings.js';
import { registerURL } from './library/url.js';

let base: Environment | undefined;
const shared = new Map<string, Environment>();

/**
 * The environment for rules whose `self` has the type given (dyn where the schema leaves it open); with
 * `optionalOldSelf`, oldSelf is an optional of it (rule.optionalOldSelf).
 */
export function celEnvironment(optionalOldSelf = false, selfType = 'dyn'): Environment {
  const key = `${optionalOldSelf} ${selfType}`;
  let env = shared.get(key);
  if (!env) {
    env = libraries().clone();
    env.registerVariable('self', selfType);
    env.registerVariable('oldSelf', optionalOldSelf ? `optional<${selfType}>` : selfType);
    shared.set(key, env);
  }
  return env;
}

function libraries(): Environment {
  if (base) return base;
  const env = new Environment({
    unlistedVariablesAreDyn: false,
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    limits: {
      maxAstNodes: 100000,
      maxDepth: 250,
      maxListElements: 100000,
      maxMapEntries: 100000,
      maxCallArguments: 32,
    },
  });
  for (const register of [
    registerStrings,
    registerLists,
    registerRegex,
    registerURL,
    registerQuantity,
    registerNet,
    registerFormat,
    registerSemver,
    registerSets,
    registerMath,
    registerEncoders,
    registerComprehensions,
  ]) {
    register(env);
  }
  base = env;
  return env;
}

export { unsupportedFunctions } from './unsupported.js';
