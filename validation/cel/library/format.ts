// Kubernetes' format library: `format.dns1123Label().validate(s)` and friends, answering
// optional.none() when valid or the list of apimachinery's messages.
import { type Environment, Optional } from '@marcbachmann/cel-js';
import { dns1035Label, dns1123Label, dns1123Subdomain, labelValueErrors, qualifiedNameErrors } from '../../metadata.js';
import { stringFormatOk } from '../../structural/formats.js';
import { define, namespace } from './register.js';

export class NamedFormat {
  constructor(
    readonly name: string,
    readonly check: (s: string) => string[],
  ) {}
}

const prefix = (check: (s: string) => string[]) => (s: string) => check(s.endsWith('-') ? `${s.slice(0, -1)}a` : s);
const strfmt = (format: string, what: string) => (s: string) =>
  stringFormatOk(format, s) ? [] : [`does not match the ${what} format`];

const formats: Record<string, (s: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName: qualifiedNameErrors,
  dns1123LabelPrefix: prefix(dns1123Label),
  dns1123SubdomainPrefix: prefix(dns1123Subdomain),
  dns1035LabelPrefix: prefix(dns1035Label),
  labelValue: labelValueErrors,
  uri: (s) => (URL.canParse(s) || s.startsWith('/') ? [] : ['invalid URI']),
  uuid: strfmt('uuid', 'uuid'),
  byte: strfmt('byte', 'byte'),
  date: strfmt('date', 'date'),
  datetime: strfmt('date-time', 'datetime'),
};

export function registerFormat(env: Environment): void {
  env.registerType('kubernetes.NamedFormat', NamedFormat);
  namespace(env, 'format', 'kubernetes.FormatNamespace');
  for (const [name, check] of Object.entries(formats)) {
    define(env, `kubernetes.FormatNamespace.${name}(): kubernetes.NamedFormat`, () => new NamedFormat(name, check));
  }
  define(
    env,
    'kubernetes.FormatNamespace.named(string): optional<kubernetes.NamedFormat>',
    (_: unknown, name: string) => {
      const check = formats[name];
      return check ? Optional.of(new NamedFormat(name, check)) : Optional.none();
    },
  );
  define(env, 'kubernetes.NamedFormat.validate(string): dyn', (f: NamedFormat, s: string) => {
    const errs = f.check(s);
    return errs.length ? Optional.of(errs) : Optional.none();
  });
}
