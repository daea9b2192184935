// Certificate material from a file or from base64 data, with errors that say where and never what.
import { readFile } from 'node:fs/promises';
import { KubeConfigError, fileErrorCode } from '../errors.js';

export interface Where {
  file?: string;
  entry?: string;
}

/** `data` (base64, wins as in kubectl) or else the file at `path`; undefined when neither is set. */
export async function pemFrom(
  field: string,
  data: string | undefined,
  path: string | undefined,
  where: Where,
): Promise<string | undefined> {
  if (data !== undefined) return decodeBase64(`${field}-data`, data, where);
  if (path !== undefined) return readPemFile(field, path, where);
  return undefined;
}

export async function readPemFile(field: string, path: string, where: Where): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new KubeConfigError(`${field} ${path} cannot be read (${fileErrorCode(err)})`, where);
  }
}

export function decodeBase64(field: string, data: string, where: Where): string {
  const compact = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw new KubeConfigError(`${field} is not base64`, where);
  return Buffer.from(compact, 'base64').toString('utf8');
}
