// Kubernetes' version priority, as discovery orders versions: GA before beta before alpha, higher numbers first
// (v2 > v1 > v1beta2 > v1beta1 > v1alpha1), then versions that do not look like Kubernetes ones, alphabetically.
import { compareStrings } from '../spec/values.js';

const pattern = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const stability: Record<string, number> = { '': 3, beta: 2, alpha: 1 };

/** Sorts the highest-priority version first. */
export function compareVersionPriority(a: string, b: string): number {
  const ma = pattern.exec(a);
  const mb = pattern.exec(b);
  if (!ma || !mb) return ma ? -1 : mb ? 1 : compareStrings(a, b);
  const sa = stability[ma[2] ?? '']!;
  const sb = stability[mb[2] ?? '']!;
  if (sa !== sb) return sb - sa;
  if (ma[1] !== mb[1]) return Number(mb[1]) - Number(ma[1]);
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}
