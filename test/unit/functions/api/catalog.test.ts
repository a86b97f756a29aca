import { Logger } from '@aws-lambda-powertools/logger';
import { createGetServiceHandler } from '../../../../functions/api/get-service';
import { createHealthHandler } from '../../../../functions/api/health';
import { createListServicesHandler } from '../../../../functions/api/list-services';
import { ServiceDetail, ServiceList } from '../../../../functions/api/schemas';
import { catalog } from '../../../../workflows/catalog';
import { apiEvent } from '../../../events/api/events';
import { lambdaContext } from '../../../fixtures/lambda-context';

const silentLogger = new Logger({ logLevel: 'SILENT' });

const opts = { timeoutEarlyInMillis: 0, logger: silentLogger };
const json = (res: { body?: string }) => JSON.parse(res.body ?? 'null');

test('GET /healthz -> {ok: true} without a token', async () => {
  const res = await createHealthHandler(opts)(apiEvent({ routeKey: 'GET /healthz', claims: null }), lambdaContext());
  expect(res.statusCode).toBe(200);
  expect(json(res)).toEqual({ ok: true });
});

test('GET /v1/services lists every catalog service in the documented shape, publicly cacheable', async () => {
  const res = await createListServicesHandler(catalog, opts)(apiEvent({ routeKey: 'GET /v1/services', claims: null }), lambdaContext());
  const body = ServiceList.strict().parse(json(res));
  expect(body.items.map((s) => s.id)).toEqual(catalog.map((d) => d.id));
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  const first = catalog[0];
  expect(body.items[0]!.timeLimitWorkingDays).toBe(Math.max(...first!.departments.map((d) => d.timeLimitWorkingDays)));
  // The lead department (好差评 follow-ups) is shown, and is one of the service's departments.
  expect(body.items.map((s) => s.leadDepartment)).toEqual(catalog.map((d) => d.leadDepartment));
  for (const s of body.items) expect(s.departments.map((d) => d.id)).toContain(s.leadDepartment);
});

test('GET /v1/services/{serviceId}: form schema with a valid example, materials; unknown -> 404', async () => {
  const handler = createGetServiceHandler(undefined, opts);
  const def = catalog[0];
  const res = await handler(
    apiEvent({
      routeKey: 'GET /v1/services/{serviceId}',
      rawPath: `/v1/services/${def!.id}`,
      pathParameters: { serviceId: def!.id },
      claims: null,
    }),
    lambdaContext(),
  );
  const body = ServiceDetail.parse(json(res));
  expect(body.materials.map((m) => m.id)).toEqual(def!.materials.map((m) => m.id));
  const example = (body.formSchema.examples as unknown[])[0];
  expect(def!.form.safeParse(example).success).toBe(true);
  expect(JSON.stringify(body)).not.toContain('"sees"');

  const missing = await handler(
    apiEvent({
      routeKey: 'GET /v1/services/{serviceId}',
      rawPath: '/v1/services/no-such',
      pathParameters: { serviceId: 'no-such' },
      claims: null,
    }),
    lambdaContext(),
  );
  expect(missing.statusCode).toBe(404);
  expect(json(missing).detail).toContain('no-such');
});
