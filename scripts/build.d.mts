import type { BuildOptions, Plugin } from 'esbuild';

export const MAIN_FILE_NAME: string;
export function serverBundleOptions(options?: { minify?: boolean; quiet?: boolean; plugins?: Plugin[] }): BuildOptions;
