/** Field schemas shared by the seed services' forms. */
import * as z from 'zod';

/** A person's name as on the ID card (Chinese names may contain "·"). */
export const personName = z.string().trim().min(1, 'name is required').max(40);

/** Mainland mobile number, 11 digits starting with 1. */
export const mobilePhone = z.string().regex(/^1[3-9]\d{9}$/, 'expected an 11-digit mobile number');

/** Calendar date `YYYY-MM-DD`. */
export const isoDate = z.iso.date();

/** Free text with an upper bound, so one field cannot blow up the item size. */
export const text = (max: number) => z.string().trim().min(1).max(max);
