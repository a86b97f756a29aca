/**
 * How a person finds a form field on the page: by the label the UI shows for it, the schema's
 * Chinese `title` when the service defines one (falling back to the field name, as the UI
 * does), inside the group named by its object's title.
 */
type Schema = { title?: string | { zh: string; en: string }; properties?: Record<string, Schema>; type?: string };

const zhTitle = (s: Schema, fallback: string) => (s.title === undefined ? fallback : typeof s.title === 'string' ? s.title : s.title.zh);

export interface FieldLabel {
  path: string;
  group?: string;
  label: string;
}

/** Every leaf field of a form schema with the labels the UI shows. */
export function fieldLabels(schema: Schema): FieldLabel[] {
  const out: FieldLabel[] = [];
  const walk = (s: Schema, prefix: string, group?: string) => {
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (child.type === 'object' && child.properties) walk(child, path, zhTitle(child, path));
      else out.push({ path, ...(group ? { group } : {}), label: zhTitle(child, name) });
    }
  };
  walk(schema, '');
  return out;
}

export const valueAt = (obj: any, path: string): unknown => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
