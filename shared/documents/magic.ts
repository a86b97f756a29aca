/**
 * Content sniffing by magic bytes: the declared content type is a claim, the first bytes
 * are evidence. Only the three types materials may have are recognised.
 */
export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: ReadonlyArray<[SniffedType, number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** How many leading bytes `sniffContentType` needs. */
export const SNIFF_BYTES = 8;

/**
 * The content type the leading bytes show, or undefined when they match none.
 *
 * @example sniffContentType(Buffer.from('%PDF-1.7')) // 'application/pdf'
 */
export function sniffContentType(head: Uint8Array): SniffedType | undefined {
  return SIGNATURES.find(([, sig]) => sig.every((b, i) => head[i] === b))?.[0];
}
