/**
 * Every stable code has both texts. The codes are read from the registry after loading every
 * route's Lambda module (functions/routes.ts), the workflow steps and the local server, so a code that a new
 * endpoint defines with `defineProblems` / `defineFieldMessages` is checked without being listed here.
 */
import path from 'node:path';
import { routes } from '../../../../functions/routes';
import * as httpErrors from '../../../../functions/http/errors';
import * as sharedErrors from '../../../../shared/errors';
import { AppError } from '../../../../shared/errors';
import { CODE_PATTERN, allFieldMessages, allProblems, defineFieldMessages, placeholdersOf, type Texts } from '../../../../shared/i18n';
import '../../../../local/http/server';
import '../../../../functions/workflow/handlers';

const root = path.resolve(__dirname, '../../../..');
beforeAll(() => {
  for (const route of routes) require(path.join(root, route.entry)); // eslint-disable-line @typescript-eslint/no-require-imports -- loads each Lambda's module graph so its codes register
});

const HAN = /\p{Script=Han}/u;

/** Problems of one text pair; [] when both are usable. */
function textProblems(texts: Texts): string[] {
  const out: string[] = [];
  if (texts.en.trim() === '') out.push('en is empty');
  if (!HAN.test(texts.zh)) out.push(`zh has no Chinese: ${texts.zh}`);
  // zh may leave out an English-only value (a reason in English), never invent one.
  const missing = placeholdersOf(texts.zh).filter((p) => !placeholdersOf(texts.en).includes(p));
  if (missing.length) out.push(`zh uses {${missing.join('}, {')}} that en does not`);
  return out;
}

test('the catalog is not empty: the core codes are registered', () => {
  expect(allProblems().size).toBeGreaterThanOrEqual(40);
  expect(allFieldMessages().size).toBeGreaterThanOrEqual(60);
  expect([...allProblems().keys()]).toEqual(expect.arrayContaining(['application-not-found', 'decision-conflict', 'validation']));
  expect([...allFieldMessages().keys()]).toEqual(expect.arrayContaining(['id-number-check-character', 'required', 'invalid']));
});

test('every problem code is kebab-case, has a 4xx/5xx status and both texts of its title and detail', () => {
  const problems = [...allProblems()].flatMap(([code, entry]) => [
    ...(CODE_PATTERN.test(code) ? [] : [`${code}: not kebab-case`]),
    ...(entry.status >= 400 && entry.status <= 599 ? [] : [`${code}: status ${entry.status}`]),
    ...textProblems(entry.title).map((p) => `${code} title: ${p}`),
    ...textProblems(entry.detail).map((p) => `${code} detail: ${p}`),
  ]);
  expect(problems).toEqual([]);
});

test('every field code is kebab-case and has both texts', () => {
  const problems = [...allFieldMessages()].flatMap(([code, texts]) => [
    ...(CODE_PATTERN.test(code) ? [] : [`${code}: not kebab-case`]),
    ...textProblems(texts).map((p) => `${code}: ${p}`),
  ]);
  expect(problems).toEqual([]);
});

test("every error class's generic code has an entry with the class's status and title", () => {
  // Constructor arguments of the classes that take more than a message.
  const args = new Map<unknown, unknown[]>([
    [sharedErrors.ValidationError, [[]]],
    [httpErrors.MethodNotAllowedError, ['m', ['GET']]],
  ]);
  const exported: unknown[] = [...Object.values(sharedErrors), ...Object.values(httpErrors)];
  const classes = exported.filter(
    (v): v is new (...a: unknown[]) => AppError => typeof v === 'function' && v.prototype instanceof AppError && v !== AppError,
  );
  expect(classes.length).toBeGreaterThanOrEqual(12);
  const mismatches = classes.flatMap((cls) => {
    const error = new cls(...(args.get(cls) ?? ['m']));
    const entry = allProblems().get(error.code);
    if (!entry) return [`${cls.name}: no entry for ${error.code}`];
    return entry.status === error.status && entry.title.en === error.title ? [] : [`${cls.name}: ${entry.status} ${entry.title.en}`];
  });
  expect(mismatches).toEqual([]);
});

test('a code defined twice with other texts is refused', () => {
  expect(() => defineFieldMessages({ required: { en: 'x', zh: '另一个' } })).toThrow('defined twice');
  expect(() => defineFieldMessages({ Not_Kebab: { en: 'x', zh: '某' } })).toThrow('kebab-case');
});
