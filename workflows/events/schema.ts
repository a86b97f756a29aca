/** zod schema of a routing-table data file (`data/*.json`); cross-references are checked by validate.ts. */
import * as z from 'zod';

const name = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const hours = z.number().positive().max(1000);

export const routingTableSchema = z.object({
  departments: z.array(z.object({ id: z.string(), name, kind: z.enum(['functional', 'street']) })).min(1),
  streets: z.array(z.object({ id: z.string(), name, office: z.string() })).min(1),
  categories: z
    .array(
      z.object({
        id: z.string(),
        name,
        clock: z.enum(['working', 'natural']),
        acceptHours: hours,
        handleHours: hours,
        route: z.array(z.string()).min(1),
        routeByStreet: z.record(z.string(), z.array(z.string()).min(1)).optional(),
        weight: z.number().positive(),
      }),
    )
    .min(1),
});

export type RoutingTable = z.infer<typeof routingTableSchema>;
