/**
 * Checks a real HTTP response against what `/v1/openapi.json` declares for its operation:
 * the status is declared, the media type is the declared one, the body validates against the
 * declared schema (ajv, JSON Schema 2020-12) and every required response header is sent.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

export interface SeenResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface ContractChecker {
  /** Problems with `res` as an answer of `method path-template`; empty when it matches. */
  problems(method: string, template: string, res: SeenResponse): string[];
}

export function contractChecker(doc: Json): ContractChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (ref: string) => {
    const key = ref.replace('#/', 'openapi#/');
    let v = validators.get(key);
    if (!v) validators.set(key, (v = ajv.compile({ $ref: key })));
    return v;
  };
  const resolve = (node: Json): Json => (node?.$ref ? resolve(doc.components.responses[node.$ref.split('/').pop()]) : node);

  return {
    problems(method, template, res) {
      const op = doc.paths[template]?.[method.toLowerCase()];
      if (!op) return [`${method} ${template} is not in the document`];
      const declared = op.responses[String(res.status)];
      if (!declared) return [`status ${res.status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`];
      const response = resolve(declared);
      const out: string[] = [];
      for (const [name, header] of Object.entries<Json>(response.headers ?? {})) {
        const value = res.headers.get(name);
        if (value === null) {
          if (header.required) out.push(`required header ${name} missing`);
        } else if (header.schema?.pattern && !new RegExp(header.schema.pattern).test(value)) {
          out.push(`header ${name}: ${value} does not match ${header.schema.pattern}`);
        }
      }
      const media = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const content = response.content?.[media];
      if (!content) return [...out, `content type ${media} is not declared for ${res.status}`];
      let body: unknown = res.text;
      // Text bodies (the audit export: NDJSON, CSV) are checked as the string they are.
      if (media === 'application/json' || media === 'application/problem+json') {
        try {
          body = JSON.parse(res.text);
        } catch {
          return [...out, 'body is not JSON'];
        }
      }
      const validate = validatorFor(content.schema.$ref);
      if (!validate(body)) out.push(`body does not match ${content.schema.$ref}: ${ajv.errorsText(validate.errors)}`);
      return out;
    },
  };
}
