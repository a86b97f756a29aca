/** `notifications-tick` (EventBridge, every minute): SMS to the queue, the 好差评 check and its metric. */
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { createEvaluationCheck, createSmsDispatcher } from '../../shared/notifications';
import { createSqsSmsQueue } from '../../shared/notifications/channels/sqs-queue';
import { createMetrics } from '../../shared/observability/metrics';
import type { PlatformDeps } from '../../shared/deps';
import { lambdaDeps } from '../deps';
import { once } from '../lazy';
import { SMS_QUEUE_URL_ENV } from './specs';

export function createTickHandler(deps: () => PlatformDeps, queueUrl: () => string) {
  const run = once(() => {
    const d = deps();
    const dispatch = createSmsDispatcher(d, createSqsSmsQueue(new SQSClient({ region: d.config.region }), queueUrl()));
    const check = createEvaluationCheck(d, createMetrics({ clock: d.clock }));
    return async () => {
      const sms = await dispatch();
      const evaluations = await check();
      return { ...sms, finished: evaluations.finished, unanswered: evaluations.unanswered.length };
    };
  });
  return async () => run()();
}

const queueUrlFromEnv = once(() => z.object({ [SMS_QUEUE_URL_ENV]: z.url() }).parse(process.env)[SMS_QUEUE_URL_ENV]);

export const handler = createTickHandler(lambdaDeps, queueUrlFromEnv);
