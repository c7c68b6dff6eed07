// Opaque page cursors: an offset into one listing, bound to that listing's arguments so it is not reused for another.
import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error.js';

function listingKey(listing: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(listing)).digest('base64url').slice(0, 12);
}

export function encodeCursor(offset: number, listing: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ o: offset, k: listingKey(listing) })).toString('base64url');
}

function invalidCursor(message: string): AppError {
  return new AppError({
    code: 'InvalidParameter.Cursor',
    message,
    retryable: false,
    source: 'input',
    field: 'cursor',
    hint: 'pass the nextCursor of the previous page with the same other arguments, or omit cursor to start from the first page',
  });
}

/** The offset a cursor stands for; throws InvalidParameter.Cursor for a foreign or altered cursor. */
export function decodeCursor(cursor: string, listing: readonly unknown[]): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('cursor is not a cursor this server issued.');
  }
  const { o, k } = (decoded ?? {}) as { o?: unknown; k?: unknown };
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || typeof k !== 'string') {
    throw invalidCursor('cursor is not a cursor this server issued.');
  }
  if (k !== listingKey(listing)) throw invalidCursor('cursor belongs to a listing with other arguments (gateway, region or filters).');
  return o;
}
