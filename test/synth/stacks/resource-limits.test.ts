import { Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { synthesize } from '../synth';

/**
 * CloudFormation refuses a template with more than 500 resources (and a nested stack with
 * more than 200 parameters). The budget below leaves headroom, so the feature that would
 * cross the limit fails here, with the counts, rather than at deploy time.
 */
const RESOURCE_BUDGET = 450;
const PARAMETER_BUDGET = 150;

const counts = (stack: Stack) => {
  const json = Template.fromStack(stack).toJSON() as { Resources?: object; Parameters?: object };
  return { resources: Object.keys(json.Resources ?? {}).length, parameters: Object.keys(json.Parameters ?? {}).length };
};

describe.each(['us-east-1', 'cn-north-1'])('in %s', (region) => {
  const { stack } = synthesize(region);

  it(`the main stack stays under ${RESOURCE_BUDGET} resources`, () => {
    expect(counts(stack).resources).toBeLessThanOrEqual(RESOURCE_BUDGET);
  });

  it(`the monitoring stack stays under ${RESOURCE_BUDGET} resources and ${PARAMETER_BUDGET} parameters`, () => {
    const { resources, parameters } = counts(stack.monitoring);
    expect(resources).toBeLessThanOrEqual(RESOURCE_BUDGET);
    expect(parameters).toBeLessThanOrEqual(PARAMETER_BUDGET);
  });

  it('every nested stack of the app stays under the budgets', () => {
    const nested = stack.node.findAll().filter((c): c is Stack => c !== stack && (c as Stack).nested === true);
    expect(nested.length).toBeGreaterThanOrEqual(1);
    for (const child of nested) {
      const { resources, parameters } = counts(child);
      expect([child.node.path, resources <= RESOURCE_BUDGET, parameters <= PARAMETER_BUDGET]).toEqual([child.node.path, true, true]);
    }
  });
});
