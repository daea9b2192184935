// A file of kubegen's cache that vouches for itself: its first line is the sha256 of the rest, so a file cut short
// or altered reads as missing; it is written under a temporary name and renamed into place, so a run that stops
// halfway leaves nothing half-written. A cache that cannot be read or written only costs speed.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256 } from './inputs/hash.js';

/** The bytes a cache file holds before its body: the checksum line (64 hex digits and a newline). */
export const CHECKSUM_BYTES = 65;

/** The body of a cache file, or undefined when it is missing or does not match its checksum. */
export function readChecked(file: string): string | undefined {
  return readCheckedBytes(file)?.toString('utf8');
}

/**
 * The body of a cache file as bytes, or undefined when it is missing or does not match its checksum (nor `expected`,
 * when the caller knows what the checksum must be: a file named by its content's hash).
 */
export function readCheckedBytes(file: string, expected?: string): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    const body = bytes.subarray(CHECKSUM_BYTES);
    const checksum = bytes.toString('latin1', 0, 64);
    if (bytes[CHECKSUM_BYTES - 1] !== 0x0a || (expected !== undefined && checksum !== expected)) return undefined;
    return checksum === sha256(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a body given whole or in pieces (written one after another, not copied into one buffer: megabytes, for a
 * build); `checksum`, the body's sha256 when the caller knows it, spares hashing it again.
 */
export function writeChecked(file: string, body: string | Uint8Array | Uint8Array[], checksum?: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const pieces = Array.isArray(body) ? body : [typeof body === 'string' ? Buffer.from(body) : body];
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, `${checksum ?? hashOf(pieces)}\n`);
      for (const piece of pieces) writeFileSync(fd, piece);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

function hashOf(pieces: Uint8Array[]): string {
  if (pieces.length === 1) return sha256(pieces[0]!);
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
}
