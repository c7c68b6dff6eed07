// The VPC OpenAPI emulator: a local HTTP server that speaks the real protocol for the operations we use.
export { DEMO_REGION_ID, DEMO_SEED } from './demo-seed.js';
export { EmulatorSeedError, normaliseSeed, parseSeedJson } from './seed.js';
export { startEmulator } from './server.js';
export { readSnapshot, SnapshotError, type EmulatorSnapshot } from './snapshot.js';
export { runEmulatorCli } from './cli.js';
export type {
  EmulatedRoute,
  EmulatorConnectionSeed,
  EmulatorCredential,
  EmulatorGatewaySeed,
  EmulatorOptions,
  EmulatorRouteSeed,
  EmulatorSeed,
  Fault,
  FaultControl,
  RecordedRequest,
  RunningEmulator,
} from './types.js';
