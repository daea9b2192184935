// Duplicate fields in a request body (the last one wins when decoding), found in the raw JSON or YAML text
// and named by path as the real server names them: `spec.replicas`.
import { isMap, isSeq, parseDocument, type Node } from 'yaml';

export function duplicateFields(body: Buffer, yaml: boolean): string[] {
  const text = body.toString('utf8');
  try {
    return yaml ? yamlDuplicates(text) : new JsonScanner(text).duplicates();
  } catch {
    return [];
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function yamlDuplicates(text: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
        if (seen.has(key)) found.push(join(path, key));
        seen.add(key);
        walk(pair.value, join(path, key));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, `${path}[${i}]`));
    }
  };
  walk(parseDocument(text, { uniqueKeys: false }).contents, '');
  return found;
}

/** Just enough of a JSON reader to see each object's keys in order (the body already parsed as JSON). */
class JsonScanner {
  private at = 0;
  private readonly found: string[] = [];

  constructor(private readonly text: string) {}

  duplicates(): string[] {
    this.value('');
    return this.found;
  }

  private space(): void {
    if (this.at > this.text.length) throw new Error('unexpected end of JSON');
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private value(path: string): void {
    this.space();
    const c = this.text[this.at];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else while (this.at < this.text.length && !/[,}\]\s]/.test(this.text[this.at]!)) this.at++;
  }

  private object(path: string): void {
    this.at++;
    const seen = new Set<string>();
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      const key = this.string();
      if (seen.has(key)) this.found.push(join(path, key));
      seen.add(key);
      this.space();
      this.at++; // ':'
      this.value(join(path, key));
      this.space();
      if (this.text[this.at++] === '}') return;
    }
  }

  private array(path: string): void {
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (let i = 0; ; i++) {
      this.value(`${path}[${i}]`);
      this.space();
      if (this.text[this.at++] === ']') return;
    }
  }

  private string(): string {
    const start = this.at;
    this.at++;
    while (this.at < this.text.length && this.text[this.at] !== '"') this.at += this.text[this.at] === '\\' ? 2 : 1;
    this.at++;
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }
}
