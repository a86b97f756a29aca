import { CONFORMANCE_LAMBDAS, loadCases } from '../../../support/conformance-cases';
import { runConformance, type CaseResult } from '../../../support/conformance-run';
import { startEngineOverHttp, type EngineOverHttp } from '../../../support/http-harness';
import { tempDir } from '../../support/http';

/**
 * Every case of conformance/sfn-cases.json (recorded against AWS) run through the HTTP
 * API with @aws-sdk/client-sfn; each case is one test comparing status, output, error and
 * cause exactly as recorded.
 */
const cases = loadCases();

describe('conformance over HTTP', () => {
  const tmp = tempDir('conformance');
  let env: EngineOverHttp;
  let results: Map<string, CaseResult>;

  beforeAll(async () => {
    env = await startEngineOverHttp({ dataDir: tmp.dir, lambdas: CONFORMANCE_LAMBDAS });
    const list = await runConformance(env.sfn, cases, { concurrency: 24 });
    results = new Map(list.map((r) => [r.id, r]));
    const passed = list.filter((r) => r.pass).length;
    console.log(`conformance over HTTP: ${passed}/${list.length} cases passed`);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    tmp.remove();
  });

  it('has the whole case file', () => {
    expect(cases).toHaveLength(120);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('reports a case whose outcome differs from the recording', async () => {
    const c = cases.find((x) => x.expect.status === 'SUCCEEDED');
    if (c === undefined) throw new Error('no SUCCEEDED case in the file');
    const altered = { ...c, id: `${c.id}-altered`, expect: { ...c.expect, output: { altered: true } } };
    const [result] = await runConformance(env.sfn, [altered]);
    expect(result!.pass).toBe(false);
    expect(result!.problems).toEqual([expect.stringMatching(/^output: expected \{"altered":true\}, got /)]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const result = results.get(id);
    expect(result?.observed).toEqual(c.expect);
  });
});
