/** 1 MiB: four times AWS's 256 KiB input/output limit, so the engine reports those itself. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
