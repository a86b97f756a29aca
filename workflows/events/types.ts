/**
 * The second kind of service definition: a 12345 event (接诉即办). One citizen report is
 * dispatched to ONE department chosen from a routing table by category and street, accepted
 * (签收) and handled within limits in hours, rated by the citizen (回访), closed.
 * docs/WORKFLOWS.md "Event definitions".
 */
import type { HourClock, WorkingHoursConfig } from '../../shared/calendar';
import type { LocalizedName } from '../types';

/** A department of the district that 12345 events are dispatched to. */
export interface EventDepartment {
  /** Kebab-case id; also the officer's `dept` claim. */
  id: string;
  name: LocalizedName;
  /** `street`: a street office or town (属地), the last resort of its own area; `functional`: a bureau. */
  kind: 'functional' | 'street';
}

/** A street or town of the district: where an event happened, and whose office answers last. */
export interface EventStreet {
  id: string;
  name: LocalizedName;
  /** The department id of this area's street office (属地兜底). */
  office: string;
}

/** A category of citizen report with its routing and limits. */
export interface EventCategory {
  id: string;
  name: LocalizedName;
  /**
   * Urgent categories (a burst main, a gas smell) count natural hours, day and night; the
   * others working hours (docs/CALENDAR.md "Working hours").
   */
  clock: HourClock;
  /** Hours from dispatch to acceptance (签收). */
  acceptHours: number;
  /** Hours from acceptance to the reply that handles the event (办结). */
  handleHours: number;
  /**
   * Departments in dispatch order; `@street` stands for the office of the event's street.
   * A return (退单) sends the event to the next one not yet tried.
   */
  route: string[];
  /** Street-specific routes that replace `route` in those streets, by street id. */
  routeByStreet?: Record<string, string[]>;
  /** Share of arrivals in the generated half-year (`npm run seed:hotline`); relative weights. */
  weight: number;
}

/** One version of a district's 12345 event service. */
export interface EventDefinition {
  kind: 'event';
  /** Kebab-case id; the state machine is `onething-<id>`. */
  id: string;
  version: number;
  name: LocalizedName;
  description: LocalizedName;
  legalBasis?: string[];
  departments: EventDepartment[];
  streets: EventStreet[];
  categories: EventCategory[];
  /** The site's working hours; default DEFAULT_WORKING_HOURS (08:30-12:00, 13:30-17:30 CST). */
  workingHours?: WorkingHoursConfig;
  /** Share of an acceptance or handling limit after which the department is warned, e.g. 0.75. */
  warnAtShare: number;
  /** Re-escalation interval in hours once acceptance or handling is overdue. */
  escalateEveryHours: number;
  /** Natural hours the citizen has to rate the reply (回访) before the event closes unrated. */
  ratingWindowHours: number;
  /** The photos a report may carry (uploaded as material `photo` of this service). */
  photos: EventPhotoRules;
}

/** What a report's photos may be: uploaded through `POST /v1/uploads` with `materialId: "photo"`. */
export interface EventPhotoRules {
  /** At most this many per report (never above EVENT_PHOTO_MAX_COUNT, the API's bound). */
  maxCount: number;
  /** Bytes per photo. */
  maxBytes: number;
  /** Image types, checked by magic bytes as for materials. */
  accept: readonly ('image/jpeg' | 'image/png')[];
}

/** The upload ticket's `materialId` for a report's photo. */
export const EVENT_PHOTO_MATERIAL = 'photo';
/** The request schema's bound on photos per report; a definition may allow fewer. */
export const EVENT_PHOTO_MAX_COUNT = 6;

/** Where the event is: a street of the district and a free-text address in it. */
export interface EventLocation {
  street: string;
  address: string;
}
