/** zod schema of `data/synthetic.json`; check characters of every identifier are verified. */
import * as z from 'zod';
import { creditCode, residentIdNumber } from '../identity';

const date = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

const household = z.object({
  idNumber: residentIdNumber(),
  name: z.string().min(1),
  householdNo: z.string().min(1),
  address: z.string().min(1),
  registeredSince: date,
});

const realEstate = z
  .object({
    certificateNo: z.string().min(1),
    ownerIdNumbers: z.array(residentIdNumber()).min(1).optional(),
    ownerCreditCode: creditCode().optional(),
    address: z.string().min(1),
    usage: z.enum(['residential', 'commercial', 'industrial', 'construction-land']),
    registeredAt: date,
  })
  .refine((r) => (r.ownerIdNumbers === undefined) !== (r.ownerCreditCode === undefined), {
    message: 'exactly one of ownerIdNumbers and ownerCreditCode is required',
    path: ['ownerIdNumbers'],
  });

const socialInsurance = z.object({
  idNumber: residentIdNumber(),
  city: z.string().min(1),
  since: month,
  status: z.enum(['active', 'suspended', 'terminated']),
});

const enterprise = z.object({
  creditCode: creditCode(),
  name: z.string().min(1),
  legalRepIdNumber: residentIdNumber(),
  status: z.enum(['active', 'revoked', 'deregistered']),
  qualification: z.string().min(1).optional(),
});

const birthRecord = z.object({
  certificateNo: z.string().min(1),
  childName: z.string().min(1),
  sex: z.enum(['M', 'F']),
  birthDate: date,
  hospital: z.string().min(1),
  motherIdNumber: residentIdNumber(),
  fatherIdNumber: residentIdNumber().optional(),
});

export const syntheticDataSchema = z.object({
  _comment: z.string().optional(),
  householdRegistration: z.array(household),
  realEstate: z.array(realEstate),
  socialInsurance: z.array(socialInsurance),
  enterprises: z.array(enterprise),
  birthRecords: z.array(birthRecord),
});

/** The synthetic registries (input shape, before validation). */
export type SyntheticData = z.input<typeof syntheticDataSchema>;
