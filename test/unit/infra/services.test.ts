import { renderEventStateMachine } from '../../../workflows/generator';
import { district12345V1 } from '../../../workflows/events/district-12345';
import { renderCatalog, placeholdersOf } from '../../../infra/services';
import { PLACEHOLDER_NAMES, renderStateMachine } from '../../../workflows/generator';
import { catalog } from '../../../workflows/catalog';

describe('renderCatalog', () => {
  it('renders every current service with the generator, unchanged', () => {
    const rendered = renderCatalog();
    // The one-thing services, then the 12345 event services (issue 10).
    expect(rendered.map((r) => r.serviceId)).toEqual([...catalog.map((d) => d.id), 'citizen-hotline']);
    expect(JSON.parse(rendered.at(-1)?.definition ?? '')).toStrictEqual(renderEventStateMachine(district12345V1));
    expect(rendered.at(-1)?.departments).toHaveLength(23);
    for (const [i, def] of catalog.entries()) {
      expect(JSON.parse(rendered[i]?.definition ?? '')).toStrictEqual(renderStateMachine(def));
      expect(rendered[i]?.departments).toEqual(def.departments.map((d) => d.id));
    }
  });

  it('lists the placeholders, all of them known to the generator', () => {
    for (const r of renderCatalog()) {
      expect(r.placeholders.length).toBeGreaterThan(0);
      expect(r.placeholders.filter((p) => !PLACEHOLDER_NAMES.includes(p))).toEqual([]);
    }
  });
});

describe('placeholdersOf', () => {
  it('finds each ${Name} once, sorted, and ignores JSONata and plain text', () => {
    const asl = '{"A":"arn:${Partition}:x","B":"${IntakeFunctionArn}","C":"${Partition}","D":"{% $x %}","E":"$notOne"}';
    expect(placeholdersOf(asl)).toEqual(['IntakeFunctionArn', 'Partition']);
  });
});
