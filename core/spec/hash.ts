// The sha256 kubegen keys its caches, records and model items by.
import * as crypto from 'node:crypto';

// One call where Node has it (20.12 and later): thousands of small texts are hashed, and a Hash object apiece costs
// several times the hashing.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array) => string }).hash;

export function sha256(data: string | Uint8Array): string {
  // A string is encoded first: hashing a long string as it is costs several times encoding it.
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return oneShot ? oneShot('sha256', bytes) : crypto.createHash('sha256').update(bytes).digest('hex');
}
