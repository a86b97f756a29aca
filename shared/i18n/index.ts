/**
 * The message catalog: stable error codes with their en and zh-CN texts, the helpers to add
 * codes and `Accept-Language` negotiation. Imported by the API edge and by the web UI (plain
 * TypeScript, no dependency). The zod issue mapping is `./zod-issues` (it needs zod). A new
 * area adds its codes in a file of `catalog/` and one import line here.
 */
export * from './text';
export * from './locale';
export * from './registry';
export * from './catalog/problems';
export * from './catalog/fields';
