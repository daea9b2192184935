// The sha256 kubegen keys its caches, records and model items by.
import * as crypto from 'node:crypto';

// One call where Node has it (20.12 and later): thousands of small texts are hashed, and a Hash object apiece costs
// several times the hashing.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array) => string }).hash;

export function sha256(data: string | Uint8Array): string {
  // The one-shot call encodes a string as UTF-8 itself, without a Buffer apiece for thousands of item texts; a Hash
  // object is given bytes, as updating it with a long string costs several times encoding the string first.
  if (oneShot) return oneShot('sha256', data);
  return crypto
    .createHash('sha256')
    .update(typeof data === 'string' ? Buffer.from(data) : data)
    .digest('hex');
}
