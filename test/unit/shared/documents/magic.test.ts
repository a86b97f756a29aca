import { sniffContentType } from '../../../../shared/documents/magic';

test.each([
  ['%PDF-1.7\n', 'application/pdf'],
  [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
  ['%PDF 1.7', undefined], // no dash: not a PDF header
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), undefined], // truncated PNG signature
  ['GIF89a', undefined],
  ['', undefined],
])('%j -> %s', (bytes, type) => {
  expect(sniffContentType(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)).toBe(type);
});
