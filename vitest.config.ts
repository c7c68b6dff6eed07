import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Every test must keep the Alibaba credential chain off the network.
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
  },
});
