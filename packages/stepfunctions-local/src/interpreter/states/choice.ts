/** Choice: the first matching rule (JSONPath rules or JSONata `Condition`) picks `Next`. */
import { evaluateChoiceRule, evaluateJsonata, evaluatePayloadTemplate, StatesError, type Variables } from '../../expressions';
import { applyOutputPath, selectInput } from '../dataflow';
import { jsonataBindings, pathContext } from '../scope';
import type { Outcome, StepContext } from '../types';

type Rule = Record<string, unknown>;

/** Picks the next state; Output/Assign come from the matched rule (JSONata) or the state. */
export async function runChoice(s: StepContext): Promise<Outcome> {
  const rules = s.state.raw.Choices as Rule[];
  return s.state.lang === 'JSONata' ? choiceJsonata(s, rules) : choiceJsonPath(s, rules);
}

function noMatch(): Outcome {
  return { kind: 'error', error: 'States.NoChoiceMatched', cause: 'No Matches!' };
}

async function choiceJsonata(s: StepContext, rules: Rule[]): Promise<Outcome> {
  const b = jsonataBindings(s);
  for (const [i, rule] of rules.entries()) {
    const matched = await evaluateJsonata(rule.Condition, 'Condition', b);
    if (typeof matched !== 'boolean') {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The Condition of choice rule ${i} must evaluate to a boolean, but was: ${JSON.stringify(matched) ?? 'undefined'}`,
      );
    }
    if (matched) return leave(s, rule.Next as string, rule.Output, rule.Assign);
  }
  const fallback = s.state.raw.Default as string | undefined;
  return fallback === undefined ? noMatch() : leave(s, fallback, s.state.raw.Output, s.state.raw.Assign);
}

/** JSONata exit: a rule's own Output/Assign, or the state's for Default. */
async function leave(s: StepContext, next: string, output: unknown, assign: unknown): Promise<Outcome> {
  const b = jsonataBindings(s);
  const value = output === undefined ? s.frame.input : await evaluateJsonata(output, 'Output', b);
  const assigned = assign === undefined ? undefined : ((await evaluateJsonata(assign, 'Assign', b)) as Variables);
  return { kind: 'next', output: value, next, assigned };
}

function choiceJsonPath(s: StepContext, rules: Rule[]): Outcome {
  const input = selectInput(s);
  const ctx = pathContext(s, input);
  const rule = rules.find((r) => evaluateChoiceRule(r, ctx));
  const next = (rule?.Next ?? s.state.raw.Default) as string | undefined;
  if (next === undefined) return noMatch();
  const assign = rule ? rule.Assign : s.state.raw.Assign;
  const assigned = assign === undefined ? undefined : (evaluatePayloadTemplate(assign, ctx) as Variables);
  return { kind: 'next', output: applyOutputPath(s, input), next, assigned };
}
