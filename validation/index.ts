// @kubegen/validation: Kubernetes objects checked offline as kube-apiserver checks them, CEL rules included.
import { registerRuleEngine } from './cel/engine.js';
import * as rules from './cel/validate.js';

registerRuleEngine(rules);

export * from './core.js';
