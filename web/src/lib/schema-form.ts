/**
 * Turns a service's `formSchema` (JSON Schema 2020-12, generated from zod) into the fields of
 * ONE form, and checks a value the way the API will, so most mistakes show while typing. The
 * API stays the judge: its problem+json messages replace these on submit.
 * Labels: the schema's `title` ({zh, en} or a plain string) when present, else the field name.
 */
import { idCardProblem, type IdCardProblem } from './idcard';

export type LocalizedText = string | { zh: string; en: string };

export interface JsonSchema {
  type?: string;
  title?: LocalizedText;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: Array<string | number>;
  oneOf?: Array<{ const?: string | number; title?: LocalizedText }>;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
}

export type FieldKind = 'text' | 'id-number' | 'date' | 'select' | 'boolean' | 'number';

export interface FormField {
  /** Dotted path inside the form (`child.idNumber`); the API reports `form.<path>`. */
  path: string;
  kind: FieldKind;
  title?: LocalizedText;
  /** Titles of the enclosing objects, outermost first (a field's group heading). */
  group: { key: string; title?: LocalizedText } | undefined;
  required: boolean;
  schema: JsonSchema;
  options: Array<{ value: string | number; title?: LocalizedText }>;
}

const isIdNumber = (name: string, s: JsonSchema) => name === 'idNumber' || /GB 11643/.test(s.description ?? '');

function kindOf(name: string, s: JsonSchema): FieldKind {
  if (s.enum || s.oneOf) return 'select';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.format === 'date') return 'date';
  return isIdNumber(name, s) ? 'id-number' : 'text';
}

/** The fields of a form schema, depth first in schema order. */
export function fieldsOf(schema: JsonSchema): FormField[] {
  const out: FormField[] = [];
  const walk = (s: JsonSchema, prefix: string, group: FormField['group']) => {
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (child.type === 'object' && child.properties) {
        walk(child, path, { key: path, ...(child.title ? { title: child.title } : {}) });
        continue;
      }
      out.push({
        path,
        kind: kindOf(name, child),
        ...(child.title ? { title: child.title } : {}),
        group,
        required: (s.required ?? []).includes(name),
        schema: child,
        options: child.oneOf
          ? child.oneOf.filter((o) => o.const !== undefined).map((o) => ({ value: o.const!, ...(o.title ? { title: o.title } : {}) }))
          : (child.enum ?? []).map((value) => ({ value })),
      });
    }
  };
  walk(schema, '', undefined);
  return out;
}

export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'too-short'; min: number }
  | { kind: 'too-long'; max: number }
  | { kind: 'pattern' }
  | { kind: 'id-number'; problem: IdCardProblem }
  | { kind: 'not-a-number' };

/** What is wrong with one value, or `undefined`. */
export function checkField(field: FormField, value: unknown): FieldProblem | undefined {
  const s = field.schema;
  // An unticked box is an answer (false), never a missing one.
  if (field.kind === 'boolean') return undefined;
  if (value === undefined || value === '' || value === null) return field.required ? { kind: 'required' } : undefined;
  if (field.kind === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : { kind: 'not-a-number' };
  const text = String(value);
  if (field.kind === 'id-number') {
    const problem = idCardProblem(text);
    return problem ? { kind: 'id-number', problem } : undefined;
  }
  if (s.minLength !== undefined && [...text].length < s.minLength) return { kind: 'too-short', min: s.minLength };
  if (s.maxLength !== undefined && [...text].length > s.maxLength) return { kind: 'too-long', max: s.maxLength };
  if (s.pattern && !new RegExp(s.pattern, 'u').test(text)) return { kind: 'pattern' };
  return undefined;
}

export const getAt = (obj: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

export function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

/** The form value to send: booleans default to false, empty strings are left out. */
export function formValue(fields: FormField[], values: Record<string, unknown>): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.path];
    if (f.kind === 'boolean') setAt(form, f.path, v === true);
    else if (v !== undefined && v !== '') setAt(form, f.path, v);
  }
  return form;
}
