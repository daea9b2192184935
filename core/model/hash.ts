// The sha256 the model's item hashes and source hash are made of.
import * as crypto from 'node:crypto';

// One call per text where Node has it (20.12 and later): thousands of small texts are hashed, and a Hash object apiece
// costs several times the hashing.
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;

export function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text) : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
