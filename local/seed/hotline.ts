/**
 * `npm run seed:hotline`: half a year of 12345 events straight into the local store (the data
 * folder of `npm start`, which must not be running: it holds the store's lock), then the
 * seed's figures recomputed by brute force over every stored timing-log event.
 * `npm run seed:hotline -- --figures-only` only recomputes. README.md "12345 events".
 *
 * HOTLINE_EVENTS (37176), HOTLINE_SEED (1), HOTLINE_FROM (2026-01-01, CST), HOTLINE_DAYS (181).
 */
import path from 'node:path';
import * as z from 'zod';
import { loadCalendar } from '../../shared/calendar';
import type { TimingEvent } from '../../shared/audit/types';
import { district12345V1 } from '../../workflows/events/district-12345';
import { startDynamoDb } from '../components/dynamodb';
import { loadLocalConfig } from '../config';
import { prepareDataDir } from '../data-dir';
import { RESOURCE_NAMES as LOCAL_NAMES } from '../../shared/names';
import { ensureTables, tableDefinitions } from '../tables';
import { chainItems } from './chain';
import { figuresTable, hotlineFigures } from './figures';
import { generateEvents } from './generate';
import { localDocumentClient, putAll, scanAll } from './store';

const Env = z.object({
  HOTLINE_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(37_176),
  HOTLINE_SEED: z.coerce.number().int().min(0).default(1),
  HOTLINE_FROM: z.iso.date().default('2026-01-01'),
  HOTLINE_DAYS: z.coerce.number().int().min(1).max(366).default(181),
});

async function main(): Promise<void> {
  const env = Env.parse(process.env);
  const figuresOnly = process.argv.includes('--figures-only');
  const config = loadLocalConfig();
  prepareDataDir(config.dataDir);
  const store = await startDynamoDb({ host: '127.0.0.1', port: 0, dir: path.join(config.dataDir, 'dynamodb') });
  const { raw, ddb } = localDocumentClient(store.port);
  const to = new Date(new Date(`${env.HOTLINE_FROM}T00:00:00+08:00`).getTime() + (env.HOTLINE_DAYS - 1) * 86_400_000 + 8 * 3_600_000)
    .toISOString()
    .slice(0, 10);
  try {
    await ensureTables(raw, tableDefinitions(LOCAL_NAMES));
    if (!figuresOnly) {
      const started = Date.now();
      const events = generateEvents(district12345V1, loadCalendar(), {
        events: env.HOTLINE_EVENTS,
        seed: env.HOTLINE_SEED,
        from: env.HOTLINE_FROM,
        days: env.HOTLINE_DAYS,
      });
      const timing = events.flatMap((e) => chainItems(e.record.id, e.timeline));
      console.log(
        `generated ${events.length} events, ${timing.length} timing-log events (seed ${env.HOTLINE_SEED}); writing to ${config.dataDir}`,
      );
      await putAll(
        ddb,
        LOCAL_NAMES.main,
        events.map((e) => e.record),
      );
      let written = 0;
      await putAll(ddb, LOCAL_NAMES.audit, timing, 4, (n) => {
        written += n;
        if (written % 50_000 < n) console.log(`  ${Math.min(written, timing.length)} / ${timing.length} timing-log events`);
      });
      console.log(`written in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const stored = await scanAll<TimingEvent>(ddb, LOCAL_NAMES.audit);
    console.log(figuresTable(hotlineFigures(stored, district12345V1.id, env.HOTLINE_FROM, to), env.HOTLINE_FROM, to));
  } finally {
    raw.destroy();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof Error && /lock/i.test(error.message)) console.error('Is `npm start` running on this data folder? Stop it first.');
  process.exitCode = 1;
});
