#!/usr/bin/env -S node --max-old-space-size=128 --max-semi-space-size=2
// The bin (dist/index.js): turns on V8's compile cache, then loads the server (index.ts, built as dist/main.mjs),
// which the cache then covers. Nothing else here: whatever this file imports is compiled at every start.
// The shebang's heap flags (also in manifest.json's args) stop V8 from growing its young generation to
// 32 MB under the churn of route listings: about 70 MB resident instead of 94 after 300 live validations,
// at ~10 ms of start-up (docs/benchmarks.md). The heap in use stays far below the 128 MB cap.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
await import('./index.js');
