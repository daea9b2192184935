// A file of kubegen's cache that vouches for itself: its first line is the sha256 of the rest, so a file cut short
// or altered reads as missing; it is written under a temporary name and renamed into place, so a run that stops
// halfway leaves nothing half-written. A cache that cannot be read or written only costs speed.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256 } from './inputs/hash.js';

/** The bytes a cache file holds before its body: the checksum line (64 hex digits and a newline). */
export const CHECKSUM_BYTES = 65;

/** The body of a cache file, or undefined when it is missing or does not match its checksum. */
export function readChecked(file: string): string | undefined {
  return readCheckedBytes(file)?.toString('utf8');
}

/** The body of a cache file as bytes, or undefined when it is missing or does not match its checksum. */
export function readCheckedBytes(file: string): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    const body = bytes.subarray(CHECKSUM_BYTES);
    return bytes[CHECKSUM_BYTES - 1] === 0x0a && bytes.toString('latin1', 0, 64) === sha256(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

export function writeChecked(file: string, body: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    // The checksum line and the body written one after the other: not copied into one buffer (megabytes, for a build).
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, `${sha256(bytes)}\n`);
      writeFileSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
