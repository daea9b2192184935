// Where the Kubernetes project publishes a release's OpenAPI documents: `api/openapi-spec/` of its repository at the
// release tag, `swagger.json` for /openapi/v2 and `v3/<path>_openapi.json` for each /openapi/v3 document, the
// server path with `/` written `__` (`api/v1` → `v3/api__v1_openapi.json`), as upstream's update-openapi-spec
// script names them. The same layout under another base URL is a mirror.
import { SpecError } from '../../spec/errors.js';
import { compareStrings, isObject } from '../../spec/values.js';

export const DEFAULT_SPECS_BASE = 'https://raw.githubusercontent.com/kubernetes/kubernetes';
/** The environment variable naming a mirror; it wins over `kubernetesSpecs` in the config file. */
export const SPECS_VARIABLE = 'KUBEGEN_KUBERNETES_SPECS';

export const SWAGGER_FILE = 'api/openapi-spec/swagger.json';
const V3_FOLDER = 'api/openapi-spec/v3/';

/** Only names of this layout may come from a lock file, so a hand-edited one cannot reach outside the cache. */
const RELEASE_FILE = /^api\/openapi-spec\/(swagger\.json|v3\/[A-Za-z0-9][A-Za-z0-9._-]*_openapi\.json)$/;

export function isReleaseFile(file: string): boolean {
  return RELEASE_FILE.test(file) && !file.includes('..');
}

/** `apis/apps/v1` → `api/openapi-spec/v3/apis__apps__v1_openapi.json`. */
export function v3File(groupVersion: string): string {
  return `${V3_FOLDER}${groupVersion.split('/').join('__')}_openapi.json`;
}

/** `api/openapi-spec/v3/apis__apps__v1_openapi.json` → `apis/apps/v1`; undefined for swagger.json. */
export function groupVersionOf(file: string): string | undefined {
  if (!file.startsWith(V3_FOLDER)) return undefined;
  return file.slice(V3_FOLDER.length, -'_openapi.json'.length).split('__').join('/');
}

/** `<base>/v1.35.0/api/openapi-spec/swagger.json`. */
export function releaseFileUrl(base: string, tag: string, file: string): string {
  return `${base.replace(/\/+$/, '')}/${tag}/${file}`;
}

/** A URL fit for messages: without the user and password a mirror's URL may carry. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/**
 * The group-versions the v2 document serves (`api/v1`, `apis/apps/v1`), sorted as a /openapi/v3-shaped folder
 * lists them: each has a v3 document of its own. Every group-version has at least its discovery path in v2.
 */
export function groupVersionsOf(swagger: unknown, file: string): string[] {
  if (!isObject(swagger) || !isObject(swagger.paths))
    throw new SpecError(file, '/paths', 'the v2 document lists no paths: no group-version to fetch');
  const found = new Set<string>();
  for (const path of Object.keys(swagger.paths)) {
    const m = /^\/(api\/v1|apis\/[^/]+\/[^/]+)\//.exec(path);
    if (m) found.add(m[1]!);
  }
  if (found.size === 0) throw new SpecError(file, '/paths', 'the v2 document serves no group-version');
  return [...found].sort(compareStrings);
}
