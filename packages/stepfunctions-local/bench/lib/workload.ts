import type { JsonObject } from '../../src/api-types';

/**
 * The benchmark's 20-state machine (JSONPath, so the in-memory peer runs the same JSON):
 * Pass, Choice, Parallel (2 branches) and Map (2 items). Every defined state is entered at
 * least once; one execution enters TRANSITIONS_PER_EXECUTION states.
 */
export const WORKLOAD_DEFINITION: JsonObject = {
  Comment: 'OneThing engine benchmark: 20 states',
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'items.$': '$.items', tag: 'bench' }, Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Stamp' }],
      Default: 'Fanout',
    },
    Stamp: { Type: 'Pass', Result: 'stamped', ResultPath: '$.stamp', Next: 'Fanout' },
    Fanout: {
      Type: 'Parallel',
      ResultPath: '$.branches',
      Next: 'Shape',
      Branches: [
        {
          StartAt: 'B1Start',
          States: {
            B1Start: { Type: 'Pass', Parameters: { 'tag.$': '$.tag' }, Next: 'B1Check' },
            B1Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.tag', StringEquals: 'bench', Next: 'B1End' }],
              Default: 'B1End',
            },
            B1End: { Type: 'Pass', Result: 'b1', End: true },
          },
        },
        {
          StartAt: 'B2Start',
          States: {
            B2Start: { Type: 'Pass', Next: 'B2End' },
            B2End: { Type: 'Pass', Result: 'b2', End: true },
          },
        },
      ],
    },
    Shape: { Type: 'Pass', Parameters: { 'items.$': '$.items', 'branches.$': '$.branches' }, Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ResultPath: '$.mapped',
      Next: 'Merge',
      Iterator: {
        StartAt: 'ItemStart',
        States: {
          ItemStart: { Type: 'Pass', Next: 'ItemCheck' },
          ItemCheck: {
            Type: 'Choice',
            Choices: [{ Variable: '$', IsNumeric: true, Next: 'ItemDouble' }],
            Default: 'ItemDone',
          },
          ItemDouble: { Type: 'Pass', Parameters: { 'value.$': '$' }, Next: 'ItemDone' },
          ItemDone: { Type: 'Pass', End: true },
        },
      },
    },
    Merge: { Type: 'Pass', Parameters: { 'mapped.$': '$.mapped', 'branches.$': '$.branches' }, Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.mapped[0].value', NumericEquals: 1, Next: 'Tail1' }],
      Default: 'Tail2',
    },
    Tail1: { Type: 'Pass', Next: 'Tail2' },
    Tail2: { Type: 'Pass', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

export const WORKLOAD_INPUT: JsonObject = { n: 1, items: [1, 2] };

/** The output every run must produce (checked so a fast-but-wrong engine cannot score). */
export const WORKLOAD_OUTPUT: JsonObject = {
  mapped: [{ value: 1 }, { value: 2 }],
  branches: ['b1', 'b2'],
};

/** States entered by one execution: 11 top-level + 5 in the branches + 2 items × 4. */
export const TRANSITIONS_PER_EXECUTION = 24;
