/** `GET /v1/tasks/{taskId}`: the task with only what its department may see; 404 for others. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { taskService, type Lazy, type TaskService } from './services';

/** Builds the handler over a task service getter. */
export const createGetTaskHandler = (tasks: Lazy<TaskService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-task'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await tasks().get(principal, params.taskId),
  }));

export const handler = createGetTaskHandler(taskService);
