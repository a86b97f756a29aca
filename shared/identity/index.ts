/** Identifiers of people and organisations: check characters, zod schemas, masking. */
export { checkResidentId, isResidentIdNumber, residentIdCheckChar, type ResidentIdInfo } from './resident-id';
export { checkCreditCode, creditCodeCheckChar, isCreditCode } from './credit-code';
export { creditCode, residentIdNumber } from './schemas';
export { maskAddress, maskEmail, maskIdNumber, maskIdNumbersInText, maskName, maskPhone } from './mask';
export { maskPersonalData } from './mask-deep';
export { assertCreditCode, assertResidentIdNumber } from './assert';
export { InvalidIdentifierError } from './errors';
