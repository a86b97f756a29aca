import { createHash } from 'node:crypto';

/**
 * Placeholder files for a walk-through's materials: the smallest files whose first bytes
 * show their type, so they pass the same checks as a citizen's upload (size, sha256, magic
 * bytes). PDFs carry a label so each material's bytes differ and say what they are.
 */
export function placeholderFile(accept: readonly string[], label: string): { contentType: string; bytes: Buffer; sha256: string } {
  const contentType = accept.includes('application/pdf') ? 'application/pdf' : (accept[0] ?? 'application/pdf');
  const bytes =
    contentType === 'image/png'
      ? Buffer.from(
          '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
          'hex',
        )
      : contentType === 'image/jpeg'
        ? Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')
        : Buffer.from(`%PDF-1.4\n% OneThing walk-through placeholder: ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
  return { contentType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
