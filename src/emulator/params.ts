// Typed reading of request parameters, which all arrive as strings ("100", "true").
import { invalidParameter, missingParameter } from './api-error.js';

export type Params = Readonly<Record<string, string>>;

/** Own properties only, so a parameter named like an Object.prototype member cannot leak in. */
export function optionalString(params: Params, name: string): string | undefined {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}

/** An empty value counts as absent, as the RPC gateway treats it. */
export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

function parseInteger(name: string, text: string): number {
  if (!/^[+-]?\d{1,15}$/.test(text)) throw invalidParameter(name, `"${text}" is not an integer.`);
  return Number(text);
}

export function requiredInteger(params: Params, name: string): number {
  return parseInteger(name, requiredString(params, name));
}

export function optionalInteger(params: Params, name: string): number | undefined {
  const text = optionalString(params, name);
  return text === undefined || text === '' ? undefined : parseInteger(name, text);
}

function parseBoolean(name: string, text: string): boolean {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw invalidParameter(name, `"${text}" is not a boolean (true or false).`);
}

export function requiredBoolean(params: Params, name: string): boolean {
  return parseBoolean(name, requiredString(params, name));
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const text = optionalString(params, name);
  return text === undefined || text === '' ? undefined : parseBoolean(name, text);
}

/** ClientToken: printable ASCII, at most 64 characters. */
export function optionalClientToken(params: Params): string | undefined {
  const token = optionalString(params, 'ClientToken');
  if (token === undefined || token === '') return undefined;
  if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) {
    throw invalidParameter('ClientToken', 'it must be at most 64 printable ASCII characters.');
  }
  return token;
}

/** An optional exact-match filter of a Describe* action: absent or empty matches everything. */
export function filterOn(params: Params, name: string): (value: string) => boolean {
  const wanted = optionalString(params, name);
  return wanted === undefined || wanted === '' ? () => true : (value) => value === wanted;
}

export interface Page {
  pageNumber: number;
  pageSize: number;
}

/** PageNumber from 1, PageSize 1 to 50 (default 10), as every Describe* of the VPC API. */
export function readPage(params: Params): Page {
  const pageNumber = optionalInteger(params, 'PageNumber') ?? 1;
  const pageSize = optionalInteger(params, 'PageSize') ?? 10;
  if (pageNumber < 1) throw invalidParameter('PageNumber', 'it must be 1 or more.');
  if (pageSize < 1 || pageSize > 50) throw invalidParameter('PageSize', `${pageSize} is outside 1 to 50.`);
  return { pageNumber, pageSize };
}

export function pageOf<T>(items: readonly T[], page: Page): T[] {
  const start = (page.pageNumber - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}
