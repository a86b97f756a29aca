/**
 * The district operations centre's 12345 events (接诉即办), after the seed's 上街区 centre:
 * 12345 and digital city management merged, every report dispatched to one of 23
 * departments. The routing table is SYNTHETIC (names of real kinds of departments and of
 * the district's streets, routes and limits invented for the platform), shipped as data.
 */
import table from './data/district-12345.json';
import { routingTableSchema } from './schema';
import type { EventDefinition } from './types';

const routing = routingTableSchema.parse(table);

export const district12345V1: EventDefinition = {
  kind: 'event',
  id: 'citizen-hotline',
  version: 1,
  name: { zh: '12345接诉即办', en: '12345 citizen requests' },
  description: {
    zh: '群众反映的诉求自动派单至责任部门，限时签收、办理、答复、回访，闭环管理',
    en: 'A citizen report is dispatched to the responsible department, accepted, handled and answered within hours, then rated by the citizen',
  },
  legalBasis: ['国务院办公厅关于进一步优化地方政务服务便民热线的指导意见 (国办发〔2020〕53号)'],
  ...routing,
  warnAtShare: 0.75,
  escalateEveryHours: 2,
  ratingWindowHours: 72,
  // A phone photo is 2-4 MB; 5 MB each keeps six of them one modest request's worth.
  photos: { maxCount: 6, maxBytes: 5 * 1024 * 1024, accept: ['image/jpeg', 'image/png'] },
};
