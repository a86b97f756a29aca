import { district12345V1 } from '../../../../workflows/events/district-12345';
import { renderEventStateMachine } from '../../../../workflows/generator';
import { allStates, targets } from './asl-walk';

const asl = renderEventStateMachine(district12345V1);
const eventId = '{% $states.context.Execution.Input.eventId %}';
const retry = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'DependencyError',
    ],
    IntervalSeconds: 1,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 30,
    JitterStrategy: 'FULL',
  },
];
const failed = { ErrorEquals: ['States.ALL'], Output: "{% {'error': $states.errorOutput.Error} %}", Next: 'EventFailed' };

test('the 12345 loop is rendered as these states, in this order', () => {
  expect(asl.StartAt).toBe('Dispatch');
  expect(Object.keys(asl.States)).toEqual([
    'Dispatch',
    'AwaitAcceptance',
    'CheckAcceptance',
    'RouteAcceptance',
    'Accepted',
    'AwaitReply',
    'CheckReply',
    'Handled',
    'AwaitRating',
    'Rated',
    'RatingExpired',
    'Closed',
    'EventFailed',
  ]);
});

test('the acceptance wait stores its token with event-await and checkpoints on timeout without ending', () => {
  expect(asl.States.AwaitAcceptance).toStrictEqual({
    Type: 'Task',
    Resource: 'arn:${Partition}:states:::lambda:invoke.waitForTaskToken',
    Arguments: {
      FunctionName: '${EventAwaitFunctionArn}',
      Payload: { eventId, stage: 'acceptance', token: '{% $states.context.Task.Token %}' },
    },
    TimeoutSeconds: '{% $max([60, $ceil(($toMillis($states.input.nextCheckAt) - $toMillis($now())) / 1000)]) %}',
    Retry: retry,
    Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'CheckAcceptance' }, failed],
    Next: 'RouteAcceptance',
  });
  expect(asl.States.CheckAcceptance).toStrictEqual({
    Type: 'Task',
    Resource: 'arn:${Partition}:states:::lambda:invoke',
    Arguments: { FunctionName: '${EventStepFunctionArn}', Payload: { eventId, step: 'checkpoint', stage: 'acceptance' } },
    Output: '{% $states.result.Payload %}',
    Retry: retry,
    Catch: [failed],
    Next: 'AwaitAcceptance',
  });
});

test('a return (退单) goes back to Dispatch; acceptance goes on to the reply wait', () => {
  expect(asl.States.RouteAcceptance).toStrictEqual({
    Type: 'Choice',
    Choices: [
      { Condition: "{% $states.input.action = 'accept' %}", Next: 'Accepted' },
      { Condition: "{% $states.input.action = 'return' %}", Next: 'Dispatch' },
    ],
  });
});

test('the rating wait lasts the definition’s window, then closes unrated', () => {
  expect(asl.States.AwaitRating).toMatchObject({
    TimeoutSeconds: 72 * 3600,
    Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'RatingExpired' }, failed],
    Next: 'Rated',
  });
  expect(asl.States.RatingExpired).toMatchObject({ Arguments: { Payload: { eventId, step: 'rating-expired' } }, Next: 'Closed' });
});

test('each action delivered through a token is handed to the step that records it', () => {
  for (const [state, step] of [
    ['Dispatch', 'dispatch'],
    ['Accepted', 'accept'],
    ['Handled', 'handled'],
    ['Rated', 'rated'],
  ]) {
    expect(asl.States[state!]).toMatchObject({
      Arguments: { FunctionName: '${EventStepFunctionArn}', Payload: { eventId, step, input: '{% $states.input %}' } },
    });
  }
});

test('every transition names a state, every state is reachable, and only EventFailed and Closed end', () => {
  const names = Object.keys(asl.States);
  const reached = new Set([asl.StartAt]);
  for (const { state } of allStates(asl)) for (const t of targets(state)) reached.add(t);
  for (const { state } of allStates(asl)) for (const t of targets(state)) expect(names).toContain(t);
  expect([...reached].sort()).toEqual([...names].sort());
  const ends = allStates(asl).filter(({ state }) => state.Type === 'Succeed' || ('End' in state && state.End === true));
  expect(ends.map((e) => e.name)).toEqual(['Closed', 'EventFailed']);
});

test('it uses only the partition and the two event functions as placeholders, never a literal partition', () => {
  const json = JSON.stringify(asl);
  expect(json).not.toContain('arn:aws');
  const used = new Set([...json.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]));
  expect([...used].sort()).toStrictEqual(['EventAwaitFunctionArn', 'EventStepFunctionArn', 'Partition']);
});
