// Prints one "node X.Y.Z: N passed, N failed" line per vitest JSON report, then the total "N passed, N failed".
//   node .ci/report.mjs "node 20.20.2=.vitest-report.json" "node 22.23.3=.vitest-report-node22.json" …
// A missing or unreadable report (the run did not happen or crashed) counts as one failure.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const arg of process.argv.slice(2)) {
  const at = arg.lastIndexOf('=');
  const label = arg.slice(0, at);
  const file = arg.slice(at + 1);
  let counts;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    counts = { passed: report.numPassedTests, failed: report.numFailedTests + (report.success || report.numFailedTests > 0 ? 0 : 1) };
  } catch {
    counts = { passed: 0, failed: 1 };
  }
  passed += counts.passed;
  failed += counts.failed;
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
}
console.log(`${passed} passed, ${failed} failed`);
