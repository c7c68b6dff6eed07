#!/usr/bin/env -S node --max-old-space-size=128 --max-semi-space-size=2 --max-opt=2 --no-concurrent-recompilation
// The bin (dist/index.js): turns on V8's compile cache, then loads the server (index.ts, built as dist/main.mjs),
// which the cache then covers. Nothing else here: whatever this file imports is compiled at every start.
// The shebang's node flags (also in manifest.json's args; each known to node 20 to 26, which refuse an unknown
// one) keep the process small (docs/benchmarks.md has the measurements): the heap flags stop V8 from growing its
// young generation to 32 MB under the churn of route listings; --max-opt=2 (no TurboFan, Maglev at most) and
// --no-concurrent-recompilation (optimising on the main thread, not in compiler threads whose malloc arenas keep
// their pages) save 12 to 17 MB on node 22 to 26 after 300 live validations, at about 1 ms of CPU per call. The
// heap in use stays far below the 128 MB cap.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
await import('./index.js');
