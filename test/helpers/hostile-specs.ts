// Crafted spec and CRD texts that try to exhaust the reader and the model builder: alias amplification, deep
// nesting, sheer size. Built in code (not committed as files) so their size is a parameter.

const group = 'hostile.kubegen.dev';
const prefix = 'dev.kubegen.hostile.v1';

/** An OpenAPI 3 document (as a JS value) with one namespaced kind `Widget` whose spec is `spec`. */
export function specWith(spec: unknown, extraSchemas: Record<string, unknown> = {}): Record<string, unknown> {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${prefix}.${name}` });
  const gvk = { group, version: 'v1', kind: 'Widget' };
  const metaName = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
  const meta = { $ref: `#/components/schemas/${metaName}` };
  const answer = (name: string) => ({ description: 'OK', content: { 'application/json': { schema: ref(name) } } });
  return {
    openapi: '3.0.0',
    info: { title: 'hostile', version: 'v1' },
    paths: {
      [`/apis/${group}/v1/namespaces/{namespace}/widgets`]: {
        parameters: [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'listHostileV1NamespacedWidget',
          'x-kubernetes-action': 'list',
          'x-kubernetes-group-version-kind': gvk,
          responses: { '200': answer('WidgetList') },
        },
      },
    },
    components: {
      schemas: {
        [`${prefix}.Widget`]: {
          type: 'object',
          'x-kubernetes-group-version-kind': [gvk],
          properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: meta, spec },
        },
        [metaName]: { type: 'object', properties: { name: { type: 'string' } } },
        [`${prefix}.WidgetList`]: {
          type: 'object',
          properties: { items: { type: 'array', items: ref('Widget') } },
        },
        ...extraSchemas,
      },
    },
  };
}

/** A schema nested `levels` deep through `properties` (each level one schema). */
export function deepSchema(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { next: schema } };
  return schema;
}

/**
 * The alias bomb: one schema of `properties` fields anchored once, then `aliases` schemas that are each an alias of
 * it. Small as text (about 60 bytes per property plus 30 per alias); `properties × aliases` schemas once expanded.
 */
export function aliasBombYaml(properties = 2_000, aliases = 2_000): string {
  const { components, ...rest } = specWith({ type: 'string' }) as { components: { schemas: object } };
  const lines = [
    ...Object.entries(rest).map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    'components:',
    '  schemas:',
    ...Object.entries(components.schemas).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    `    ${prefix}.Big0: &big`,
    '      type: object',
    '      properties:',
  ];
  for (let i = 0; i < properties; i++) lines.push(`        field${i}: {type: string, description: text}`);
  for (let i = 1; i <= aliases; i++) lines.push(`    ${prefix}.Big${i}: *big`);
  return `${lines.join('\n')}\n`;
}

/** "Billion laughs": each level a list of ten aliases of the level below. Tiny as text, 10^levels once expanded. */
export function laughsYaml(levels = 9): string {
  const lines = ['openapi: 3.0.0', 'info: {title: laughs, version: v1}', 'paths: {}', 'x-laughs:', '  l0: &l0 lol'];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `  l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

/** An OpenAPI 3 document of at least `bytes` bytes of JSON: many kinds, each with a few dozen fields. */
export function bigSpecJson(bytes: number): string {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < 40; i++) fields[`field${i}`] = { type: 'string', description: `Field ${i} of this kind.` };
  const part = JSON.stringify({ type: 'object', properties: fields });
  const extra: Record<string, unknown> = {};
  for (let i = 0, size = 0; size < bytes; i++) {
    extra[`${prefix}.Part${i}`] = { type: 'object', properties: fields };
    size += `"${prefix}.Part${i}":${part},`.length;
  }
  return JSON.stringify(specWith({ type: 'string' }, extra));
}

/** A CustomResourceDefinition manifest (YAML) whose one version's schema is `openAPIV3Schema`, written as given. */
export function crdYaml(openAPIV3Schema: string): string {
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    `metadata: {name: widgets.${group}}`,
    'spec:',
    `  group: ${group}`,
    '  names: {kind: Widget, plural: widgets}',
    '  scope: Namespaced',
    '  versions:',
    '    - name: v1',
    '      served: true',
    '      storage: true',
    '      schema:',
    `        openAPIV3Schema: ${openAPIV3Schema}`,
    '',
  ].join('\n');
}

/** The alias bomb in a CRD: `aliases` properties that each repeat one anchored object of `properties` fields. */
export function crdAliasBombYaml(properties = 2_000, aliases = 2_000): string {
  const fields = Array.from({ length: properties }, (_, i) => `f${i}: {type: string}`).join(', ');
  const repeats = Array.from({ length: aliases }, (_, i) => `r${i}: *big`).join(', ');
  return crdYaml(`{type: object, properties: {big: &big {type: object, properties: {${fields}}}, ${repeats}}}`);
}
