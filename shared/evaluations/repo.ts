import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentStore } from '../aws/document-store';
import type { CursorCodec, CursorList } from '../applications/cursor';
import { EVALUATIONS_PK, evaluationPk, MARKS, type EvaluationRecord } from './records';

export interface EvaluationFilter {
  from?: string;
  to?: string;
  serviceId?: string;
  bad?: boolean;
  /** Only services whose lead department this is (an officer's list). */
  leadDepartment?: string;
}

/** Reads and conditional writes of evaluation items (records.ts). */
export function createEvaluationRepo(ddb: DocumentStore, table: string, cursors: CursorCodec) {
  const key = (applicationId: string) => ({ pk: evaluationPk(applicationId), sk: 'EVAL' });
  return {
    async get(applicationId: string): Promise<EvaluationRecord | undefined> {
      const out = await ddb.send(new GetCommand({ TableName: table, Key: key(applicationId), ConsistentRead: true }));
      return out.Item as EvaluationRecord | undefined;
    },

    /** The evaluation, once per application (throws ConditionalCheckFailedException the second time). */
    async create(item: EvaluationRecord): Promise<void> {
      await ddb.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    },

    /** Replaces the mark once the event it owed is logged (conditional on that mark, so a later state is never undone). */
    async moveMark(applicationId: string, from: string, to?: { pk: string; sk: string }): Promise<void> {
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: key(applicationId),
          ConditionExpression: 'gsi4pk = :from',
          UpdateExpression: to ? 'SET gsi4pk = :pk, gsi4sk = :sk' : 'REMOVE gsi4pk, gsi4sk',
          ExpressionAttributeValues: { ':from': from, ...(to ? { ':pk': to.pk, ':sk': to.sk } : {}) },
        }),
      );
    },

    /** Records the answer of an open follow-up, marked until its event is logged; fails if answered before. */
    async answer(applicationId: string, answer: { answeredAt: string; note: string; answeredBy: string }): Promise<EvaluationRecord> {
      const out = await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: key(applicationId),
          ConditionExpression: 'attribute_exists(followUp) AND attribute_not_exists(followUp.answeredAt)',
          UpdateExpression: 'SET followUp.answeredAt = :at, followUp.note = :note, followUp.answeredBy = :by, gsi4pk = :pk, gsi4sk = :sk',
          ExpressionAttributeValues: {
            ':at': answer.answeredAt,
            ':note': answer.note,
            ':by': answer.answeredBy,
            ':pk': MARKS.answerUnlogged,
            ':sk': `${answer.answeredAt}#${applicationId}`,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as EvaluationRecord;
    },

    /** Items carrying a mark, its sort key before `before`, oldest first. */
    async marked(mark: string, before: string, limit: number): Promise<EvaluationRecord[]> {
      const out = await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi4',
          KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :before',
          ExpressionAttributeValues: { ':pk': mark, ':before': before },
          Limit: limit,
        }),
      );
      return (out.Items ?? []) as EvaluationRecord[];
    },

    /** Newest first within [from, to] (instants), filtered; a page may be short when filters drop items. */
    async list(f: EvaluationFilter, bindings: Record<string, string>, limit: number, cursor?: string) {
      const list: CursorList = { name: 'evaluations', bindings, partition: { gsi1pk: EVALUATIONS_PK }, carried: ['pk', 'sk', 'gsi1sk'] };
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':pk': EVALUATIONS_PK, ':from': f.from ?? '', ':to': `${f.to ?? '9999'}\uffff` };
      if (f.serviceId) {
        filters.push('serviceId = :service');
        values[':service'] = f.serviceId;
      }
      if (f.bad !== undefined) {
        filters.push(f.bad ? '#level <= :two' : '#level > :two');
        values[':two'] = 2;
      }
      if (f.leadDepartment) {
        filters.push('leadDepartment = :lead');
        values[':lead'] = f.leadDepartment;
      }
      const out = await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(f.bad !== undefined ? { ExpressionAttributeNames: { '#level': 'level' } } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursors.decode(cursor, list),
        }),
      );
      return { items: (out.Items ?? []) as EvaluationRecord[], nextCursor: cursors.encode(out.LastEvaluatedKey, list) };
    },
  };
}

export type EvaluationRepo = ReturnType<typeof createEvaluationRepo>;
