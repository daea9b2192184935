// `"…".format([args])`: the verbs cel-go's strings extension supports (%s %d %f %e %x %X %o %b %%).

export function formatString(template: string, args: unknown[]): string {
  let i = 0;
  return template.replace(/%(\.\d+)?([sdfexXob%])/g, (_m, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new Error(`index ${i} out of range`);
    const arg = args[i++];
    const digits = precision ? Number(precision.slice(1)) : 6;
    switch (verb) {
      case 's':
        return show(arg);
      case 'd':
        return String(arg);
      case 'f':
        return Number(arg).toFixed(digits);
      case 'e':
        return Number(arg)
          .toExponential(digits)
          .replace(/e([+-])(\d)$/, 'e$10$2');
      case 'x':
      case 'X': {
        const hex = typeof arg === 'string' ? Buffer.from(arg).toString('hex') : BigInt(arg as bigint).toString(16);
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
      case 'o':
        return BigInt(arg as bigint).toString(8);
      default:
        return BigInt(arg as bigint).toString(2);
    }
  });
}

function show(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${show(k)}: ${show(x)}`)
      .join(', ')}}`;
  }
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  return String(v);
}
