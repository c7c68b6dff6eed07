// Scrubbing of text that came from the API before it is passed on: signed URLs, signature and credential
// parameters, AccessKey IDs, and every secret this process has signed with, in whatever form it is echoed.

const MAX_MESSAGE_LENGTH = 500;
/** Most of a text that is looked at: the scan is linear, but an answer can be large. */
const MAX_SCANNED_LENGTH = 20_000;
/** Any run this long of any form of a secret is scrubbed; shorter runs of random characters tell nothing. */
export const SECRET_RUN = 8;
/** Very short values would shred ordinary text; real secrets, tokens and key IDs are long. */
const MIN_VALUE_LENGTH = 4;
const REDACTED = '[redacted]';

/** What this process has signed with. */
export interface SeenCredentials {
  /** AccessKey secrets and STS tokens: scrubbed in any case and encoding, and any run of SECRET_RUN characters. */
  secrets: Iterable<string>;
  /**
   * AccessKey IDs: scrubbed whole, in any case and encoding. An ID names the account but is no credential (the
   * console and ActionTrail show it), so a fragment of one is left alone rather than risk shredding plain words.
   */
  keyIds?: Iterable<string>;
}

interface Matcher {
  /** Every SECRET_RUN-character run of every form (secrets only). */
  runs: ReadonlySet<string>;
  /** Forms matched whole: a key ID's, or a secret's shorter than SECRET_RUN. */
  whole: readonly string[];
}

// ASCII only: the lowered text keeps the original's indexes (Unicode lower-casing can change lengths).
function asciiLower(value: string): string {
  return value.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

// pop-core's encoding (RFC 3986), which is how secrets appear inside a string-to-sign.
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Every form a value may be echoed in, lowered: as is, URL-encoded (once and twice), base64 and base64url. */
function echoedForms(value: string): string[] {
  const once = percentEncode(value);
  const forms = [value, encodeURIComponent(value), once, percentEncode(once)];
  const bytes = Buffer.from(value, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    // At each alignment inside a longer base64 text: the first group, which also holds other bytes, is left out.
    const base64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const inner = shift === 0 ? base64 : base64.slice(4);
    forms.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  }
  return [...new Set(forms.map(asciiLower))];
}

function secretMatcher(secret: string): Matcher {
  const runs = new Set<string>();
  const whole: string[] = [];
  for (const form of echoedForms(secret)) {
    if (form.length < SECRET_RUN) whole.push(form);
    for (let i = 0; i + SECRET_RUN <= form.length; i++) runs.add(form.slice(i, i + SECRET_RUN));
  }
  return { runs, whole };
}

/**
 * How many secrets and AccessKey IDs a process remembers (signing-credentials.ts): a seen set is cleared once it
 * holds more than this, before a credential's values are added (at most SEEN_PER_CREDENTIAL more of each kind).
 */
export const MAX_SEEN_SECRETS = 48;
export const MAX_SEEN_KEY_IDS = 24;
/** What one credential adds: its AccessKey secret and STS token; its AccessKey ID. */
const SEEN_PER_CREDENTIAL = { secrets: 2, keyIds: 1 };
/** The most values a seen set can hold at once. */
const MAX_SEEN = MAX_SEEN_SECRETS + SEEN_PER_CREDENTIAL.secrets + MAX_SEEN_KEY_IDS + SEEN_PER_CREDENTIAL.keyIds;

// Built once per value (an STS token's runs number some ten thousand); bounded, since STS keys rotate. Every value
// a seen set can hold fits, with room for some rotations' stale values; when full, only the values this call used
// are kept (a cache cleared whole, or smaller than a seen set, would rebuild every matcher on every call).
const MAX_CACHED = MAX_SEEN + 32;
const cache = new Map<string, Matcher>();
let built = 0;

/** How many matchers have been built since the process started (tests: a cached value builds none). */
export function matchersBuilt(): number {
  return built;
}

function matchersOf(seen: SeenCredentials | undefined): Matcher[] {
  const matchers: Matcher[] = [];
  const used = new Set<string>();
  const add = (kind: 'secret' | 'keyId', values: Iterable<string> | undefined) => {
    for (const value of values ?? []) {
      if (typeof value !== 'string' || value.length < MIN_VALUE_LENGTH) continue;
      const key = `${kind}\n${value}`;
      let matcher = cache.get(key);
      if (!matcher) {
        matcher = kind === 'secret' ? secretMatcher(value) : { runs: new Set(), whole: echoedForms(value) };
        built++;
        cache.set(key, matcher);
      }
      used.add(key);
      matchers.push(matcher);
    }
  };
  add('secret', seen?.secrets);
  add('keyId', seen?.keyIds);
  if (cache.size > MAX_CACHED) {
    for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
  }
  return matchers;
}

/** Replaces every stretch of the text that echoes a seen value with one `[redacted]`: linear in the text's length. */
function scrubSeen(text: string, matchers: readonly Matcher[]): string {
  if (matchers.length === 0) return text;
  const lower = asciiLower(text);
  const hidden = new Uint8Array(text.length);
  const withRuns = matchers.filter((m) => m.runs.size > 0);
  for (let i = 0; i + SECRET_RUN <= lower.length && withRuns.length > 0; i++) {
    const run = lower.slice(i, i + SECRET_RUN);
    if (withRuns.some((m) => m.runs.has(run))) hidden.fill(1, i, i + SECRET_RUN);
  }
  for (const { whole } of matchers) {
    for (const form of whole) {
      for (let at = lower.indexOf(form); at !== -1; at = lower.indexOf(form, at + 1)) hidden.fill(1, at, at + form.length);
    }
  }
  let out = '';
  for (let i = 0, j = 0; i < text.length; i = j) {
    while (j < text.length && hidden[j] === hidden[i]) j++;
    out += hidden[i] ? REDACTED : text.slice(i, j);
  }
  return out;
}

/** Scrubs seen credentials, signed URLs, signature/credential parameters and AccessKey IDs from a text. */
export function redact(text: string, seen?: SeenCredentials): string {
  let out = scrubSeen(text, matchersOf(seen));
  out = out.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*\?[^\s"'<>]*/gi, '[redacted-url]');
  // Plain, percent-encoded (string-to-sign) and double-encoded forms of key=value.
  out = out.replace(
    /(?:Signature|AccessKeyId|AccessKeySecret|SecurityToken)(?:=|%3D|%253D)(?:(?!%26|%2526)[^&\s"'<>])*/gi,
    REDACTED,
  );
  // Bare AccessKey IDs in the shapes Alibaba Cloud issues them: long-term keys (LTAI…) and STS keys (STS.…).
  out = out.replace(/\b(?:LTAI[A-Za-z0-9]{8,}|STS\.[A-Za-z0-9]{8,})/g, REDACTED);
  return out;
}

export function cleanMessage(text: string, seen: SeenCredentials | undefined): string {
  const redacted = redact(text.slice(0, MAX_SCANNED_LENGTH), seen).replace(/\s+/g, ' ').trim();
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}…` : redacted;
}
