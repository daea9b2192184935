// The cost of a rule as kube-apiserver bounds it (cel-go's cost model, simplified to the operations that
// dominate): one unit per node and call, comprehensions multiplied by the size of what they range over,
// string operations by a tenth of the string length. The same walk, given a concrete value, is the
// runtime cost. It also finds fields a rule names that the schema does not declare.
import type { ASTNode } from '@marcbachmann/cel-js';
import { type Shape, unknownShape } from './shape.js';

/** kube-apiserver's limits (k8s.io/apiserver/pkg/apis/cel). */
export const PerCallLimit = 1_000_000;
export const RuntimeCELCostBudget = 10_000_000;
export const StaticEstimatedCostLimit = 10_000_000;
export const StaticEstimatedCRDCostLimit = 100_000_000;

const stringFactor = 0.1;
const regexFactor = 0.25;
const comprehensions = new Set(['all', 'exists', 'exists_one', 'map', 'filter', 'sortBy']);
/** cel-go's two-variable comprehensions: (index or key, value) and then the expressions. */
const twoVariable = new Set([
  'all',
  'exists',
  'exists_one',
  'existsOne',
  'transformList',
  'transformMap',
  'transformMapEntry',
]);

/** Comprehensions whose result has the size of what they range over. */
const keepsShape = new Set(['map', 'filter', 'sortBy', 'transformList', 'transformMap', 'transformMapEntry']);

interface Result {
  cost: number;
  shape: Shape;
}

export interface CostWalk {
  cost: number;
  /** Fields selected from a schema that does not declare them (a compile error in kube-apiserver). */
  undefinedFields: string[];
}

type Node = { op: string; args: unknown };

export function estimateCost(ast: ASTNode, vars: Record<string, Shape>): CostWalk {
  const undefinedFields: string[] = [];
  const scope = new Map(Object.entries(vars));
  const visit = (n: Node): Result => {
    switch (n.op) {
      case 'value':
        return { cost: 0, shape: literal(n.args) };
      case 'id':
        return { cost: 1, shape: scope.get(n.args as string) ?? unknownShape };
      case '.':
      case '.?': {
        const [recv, name] = n.args as [Node, string];
        const r = visit(recv);
        const shape = r.shape.field(name);
        if (!shape) undefinedFields.push(name);
        return { cost: r.cost + 1, shape: shape ?? unknownShape };
      }
      case '[]':
      case '[?]': {
        const [a, b] = (n.args as Node[]).map(visit) as [Result, Result];
        return { cost: a.cost + b.cost + 1, shape: a.shape.elem() };
      }
      case 'rcall':
        return rcall(n);
      case 'call':
        return call(n);
      case 'list':
      case 'map': {
        const parts = (n.args as unknown[]).flat() as Node[];
        return { cost: sum(parts.map((p) => visit(p).cost)) + 10, shape: sized(parts.length) };
      }
      case '?:': {
        const [c, a, b] = (n.args as Node[]).map(visit) as [Result, Result, Result];
        return { cost: c.cost + Math.max(a.cost, b.cost), shape: a.shape.size >= b.shape.size ? a.shape : b.shape };
      }
      default:
        return operator(n);
    }
  };

  const operator = (n: Node): Result => {
    const args = (Array.isArray(n.args) ? n.args : [n.args]) as Node[];
    const rs = args.map(visit);
    let cost = sum(rs.map((r) => r.cost)) + 1;
    const [a, b] = rs;
    if ((n.op === '==' || n.op === '!=') && a && b)
      cost += Math.ceil(stringFactor * Math.min(a.shape.size, b.shape.size));
    if (n.op === 'in' && b) cost += b.shape.size;
    if (n.op === '+' && a && b)
      return {
        cost: cost + Math.ceil(stringFactor * (a.shape.size + b.shape.size)),
        shape: sized(a.shape.size + b.shape.size),
      };
    return { cost, shape: scalar };
  };

  const rcall = (n: Node): Result => {
    const [name, recvNode, argNodes] = n.args as [string, Node, Node[]];
    const recv = visit(recvNode);
    const two = twoVariable.has(name) && argNodes.length >= 3 && (argNodes[1] as Node).op === 'id';
    if (two || (comprehensions.has(name) && argNodes.length >= 2)) {
      const vars = argNodes.slice(0, two ? 2 : 1).map((a) => (a as Node).args as string);
      const saved = vars.map((v) => scope.get(v));
      vars.forEach((v, i) => scope.set(v, i === vars.length - 1 ? recv.shape.elem() : scalar));
      const body = sum(argNodes.slice(vars.length).map((a) => visit(a).cost));
      vars.forEach((v, i) => (saved[i] ? scope.set(v, saved[i]) : scope.delete(v)));
      const size = recv.shape.size;
      // sortBy also sorts: n log n comparisons over the keys its expression gives.
      const sorting = name === 'sortBy' ? Math.ceil(size * Math.log2(Math.max(size, 2))) : 0;
      return { cost: recv.cost + size * (body + 2) + sorting + 1, shape: keepsShape.has(name) ? recv.shape : scalar };
    }
    const args = argNodes.map(visit);
    return {
      cost:
        recv.cost +
        sum(args.map((a) => a.cost)) +
        functionCost(
          name,
          recv.shape,
          args.map((a) => a.shape),
        ),
      shape: resultShape(name, recv.shape),
    };
  };

  const call = (n: Node): Result => {
    const [name, argNodes] = n.args as [string, Node[]];
    if (name === 'has') {
      const inner = argNodes[0] as Node;
      if (inner?.op === '.') {
        const [recv, field] = inner.args as [Node, string];
        const r = visit(recv);
        if (!r.shape.field(field)) undefinedFields.push(field);
        return { cost: r.cost + 1, shape: scalar };
      }
    }
    const args = argNodes.map(visit);
    const [first, ...rest] = args;
    return {
      cost:
        sum(args.map((a) => a.cost)) +
        functionCost(
          name,
          first?.shape ?? unknownShape,
          rest.map((a) => a.shape),
        ),
      shape: resultShape(name, first?.shape ?? scalar),
    };
  };

  const { cost } = visit(ast as unknown as Node);
  return { cost, undefinedFields };
}

