import jsonata from 'jsonata';
import { catalog } from '../../../../workflows/catalog';
import { PLACEHOLDER_NAMES, renderStateMachine, TRANSIENT_ERRORS } from '../../../../workflows/generator';
import { workflowFunctions } from '../../../../functions/workflow/specs';
import { pascalCase } from '../../../../workflows/generator/names';
import { stagesOf } from '../../../../workflows/stages';
import { allStates, expressions, targets, transitionsWhen } from './asl-walk';

describe.each(catalog.map((def) => [def.id, def] as const))('ASL of %s', (_, def) => {
  const asl = renderStateMachine(def);
  const states = allStates(asl);
  const json = JSON.stringify(asl);

  it('has unique, valid state names', () => {
    const names = states.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]{0,79}$/);
  });

  it('only transitions to states of the same scope, and every state is reachable', () => {
    for (const { name, state, scope } of states) {
      for (const target of targets(state)) expect([name, target, target in scope.States]).toEqual([name, target, true]);
    }
    const targeted = new Set(states.flatMap((s) => targets(s.state)));
    const starts = new Set([
      asl.StartAt,
      ...states.flatMap((s) => (s.state.Type === 'Parallel' ? s.state.Branches.map((b) => b.StartAt) : [])),
    ]);
    for (const { name } of states) expect([name, targeted.has(name) || starts.has(name)]).toEqual([name, true]);
  });

  it('has one branch per department, in one Parallel per stage', () => {
    const parallels = Object.values(asl.States).filter((s) => s.Type === 'Parallel');
    expect(parallels.length).toBe(stagesOf(def).length);
    const branches = parallels.flatMap((p) => (p.Type === 'Parallel' ? p.Branches.map((b) => b.StartAt) : []));
    expect(branches).toStrictEqual(
      stagesOf(def)
        .flat()
        .map((d) => `Await${pascalCase(d.id)}`),
    );
  });

  it('uses only the known placeholders and never a literal partition', () => {
    expect(json).not.toContain('arn:aws');
    const used = new Set([...json.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]));
    // Every placeholder but those of the 12345 event machines (test/unit/workflows/generator/event.test.ts).
    expect([...used].sort()).toStrictEqual([...PLACEHOLDER_NAMES].filter((p) => !p.startsWith('Event')).sort());
  });

  it('retries transient errors on every Lambda invocation, and never a timeout', () => {
    for (const { name, state } of states) {
      if (state.Type !== 'Task') continue;
      expect([name, state.Resource]).toEqual([
        name,
        expect.stringMatching(/^arn:\$\{Partition\}:states:::lambda:invoke(\.waitForTaskToken)?$/),
      ]);
      // Finalize, which nothing catches, also retries any other error a few times.
      const expected = name === 'Finalize' ? [...TRANSIENT_ERRORS, 'States.ALL'] : TRANSIENT_ERRORS;
      expect([name, state.Retry?.flatMap((r) => r.ErrorEquals)]).toEqual([name, expected]);
    }
  });

  it('ends in Finalize whatever fails before it: Intake, every opening step and every Parallel catch everything', () => {
    const topLevel = Object.keys(asl.States).filter((name) => name !== 'Finalize');
    expect(topLevel.length).toBe(1 + 2 * stagesOf(def).length - 1);
    for (const name of topLevel) {
      const state = asl.States[name];
      const catchers = state!.Type === 'Task' || state!.Type === 'Parallel' ? (state!.Catch ?? []) : [];
      expect([name, catchers.at(-1)?.ErrorEquals, catchers.at(-1)?.Next]).toEqual([name, ['States.ALL'], 'Finalize']);
    }
  });

  it('has only JSONata expressions that compile', () => {
    const all = expressions(asl);
    expect(all.length).toBeGreaterThan(0);
    for (const expression of all) expect(() => jsonata(expression)).not.toThrow();
  });

  it('takes Intake + Parallel + 3 per branch + Finalize, plus an opening step and a Parallel per extra stage, when every department approves', () => {
    const transitions = transitionsWhen(asl, 'approve');
    const extraStages = stagesOf(def).length - 1;
    expect(transitions).toBe(3 + 3 * def.departments.length + 2 * extraStages);
    if (def.id === 'school-enrolment') expect(transitions).toBe(15);
    // The budget: 25 per application plus the number of extra stages (the flat
    // 8-department utility connection is 27, as it was before stages).
    if (extraStages > 0) expect(transitions).toBeLessThanOrEqual(25 + extraStages);
  });
});

describe('placeholders', () => {
  it('are the substitutions of functions/workflow/specs.ts plus the partition', () => {
    expect([...PLACEHOLDER_NAMES].sort()).toStrictEqual(['Partition', ...workflowFunctions.map((f) => f.substitution)].sort());
  });
});
