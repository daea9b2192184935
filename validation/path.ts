// Field paths as k8s.io/apimachinery field.Path prints them: `spec.containers[0]`, `metadata.labels[app]`.

export function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** A field path kept as its steps while a value is walked, printed only when an error names it. */
export class PathSteps {
  private readonly steps: (string | number)[] = [];
  /** Per step: 0 a field, 1 a list index, 2 a map key. */
  private readonly kinds: number[] = [];
  constructor(private readonly base = '') {}

  push(step: string | number, kind: 0 | 1 | 2): void {
    this.steps.push(step);
    this.kinds.push(kind);
  }

  pop(): void {
    this.steps.pop();
    this.kinds.pop();
  }

  toString(): string {
    let path = this.base;
    for (let i = 0; i < this.steps.length; i++) {
      const step = this.steps[i]!;
      const kind = this.kinds[i];
      path =
        kind === 0 ? child(path, step as string) : kind === 1 ? index(path, step as number) : key(path, step as string);
    }
    return path;
  }
}
