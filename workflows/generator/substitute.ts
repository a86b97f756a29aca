import { MissingSubstitutionError } from '../errors';

const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * Replaces `${Name}` placeholders in an ASL JSON string, as CDK's definitionSubstitutions
 * do on AWS. Values are JSON-escaped, so the result stays valid JSON. Unlike CloudFormation,
 * a placeholder without a substitution is an error: locally it would only fail later, at
 * the first invocation, with a less helpful message.
 *
 * @example substituteDefinition('{"R":"arn:${Partition}:states:::lambda:invoke"}', { Partition: 'aws' })
 */
export function substituteDefinition(aslJson: string, substitutions: Record<string, string>): string {
  const missing = [...new Set([...aslJson.matchAll(PLACEHOLDER)].map((m) => m[1]!))].filter(
    (name) => !Object.hasOwn(substitutions, name),
  );
  if (missing.length > 0) throw new MissingSubstitutionError(missing);
  return aslJson.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(substitutions[name]).slice(1, -1));
}
