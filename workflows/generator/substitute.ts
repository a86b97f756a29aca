import { MissingSubstitutionError } from '../errors';

/** A `${Name}` placeholder of a generated definition (the names: placeholders.ts). */
const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The `${Name}` placeholders of an ASL string, sorted, each once (CDK's substitutions must cover them all). */
export function placeholdersOf(aslJson: string): string[] {
  return inOrderOfUse(aslJson).sort();
}

const inOrderOfUse = (aslJson: string): string[] => [...new Set([...aslJson.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];

/**
 * Replaces `${Name}` placeholders in an ASL JSON string, as CDK's definitionSubstitutions
 * do on AWS. Values are JSON-escaped, so the result stays valid JSON. Unlike CloudFormation,
 * a placeholder without a substitution is an error: locally it would only fail later, at
 * the first invocation, with a less helpful message.
 *
 * @example substituteDefinition('{"R":"arn:${Partition}:states:::lambda:invoke"}', { Partition: 'aws' })
 */
export function substituteDefinition(aslJson: string, substitutions: Record<string, string>): string {
  const missing = inOrderOfUse(aslJson).filter((name) => !Object.hasOwn(substitutions, name));
  if (missing.length > 0) throw new MissingSubstitutionError(missing);
  return aslJson.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(substitutions[name]).slice(1, -1));
}
