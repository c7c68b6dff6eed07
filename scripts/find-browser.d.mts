export interface BrowserSearch {
  /** The first candidate that is an executable file; absent when none is. */
  path?: string;
  /** The paths looked at, in order: CHROMIUM_PATH alone when it is set. */
  searched: string[];
  fromEnv: boolean;
}
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[];
export function findBrowser(options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; isExecutable?: (path: string) => boolean }): BrowserSearch;
export function missingBrowserMessage(result: Pick<BrowserSearch, 'searched' | 'fromEnv'>): string;
