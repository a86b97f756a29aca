import { compileDefinition, describeDiagnostics } from '../../../src/definition/compile';

const ok = (States: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  compileDefinition(JSON.stringify({ StartAt: Object.keys(States)[0], States, ...extra }));

function messages(result: ReturnType<typeof compileDefinition>): string[] {
  return result.diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location}`);
}

describe('compileDefinition', () => {
  test('compiles nested machines once, with owners and per-state query languages', () => {
    const result = ok(
      {
        P: { Type: 'Parallel', Next: 'M', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }] },
        M: {
          Type: 'Map',
          QueryLanguage: 'JSONata',
          Items: '{% [1] %}',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } },
          End: true,
        },
      },
      { TimeoutSeconds: 60 },
    );
    expect(result.diagnostics).toEqual([]);
    const def = result.definition!;
    expect(def.timeoutSeconds).toBe(60);
    expect([...def.machines.keys()].sort()).toEqual(['', 'M', 'P#0']);
    expect(def.machines.get('P#0')?.owner).toEqual({ state: 'P', type: 'Parallel' });
    expect(def.machines.get('M')?.states.get('I')?.lang).toBe('JSONata');
    expect(def.root.states.get('P')?.lang).toBe('JSONPath');
  });

  test('refuses a resource the engine cannot run, naming the state and field like AWS', () => {
    const result = ok({ S: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } });
    expect(result.definition).toBeUndefined();
    expect(describeDiagnostics(result.diagnostics)).toMatch(
      /^Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource 'arn:aws:states:::sqs:sendMessage' is not supported .* at \/States\/S\/Resource'$/,
    );
  });

  test('accepts the supported task resources in every partition', () => {
    for (const Resource of [
      'arn:aws:states:::lambda:invoke',
      'arn:aws-cn:states:::lambda:invoke.waitForTaskToken',
      'arn:aws:lambda:cn-north-1:123456789012:function:intake:live',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::aws-sdk:dynamodb:query',
      'arn:aws:states:::aws-sdk:dynamodb:getItem.waitForTaskToken',
    ]) {
      expect(messages(ok({ S: { Type: 'Task', Resource, End: true } }))).toEqual([]);
    }
    expect(messages(ok({ S: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:fly', End: true } }))[0]).toMatch(
      /not a DynamoDB API action at \/States\/S\/Resource/,
    );
    expect(messages(ok({ S: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.sync', End: true } }))[0]).toMatch(
      /'\.sync' integration pattern/,
    );
  });

  test('reports missing transition targets and transitions', () => {
    expect(messages(ok({ A: { Type: 'Pass', Next: 'Nowhere' } }))).toEqual([
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next",
    ]);
    expect(messages(ok({ A: { Type: 'Pass' } }))).toEqual([
      "SCHEMA_VALIDATION_FAILED: Exactly one of 'Next' or 'End' is required at /States/A",
    ]);
    expect(messages(compileDefinition(JSON.stringify({ StartAt: 'X', States: { A: { Type: 'Succeed' } } })))).toEqual([
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /StartAt",
    ]);
  });

  test('rejects fields of the other query language and fields it cannot run faithfully', () => {
    expect(messages(ok({ A: { Type: 'Pass', QueryLanguage: 'JSONata', InputPath: '$.a', End: true } }))).toEqual([
      "SCHEMA_VALIDATION_FAILED: The field 'InputPath' is not supported for the QueryLanguage 'JSONata' at /States/A/InputPath",
    ]);
    const map = ok({
      M: {
        Type: 'Map',
        ItemReader: {},
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'I', States: { I: { Type: 'Succeed' } } },
        End: true,
      },
    });
    expect(messages(map)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The field 'ItemReader' is not supported by the local engine at /States/M/ItemReader",
      'SCHEMA_VALIDATION_FAILED: Only the INLINE processor mode is supported by the local engine at /States/M/ItemProcessor/ProcessorConfig',
    ]);
    expect(messages(ok({ A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }, { QueryLanguage: 'JSONata' }))[0]).toMatch(
      /'JSONPath' is not allowed inside a JSONata state machine/,
    );
  });

  test('checks Retry, Catch, Wait and Task field rules', () => {
    const retry = ok({
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        End: true,
        Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'], BackoffRate: 0.5 }],
      },
    });
    expect(messages(retry)).toEqual([
      "SCHEMA_VALIDATION_FAILED: The value for the field 'BackoffRate' must be a number >= 1.0 at /States/T/Retry[1]/BackoffRate",
      "SCHEMA_VALIDATION_FAILED: 'States.ALL' must be the last retrier or catcher at /States/T/Retry[0]/ErrorEquals",
    ]);
    expect(messages(ok({ W: { Type: 'Wait', Seconds: 1, Timestamp: '2020-01-01T00:00:00Z', End: true } }))).toEqual([
      "SCHEMA_VALIDATION_FAILED: Only one of 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath' may be set at /States/W",
    ]);
    expect(
      messages(
        ok({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 5, HeartbeatSeconds: 5, End: true } }),
      )[0],
    ).toMatch(/HeartbeatSeconds' must be smaller/);
  });

  test('reports duplicate state names across nested machines and bad JSON', () => {
    const dup = ok({ A: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'A', States: { A: { Type: 'Succeed' } } }] } });
    expect(messages(dup)).toEqual(['DUPLICATE_STATE_NAME: Duplicate State name: A at /States/A/Branches[0]/States/A']);
    expect(compileDefinition('{').diagnostics[0]!.code).toBe('INVALID_JSON_DESCRIPTION');
  });
});

describe('expression syntax', () => {
  test('a JSONPath that does not parse is refused at its field', () => {
    expect(messages(ok({ A: { Type: 'Pass', InputPath: '$.a[', End: true } }))[0]).toMatch(
      /^SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath: .* at \/States\/A\/InputPath$/,
    );
  });

  test('a JSONata expression that does not parse is refused with its location', () => {
    const result = ok({ A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { x: '{% $states.input. %}' }, End: true } });
    expect(messages(result)[0]).toMatch(
      /^SCHEMA_VALIDATION_FAILED: The JSONata expression '\$states\.input\.' is invalid: .* at \/States\/A\/Output\/x$/,
    );
    expect(messages(ok({ A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $undefinedFn(1) %}', End: true } }))).toEqual([]);
  });
});

describe('JSONPath choice rules', () => {
  const choice = (Choices: unknown[]) => ok({ C: { Type: 'Choice', Choices, Default: 'E' }, E: { Type: 'Succeed' } });

  test('accepts comparisons and nested And/Or/Not', () => {
    expect(
      messages(
        choice([
          { Variable: '$.a', NumericGreaterThanEqualsPath: '$.b', Next: 'E' },
          {
            And: [{ Variable: '$.s', StringMatches: 'a*' }, { Not: { Variable: '$.x', IsPresent: true } }],
            Assign: { hit: true },
            Next: 'E',
          },
        ]),
      ),
    ).toEqual([]);
  });

  test('refuses rules without exactly one comparison, and Next inside nested rules', () => {
    expect(messages(choice([{ Variable: '$.a', Next: 'E' }]))).toEqual([
      'SCHEMA_VALIDATION_FAILED: A choice rule must have exactly one comparison operator, found: none at /States/C/Choices[0]',
    ]);
    expect(messages(choice([{ Variable: '$.a', StringEquals: 'x', NumericEquals: 1, Next: 'E' }]))[0]).toMatch(
      /found: StringEquals, NumericEquals/,
    );
    expect(messages(choice([{ Not: { Variable: '$.a', IsNull: true, Next: 'E' }, Next: 'E' }]))).toEqual([
      "SCHEMA_VALIDATION_FAILED: The field 'Next' is only allowed in a top-level choice rule at /States/C/Choices[0]/Not/Next",
    ]);
  });
});
