// Jest's runner reads only the global testTimeout; each tier (jest.config.js) sets its own here.
jest.setTimeout(globalThis.TIER_TIMEOUT_MS);
