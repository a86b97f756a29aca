import { esbuildOptions, nodejsBundling } from '../../../infra/bundling';

describe('bundling options', () => {
  it('the benchmark bundles with the settings the CDK construct uses', () => {
    const esbuild = esbuildOptions();
    expect(esbuild).toMatchObject({ bundle: true, platform: 'node', format: 'cjs' });
    expect({
      target: esbuild.target,
      minify: esbuild.minify,
      sourceMap: esbuild.sourcemap,
      sourcesContent: esbuild.sourcesContent,
      externalModules: esbuild.external,
      mainFields: esbuild.mainFields,
    }).toEqual({
      target: nodejsBundling.target,
      minify: nodejsBundling.minify,
      sourceMap: nodejsBundling.sourceMap,
      sourcesContent: nodejsBundling.sourcesContent,
      externalModules: nodejsBundling.externalModules,
      mainFields: nodejsBundling.mainFields,
    });
    expect(nodejsBundling.format).toBe('cjs');
  });

  it('bundles everything locally: no Docker, no external modules, the AWS SDK included', () => {
    expect(nodejsBundling).toMatchObject({ forceDockerBundling: false, externalModules: [], bundleAwsSDK: true });
  });
});
