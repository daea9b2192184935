// How an admission plugin refuses a request: 403 Forbidden naming the object as the request named it.
import { qualifiedResource, StatusError } from '../status.js';
import type { ServedResource } from '../registry.js';

export function admissionForbidden(r: ServedResource, name: string, reason: string): StatusError {
  const what = qualifiedResource(r.group, r.plural);
  return new StatusError(403, 'Forbidden', `${what} "${name}" is forbidden: ${reason}`, { name, group: r.group || undefined, kind: r.plural });
}
