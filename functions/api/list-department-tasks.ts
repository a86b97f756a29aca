/** `GET /v1/departments/{dept}/tasks?status&limit&cursor`: the inbox; 403 unless officer of `dept`. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { toPage } from '../http/pagination';
import { endpoint } from './contract';
import { taskService, type Lazy, type TaskService } from './services';

/** Builds the handler over a task service getter. */
export const createListDepartmentTasksHandler = (tasks: Lazy<TaskService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-department-tasks'), ...overrides }, async ({ principal, params, query }) => ({
    status: 200,
    body: toPage(await tasks().inbox(principal, params.dept, query)),
  }));

export const handler = createListDepartmentTasksHandler(taskService);
