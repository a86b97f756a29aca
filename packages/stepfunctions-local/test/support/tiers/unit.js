// The unit tier's per-test timeout (Jest reads testTimeout only from the root config).
jest.setTimeout(10_000);
