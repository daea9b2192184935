// Just enough of an XML reader to prove a document well-formed (balanced tags, quoted attributes, known entities,
// no stray `<` or `&`) and to look at its elements: for JUnit reports, which CI tools parse strictly.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(raw: string, where: string): string {
  if (/[<]/.test(raw) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw))
    throw new Error(`unescaped markup in ${where}: ${raw.slice(0, 60)}`);
  return raw.replace(entity, (_, e: string) =>
    e === 'amp'
      ? '&'
      : e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(Number(e.startsWith('#x') ? `0x${e.slice(2)}` : e.slice(1))),
  );
}

/** Parses a whole document; throws on anything that is not well-formed. */
export function parseXml(text: string): XmlElement {
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, '');
  const tokens = body.split(/(<[^>]*>)/).filter((t) => t !== '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  for (const token of tokens) {
    const top = stack.at(-1)!;
    if (!token.startsWith('<')) {
      top.text += decode(token, `<${top.name}>`);
      continue;
    }
    const close = /^<\/([\w:.-]+)\s*>$/.exec(token);
    if (close) {
      if (close[1] !== top.name) throw new Error(`</${close[1]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const open = /^<([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>$/.exec(token);
    if (!open) throw new Error(`malformed tag ${token.slice(0, 80)}`);
    const attributes: Record<string, string> = {};
    for (const [, k, v] of open[2]!.matchAll(/([\w:.-]+)="([^"]*)"/g)) attributes[k!] = decode(v!, `${open[1]} ${k}`);
    const element: XmlElement = { name: open[1]!, attributes, children: [], text: '' };
    top.children.push(element);
    if (!open[3]) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (root.children.length !== 1 || root.text.trim()) throw new Error('a document has exactly one root element');
  return root.children[0]!;
}
