// pop-core ships no types for its helper; these two strings are its default request headers.
declare module '@alicloud/pop-core/lib/helper.js' {
  export const DEFAULT_UA: string;
  export const DEFAULT_CLIENT: string;
}

// pop-core's answer parser (see json-answer.ts); only its default parse is used.
declare module 'json-bigint' {
  export function parse(text: string, reviver?: (key: string, value: unknown) => unknown): unknown;
}
