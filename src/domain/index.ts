export * from './types.js';
export * from './ids.js';
export * from './limits.js';
export * from './cidr.js';
export * from './route-rules.js';
export * from './conflicts.js';
export * from './issues.js';
export * from './route-filter.js';
