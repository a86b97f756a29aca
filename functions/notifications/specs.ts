import type { FunctionSpec } from '../access';

/**
 * The scheduled notifications tick (every minute): hands due SMS to the queue, logs 好差评
 * events a crash left unlogged, emits `UnansweredBadReviews` (DESIGN.md "Notifications").
 */
export const notificationsTickFunction: FunctionSpec = {
  name: 'notifications-tick',
  entry: 'functions/notifications/tick.ts',
  access: ['main:read', 'main:write', 'audit:read', 'audit:append', 'sms:enqueue'],
};

/** The SMS queue's consumer: reads the number from the application, publishes with SNS, clears the mark. */
export const smsSendFunction: FunctionSpec = {
  name: 'sms-send',
  entry: 'functions/notifications/sms-send.ts',
  access: ['main:read', 'main:write', 'sms:consume', 'sms:publish'],
};

/** The environment variable with the SMS queue's URL (the tick only). */
export const SMS_QUEUE_URL_ENV = 'SMS_QUEUE_URL';
