// String and number formats as kube-openapi's strfmt registry checks them for CRDs (unknown formats pass),
// plus the integer widths and Kubernetes' own quantity syntax for built-in kinds.
import { isCIDR, isIP } from '../net.js';

const dateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const date = /^\d{4}-\d{2}-\d{2}$/;
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const uuid = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const uuidVersion = (v: string) =>
  new RegExp(`^[0-9a-f]{8}-?[0-9a-f]{4}-?${v}[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$`, 'i');
const [uuid3, uuid4, uuid5] = ['3', '4', '5'].map(uuidVersion) as [RegExp, RegExp, RegExp];
const mac =
  /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$|^([0-9A-Fa-f]{2}[:-]){7}[0-9A-Fa-f]{2}$/;
const hostname =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const email = /^[^\s@]+@[^\s@]+$/;
const hexColor = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const rgbColor =
  /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/;
const objectId = /^[0-9a-fA-F]{24}$/;
const goDuration = /^[-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$|^0$/;
const strfmtDuration =
  /^(\d+(\.\d+)?\s*(ns|us|µs|ms|s|m|h|d|w|y|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|years?)\s*)+$/;

/** Kubernetes' resource.Quantity grammar: a signed number then an optional binary, decimal or exponent suffix. */
export const quantityPattern = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const quantityStrict = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

export function isQuantity(s: string): boolean {
  return quantityStrict.test(s);
}

const stringFormats: Record<string, (s: string) => boolean> = {
  'date-time': (s) => dateTime.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T'))),
  datetime: (s) => dateTime.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T'))),
  date: (s) => date.test(s) && !Number.isNaN(Date.parse(s)),
  byte: (s) => base64.test(s),
  uuid: (s) => uuid.test(s),
  uuid3: (s) => uuid3.test(s),
  uuid4: (s) => uuid4.test(s),
  uuid5: (s) => uuid5.test(s),
  ipv4: (s) => isIP(s) === 4,
  ipv6: (s) => isIP(s) === 6,
  cidr: (s) => isCIDR(s),
  mac: (s) => mac.test(s),
  hostname: (s) => s.length <= 255 && hostname.test(s),
  email: (s) => email.test(s),
  uri: (s) => URL.canParse(s),
  hexcolor: (s) => hexColor.test(s),
  rgbcolor: (s) => rgbColor.test(s),
  bsonobjectid: (s) => objectId.test(s),
  duration: (s) => goDuration.test(s) || strfmtDuration.test(s),
};

/** True when `s` satisfies `format`, or when the format is not one kube-apiserver checks. */
export function stringFormatOk(format: string, s: string): boolean {
  const check = stringFormats[format];
  return check ? check(s) : true;
}

/** True when an integer fits the declared width. */
export function integerFormatOk(format: string | undefined, n: number): boolean {
  if (format === 'int32') return n >= -2147483648 && n <= 2147483647;
  if (format === 'int64') return Number.isSafeInteger(n) || (n >= -(2 ** 63) && n < 2 ** 63);
  return true;
}