function functionCost(name: string, recv: Shape, args: Shape[]): number {
  const traverse = (s: Shape) => Math.ceil(stringFactor * s.size);
  switch (name) {
    case 'matches':
    case 'find':
    case 'findAll':
      return 1 + traverse(recv) * Math.ceil(regexFactor * (args[0]?.size ?? 1));
    case 'contains':
    case 'startsWith':
    case 'endsWith':
    case 'indexOf':
    case 'lastIndexOf':
    case 'split':
    case 'replace':
    case 'lowerAscii':
    case 'upperAscii':
    case 'trim':
    case 'substring':
    case 'charAt':
    case 'reverse':
    case 'join':
    case 'format':
    case 'url':
    case 'isURL':
    case 'ip':
    case 'isIP':
    case 'cidr':
    case 'isCIDR':
    case 'quantity':
    case 'isQuantity':
    case 'validate':
      return 1 + traverse(recv) + sum(args.map(traverse));
    case 'isSorted':
    case 'sum':
    case 'min':
    case 'max':
    case 'distinct':
    case 'sort':
    case 'flatten':
    case 'contains_all':
      return 1 + recv.size * (name === 'distinct' || name === 'sort' ? Math.max(1, Math.log2(recv.size || 1)) : 1);
    default:
      return 1;
  }
}

function resultShape(name: string, recv: Shape): Shape {
  switch (name) {
    case 'lowerAscii':
    case 'upperAscii':
    case 'trim':
    case 'substring':
    case 'reverse':
    case 'slice':
    case 'sort':
    case 'distinct':
    case 'split':
    case 'findAll':
      return sized(recv.size);
    case 'url':
    case 'quantity':
    case 'ip':
    case 'cidr':
    case 'string':
      return sized(recv.size);
    default:
      return scalar;
  }
}

function literal(v: unknown): Shape {
  if (typeof v === 'string') return sized(v.length);
  return sized(1);
}

/** A value of known size whose contents are unknown (a literal, or what a function returns). */
class SizedShape implements Shape {
  readonly closed = false;
  constructor(readonly size: number) {}
  elem(): Shape {
    return unknownShape;
  }
  field(): Shape {
    return unknownShape;
  }
}

const scalar: Shape = new SizedShape(1);

function sized(size: number): Shape {
  return size === 1 ? scalar : new SizedShape(size);
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
