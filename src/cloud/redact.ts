// Scrubbing of text that came from the API before it is passed on: signed URLs, signature and credential
// parameters, and every secret value this process has seen.

const MAX_MESSAGE_LENGTH = 500;

/** Scrubs signed URLs, signature/credential parameters, AccessKey IDs and known secret values from a text. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  // Longest first so a value that contains another is removed whole.
  const values = [...new Set(expandSecrets(secrets))].sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join('[redacted]');
  out = out.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*\?[^\s"'<>]*/gi, '[redacted-url]');
  // Plain, percent-encoded (string-to-sign) and double-encoded forms of key=value.
  out = out.replace(
    /(?:Signature|AccessKeyId|AccessKeySecret|SecurityToken)(?:=|%3D|%253D)(?:(?!%26|%2526)[^&\s"'<>])*/gi,
    '[redacted]',
  );
  // Bare AccessKey IDs in the shapes Alibaba Cloud issues them: long-term keys (LTAI…) and STS keys (STS.…).
  out = out.replace(/\b(?:LTAI[A-Za-z0-9]{8,}|STS\.[A-Za-z0-9]{8,})/g, '[redacted]');
  return out;
}

function expandSecrets(secrets: Iterable<string>): string[] {
  const out: string[] = [];
  for (const secret of secrets) {
    // Very short values would shred ordinary text; real secrets and tokens are long.
    if (typeof secret !== 'string' || secret.length < 4) continue;
    const once = percentEncode(secret);
    out.push(secret, once, percentEncode(once), encodeURIComponent(secret));
  }
  return out;
}

// pop-core's encoding (RFC 3986), which is how secrets appear inside a string-to-sign.
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function cleanMessage(text: string, secrets: Iterable<string> | undefined): string {
  const redacted = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}…` : redacted;
}
