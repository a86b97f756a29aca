import { MissingSubstitutionError } from '../../../../workflows/errors';
import { renderStateMachine, substituteDefinition } from '../../../../workflows/generator';
import { twoDepartmentDefinition } from '../fixtures';

const arns = (partition: string) => ({
  Partition: partition,
  IntakeFunctionArn: `arn:${partition}:lambda:cn-north-1:123456789012:function:onething-intake`,
  TaskAwaitFunctionArn: `arn:${partition}:lambda:cn-north-1:123456789012:function:onething-task-await`,
  CheckpointFunctionArn: `arn:${partition}:lambda:cn-north-1:123456789012:function:onething-checkpoint`,
  FinalizeFunctionArn: `arn:${partition}:lambda:cn-north-1:123456789012:function:onething-finalize`,
});

describe('substituteDefinition', () => {
  it('replaces every placeholder of a rendered definition, here for the China partition', () => {
    const json = substituteDefinition(JSON.stringify(renderStateMachine(twoDepartmentDefinition())), arns('aws-cn'));
    expect(json).not.toContain('${');
    const parsed = JSON.parse(json);
    expect(parsed.States.Intake.Resource).toBe('arn:aws-cn:states:::lambda:invoke');
    expect(parsed.States.Intake.Arguments.FunctionName).toBe('arn:aws-cn:lambda:cn-north-1:123456789012:function:onething-intake');
    expect(parsed.States.Departments.Branches[0].States.AwaitAnimalHealth.Resource).toBe(
      'arn:aws-cn:states:::lambda:invoke.waitForTaskToken',
    );
  });

  it('leaves JSONata expressions alone', () => {
    const json = '{"T":"{% $max([1, $ceil(($toMillis($x) - $toMillis($now())) / 1000)]) %}","R":"${Partition}"}';
    expect(substituteDefinition(json, { Partition: 'aws' })).toBe(
      '{"T":"{% $max([1, $ceil(($toMillis($x) - $toMillis($now())) / 1000)]) %}","R":"aws"}',
    );
  });

  it('JSON-escapes values so the result stays valid JSON', () => {
    expect(JSON.parse(substituteDefinition('{"a":"x${V}y"}', { V: 'say "hi"\\' }))).toStrictEqual({ a: 'xsay "hi"\\y' });
  });

  it('names every placeholder that has no substitution', () => {
    const call = () => substituteDefinition('{"a":"${Partition}","b":"${IntakeFunctionArn}","c":"${Partition}"}', {});
    expect(call).toThrow(MissingSubstitutionError);
    expect(call).toThrow('No substitution for ${Partition}, ${IntakeFunctionArn}');
  });

  it('ignores substitutions the template does not use', () => {
    expect(substituteDefinition('{"a":"${Partition}"}', { Partition: 'aws', Unused: 'x' })).toBe('{"a":"aws"}');
  });
});
