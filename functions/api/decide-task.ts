/** `POST /v1/tasks/{taskId}/decision` -> 200; the same decision replayed returns the same result. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { taskService, type Lazy, type TaskService } from './services';

/** Builds the handler over a task service getter. */
export const createDecideTaskHandler = (tasks: Lazy<TaskService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('decide-task'), ...overrides }, async ({ principal, params, body }) => ({
    status: 200,
    body: await tasks().decide(principal, params.taskId, body),
  }));

export const handler = createDecideTaskHandler(taskService);
