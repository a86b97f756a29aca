/** Service definition → Amazon States Language (JSONata). */
export type { AslDefinition, AslState, StateMachineBody } from './asl';
export { renderStateMachine } from './render';
export { substituteDefinition } from './substitute';
export { LAMBDA_INVOKE, LAMBDA_INVOKE_WAIT, PLACEHOLDERS, PLACEHOLDER_NAMES } from './placeholders';
export { TRANSIENT_ERRORS } from './retry';
export { REJECTED_ERROR } from './names';
export { renderEventStateMachine, EVENT_PLACEHOLDERS, EVENT_STATES } from './event';
