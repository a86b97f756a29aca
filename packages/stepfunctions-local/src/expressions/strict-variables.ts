/**
 * Strict mode (engine option `strictVariables`): an expression that reads a workflow variable
 * no state has assigned fails with `States.QueryEvaluationError`, instead of JSONata's
 * undefined. Whether AWS evaluates such a read as undefined or fails is not recorded in any
 * conformance case, so the project's tests run strict: a state machine that passes them does
 * not depend on either answer. Off by default, where the engine follows what AWS was seen to do.
 */
import jsonata from 'jsonata';
import { registerStepFunctionsFunctions } from './jsonata-functions';

interface AstNode {
  type?: string;
  value?: unknown;
  [key: string]: unknown;
}

/** Names an expression reads as `$name` and does not bind itself (`:=`, lambda parameters, `@$x`, `#$i`). */
const freeNamesCache = new Map<string, string[]>();
const MAX_CACHED = 10_000;

/** Whether `$name` means something without any binding: a JSONata or Step Functions function. */
const predefined = new Map<string, boolean>();

function collect(node: unknown, read: Set<string>, bound: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, read, bound);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as AstNode;
  if (n.type === 'variable' && typeof n.value === 'string') read.add(n.value);
  if (n.type === 'bind' && (n.lhs as AstNode | undefined)?.type === 'variable') bound.add(String((n.lhs as AstNode).value));
  if (n.type === 'lambda' && Array.isArray(n.arguments)) for (const arg of n.arguments as AstNode[]) bound.add(String(arg.value));
  if (typeof n.focus === 'string') bound.add(n.focus);
  if (typeof n.index === 'string') bound.add(n.index);
  for (const [key, child] of Object.entries(n)) if (key !== 'value') collect(child, read, bound);
}

function freeNames(text: string): string[] {
  let names = freeNamesCache.get(text);
  if (!names) {
    const read = new Set<string>();
    const bound = new Set<string>();
    collect(jsonata(text).ast(), read, bound);
    // '' is `$` (the context) and '$' is `$$` (the root): never workflow variables.
    names = [...read].filter((name) => name !== '' && name !== '$' && !bound.has(name));
    if (freeNamesCache.size >= MAX_CACHED) freeNamesCache.clear();
    freeNamesCache.set(text, names);
  }
  return names;
}

async function isPredefined(name: string): Promise<boolean> {
  let known = predefined.get(name);
  if (known === undefined) {
    const probe = jsonata(`$${name}`);
    registerStepFunctionsFunctions(probe);
    known = (await probe.evaluate(undefined)) !== undefined;
    predefined.set(name, known);
  }
  return known;
}

/**
 * The variables `text` reads that are not in `bindings` (the visible workflow variables plus
 * `states`) and are not functions. Call it only for text that compiles.
 *
 * @example await unassignedVariables("$merge([$a, $schedule])", { a: {} }) // ['schedule']
 */
export async function unassignedVariables(text: string, bindings: Record<string, unknown>): Promise<string[]> {
  const missing: string[] = [];
  for (const name of freeNames(text)) {
    if (Object.prototype.hasOwnProperty.call(bindings, name)) continue;
    if (!(await isPredefined(name))) missing.push(name);
  }
  return missing;
}
