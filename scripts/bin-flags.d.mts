export function binNodeFlags(entry: string): string[];
