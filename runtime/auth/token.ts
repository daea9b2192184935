// Bearer tokens: a fixed one, and one read from a file that may be rotated under us (a projected service-account
// token, a `tokenFile` another process refreshes). The file is stat'ed on every request — cheap — and re-read only
// when it changed, so a rotation is picked up by the next request.
import { readFile, stat } from 'node:fs/promises';
import type { Credentials } from '../connection.js';
import { KubeConfigError, fileErrorCode } from '../errors.js';

export function tokenCredentials(token: string): Credentials {
  const header = { Authorization: `Bearer ${token}` };
  return { kind: 'token', headers: async () => ({ ...header }), secrets: () => [token] };
}

export interface TokenFileOptions {
  /** A token to use while the file cannot be read (kubeconfig `token` beside `tokenFile`). */
  fallback?: string;
  /** What to name in errors besides the file (`user "alice"`). */
  entry?: string;
}

interface Snapshot {
  /** Identity of the file version read: inode, size, mtime and ctime. */
  stamp: string;
  token: string;
}

export function tokenFileCredentials(path: string, options: TokenFileOptions = {}): Credentials {
  let last: Snapshot | undefined;
  const handed = new Set<string>(options.fallback ? [options.fallback] : []);

  const read = async (force: boolean): Promise<string> => {
    let stamp: string;
    try {
      const s = await stat(path);
      stamp = `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
      if (!force && last?.stamp === stamp) return last.token;
      const token = (await readFile(path, 'utf8')).trim();
      // As client-go: an empty file is a failed read, so the last good token or the static one is used.
      if (!token) {
        if (last) return last.token;
        if (options.fallback) return options.fallback;
        throw new KubeConfigError('the token file is empty', { file: path, entry: options.entry });
      }
      last = { stamp, token };
      handed.add(token);
      return token;
    } catch (err) {
      if (err instanceof KubeConfigError) throw err;
      // A file being swapped (kubelet's symlink dance) may briefly be missing: keep the last good token.
      if (last) return last.token;
      if (options.fallback) return options.fallback;
      throw new KubeConfigError(`cannot read the token file (${fileErrorCode(err)})`, {
        file: path,
        entry: options.entry,
      });
    }
  };

  return {
    kind: 'token-file',
    headers: async () => ({ Authorization: `Bearer ${await read(false)}` }),
    refresh: async () => {
      const before = last?.token;
      return (await read(true)) !== before;
    },
    secrets: () => [...handed],
  };
}
