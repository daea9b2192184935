// What a description says about deprecation, read the way kube-apiserver's authors write it: a paragraph or sentence
// opening with `Deprecated:`, `DEPRECATED:`, `Deprecated.` or `@deprecated`, or a sentence saying that this API or
// field "is deprecated" — and from it, what to use instead and the releases it names. Mentions of something else
// being deprecated (an annotation, an enum value written `(deprecated)`) are not the thing's own deprecation.
import type { Deprecation } from './types.js';

const MAX_MESSAGE = 300;

/** A marker opening a paragraph or sentence; what follows it is the message. */
const MARKER =
  /(?:(?:^|\n|[.;:]\s+)(?:@deprecated\b[ \t]*|deprecated(?:[:.,][ \t]*|[ \t]+(?=in favou?r\b)))|(?<=\s)(?:Deprecated|DEPRECATED):[ \t]*)/i;
/** A sentence saying the thing itself is deprecated; the sentence is the message. */
const SELF = [
  /(?:^|\n|\.\s+)(?:this|the) (?:api|field|type|resource|endpoint)\b(?: [\w-]+)?,? (?:is|has been) (?:now )?deprecated\b/i,
  /\bis (?:a|the) deprecated (?:field|alias)\b/i,
  /\bnow is deprecated\b/i,
  /\bshould be considered (?:as )?deprecated\b/i,
];

/**
 * The deprecation a description states (`flagged`: the schema or operation says `deprecated: true`), or undefined.
 * The replacement is as written (`discoveryv1.EndpointSlice`); the model resolves Go package names to group-versions.
 */
export function deprecationIn(text: string | undefined, flagged = false): Deprecation | undefined {
  const message = text ? deprecationMessage(text) : undefined;
  if (message === undefined) return flagged ? {} : undefined;
  return noteOf(message);
}

/** A note for a message known to be a deprecation (a CRD version's `deprecationWarning`). */
export function noteOf(text: string): Deprecation {
  const note: Deprecation = {};
  const message = clip(text.replace(/\s+/g, ' ').trim());
  if (message) note.message = message;
  const replacement = replacementIn(text);
  if (replacement) note.replacement = replacement;
  const since = /\bdeprecated (?:in|since|as of) (?:kubernetes )?v?(\d+\.\d+)/i.exec(message);
  if (since) note.since = `v${since[1]}`;
  const removed = /\b(?:removed|unavailable|no longer served) in (?:kubernetes )?v?(\d+\.\d+)/i.exec(message);
  if (removed) note.removedIn = `v${removed[1]}`;
  return note;
}

function deprecationMessage(text: string): string | undefined {
  // Every pattern names the word: one scan spares the others on the many descriptions that do not.
  if (!/deprecated/i.test(text)) return undefined;
  const marker = MARKER.exec(text);
  if (marker) return paragraph(text, marker.index + marker[0].length);
  for (const pattern of SELF) {
    const m = pattern.exec(text);
    if (m) return paragraph(text, sentenceStart(text, m.index + m[0].length));
  }
  return undefined;
}

/** From `at` to the end of its paragraph, line breaks kept (a replacement ends at one). */
function paragraph(text: string, at: number): string {
  const end = text.indexOf('\n\n', at);
  return text.slice(at, end < 0 ? undefined : end).trim();
}

/** Where the sentence holding `at` starts: after the last line break or sentence end before it. */
function sentenceStart(text: string, at: number): number {
  let start = 0;
  for (const m of text.slice(0, at).matchAll(/\n|\.\s+/g)) start = m.index + m[0].length;
  return start;
}

/** At most MAX_MESSAGE characters, ending at a sentence when one ends early enough. */
function clip(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const cut = message.slice(0, MAX_MESSAGE);
  const end = cut.lastIndexOf('. ');
  return end > 40 ? cut.slice(0, end + 1) : `${cut.slice(0, MAX_MESSAGE - 1)}…`;
}

/**
 * `Use discoveryv1.EndpointSlice.` → `discoveryv1.EndpointSlice`; `please use the X`, `consider using a X`, `; use X`,
 * `in favor of X` → `X`; at most 80 characters. A `use` inside a sentence is about something else.
 */
function replacementIn(message: string): string | undefined {
  const end = /(?:\s+instead)?(?:[.,;](?=\s|$)|\n|$)/.source;
  const m =
    new RegExp(`(?:^|[.;,:]\\s+|\\bplease\\s+)use\\s+(.+?)${end}`, 'i').exec(message) ??
    new RegExp(`\\bconsider using\\s+(.+?)${end}`, 'i').exec(message) ??
    new RegExp(`\\bin favou?r of\\s+(.+?)${end}`, 'i').exec(message);
  const found = m?.[1]
    ?.replace(/^(?:the|an?)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return found && found.length <= 80 ? found : undefined;
}
