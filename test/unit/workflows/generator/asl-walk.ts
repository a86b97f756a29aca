import type { AslState, StateMachineBody } from '../../../../workflows/generator';

/** Every state of a body and its branches, with the body it belongs to. */
export function allStates(body: StateMachineBody): { name: string; state: AslState; scope: StateMachineBody }[] {
  return Object.entries(body.States).flatMap(([name, state]) => [
    { name, state, scope: body },
    ...(state.Type === 'Parallel' ? state.Branches.flatMap(allStates) : []),
  ]);
}

/** Every transition target named by a state: Next, Catch, Choice rules and Default. */
export function targets(state: AslState): string[] {
  switch (state.Type) {
    case 'Task':
    case 'Parallel':
      return [...(state.Next ? [state.Next] : []), ...(state.Catch ?? []).map((c) => c.Next)];
    case 'Choice':
      return [...state.Choices.map((c) => c.Next), ...(state.Default ? [state.Default] : [])];
    default:
      return [];
  }
}

/** Every `{% %}` expression anywhere in a JSON value. */
export function expressions(value: unknown): string[] {
  if (typeof value === 'string') {
    const m = /^\{%(.*)%\}$/s.exec(value);
    return m ? [m[1]!.trim()] : [];
  }
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (value && typeof value === 'object') return Object.values(value).flatMap(expressions);
  return [];
}

/**
 * State transitions of a run in which every Choice takes the rule whose condition mentions
 * `decision` (e.g. 'approve'), counted like Step Functions bills them: one per state entered.
 */
export function transitionsWhen(body: StateMachineBody, decision: string): number {
  let count = 0;
  let name: string | undefined = body.StartAt;
  while (name) {
    const state: AslState = body.States[name]!;
    count += 1;
    if (state.Type === 'Parallel') count += state.Branches.reduce((n, b) => n + transitionsWhen(b, decision), 0);
    if (state.Type === 'Choice') {
      name = state.Choices.find((c) => c.Condition.includes(`'${decision}'`))?.Next;
    } else if (state.Type === 'Task' || state.Type === 'Parallel') {
      name = state.Next;
    } else {
      name = undefined;
    }
  }
  return count;
}
