import type { BuildOptions } from 'esbuild';
import { LogLevel, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * The one source of the esbuild settings: the CDK construct (`nodejsBundling`) and the
 * bundle benchmark (`esbuildOptions`) both derive from it, so the benchmark measures what
 * is deployed.
 *
 * - everything is bundled, the AWS SDK included: the pinned SDK version is what the tests ran
 *   against, not whatever the Lambda runtime ships;
 * - minified with an external source map (NODE_OPTIONS=--enable-source-maps maps stack traces);
 * - CommonJS for Node 22, like the rest of the code base.
 */
export const BUNDLE = {
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  externalModules: [] as string[],
  // Prefer ES module entry points where packages offer them: they tree-shake better.
  mainFields: ['module', 'main'],
} as const;

/** Bundling options of every `PlatformFunction` (local esbuild, never Docker). */
export const nodejsBundling: BundlingOptions = {
  forceDockerBundling: false,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourceMap: BUNDLE.sourceMap,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: BUNDLE.sourcesContent,
  externalModules: [...BUNDLE.externalModules],
  bundleAwsSDK: true,
  mainFields: [...BUNDLE.mainFields],
  format: OutputFormat.CJS,
  // Size summaries on every synth are noise; warnings and errors still show.
  logLevel: LogLevel.WARNING,
};

/**
 * The same settings for the esbuild API, as `NodejsFunction` passes them to the esbuild CLI.
 *
 * @example
 * await esbuild.build({ ...esbuildOptions(), entryPoints: ['functions/api/health.ts'], outfile: 'out/index.js' });
 */
export function esbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: BUNDLE.target,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourceMap,
    sourcesContent: BUNDLE.sourcesContent,
    external: [...BUNDLE.externalModules],
    mainFields: [...BUNDLE.mainFields],
  };
}
