// How an admission plugin (or a storage that refuses like one) turns a request away: 403 Forbidden naming the
// object as the request named it.
import { qualifiedResource, StatusError, type StatusCause } from '../http/status.js';

export function admissionForbidden(
  r: { group: string; plural: string },
  name: string,
  reason: string,
  causes?: StatusCause[],
): StatusError {
  const what = qualifiedResource(r.group, r.plural);
  return new StatusError(403, 'Forbidden', `${what} "${name}" is forbidden: ${reason}`, {
    name,
    group: r.group || undefined,
    kind: r.plural,
    ...(causes ? { causes } : {}),
  });
}
