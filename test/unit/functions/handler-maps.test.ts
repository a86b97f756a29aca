import { createApiHandlers } from '../../../functions/api/handlers';
import { createApiServices } from '../../../functions/api/services';
import { routes } from '../../../functions/routes';
import { createWorkflowHandlers } from '../../../functions/workflow/handlers';
import { workflowFunctions } from '../../../functions/workflow/specs';
import { createStepDeps } from '../../../functions/workflow/steps';
import { seedCatalog } from '../../../workflows/catalog';
import { testDeps } from '../shared/applications/helpers';

// The local runtime serves these maps; a route or step without a handler would fail its start.
test('every route of the route table has a handler built from one set of services, and no other', () => {
  const deps = testDeps();
  const handlers = createApiHandlers(createApiServices(() => deps, seedCatalog));
  expect(Object.keys(handlers).sort()).toEqual(routes.map((r) => r.name).sort());
  expect(Object.values(handlers).every((h) => typeof h === 'function')).toBe(true);
});

test('every function the state machines invoke has a handler built from one set of steps', () => {
  const deps = testDeps();
  const handlers = createWorkflowHandlers(createStepDeps(() => deps));
  expect(Object.keys(handlers).sort()).toEqual(workflowFunctions.map((f) => f.name).sort());
});
