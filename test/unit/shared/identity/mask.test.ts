import { maskAddress, maskEmail, maskIdNumber, maskIdNumbersInText, maskName, maskPhone } from '../../../../shared/identity';

test.each([
  ['410102198503150010', '410102********0010'],
  ['11010519491231002X', '110105********002X'],
  ['91410183MA9KXY801L', '914101********801L'],
  ['410102850315001', '410102*****5001'], // old 15-digit numbers: 6 + 5 hidden + 4
  ['12345678901', '123456*8901'],
  ['1234567890', '**********'], // 10 or fewer: nothing shown
  ['', ''],
])('maskIdNumber(%p) -> %p', (value, masked) => {
  expect(maskIdNumber(value)).toBe(masked);
});

test.each([
  ['张伟', '张*'],
  ['张小明', '张**'],
  ['欧阳娜娜', '欧***'],
  ['王', '*'],
  [' 李娜 ', '李*'],
  ['', ''],
])('maskName(%p) -> %p', (value, masked) => {
  expect(maskName(value)).toBe(masked);
});

test('other maskers keep only what tells records apart', () => {
  expect(maskPhone('13812345678')).toBe('138****5678');
  expect(maskPhone('0371-6788')).toBe('037**6788');
  expect(maskPhone('12345')).toBe('*****');
  expect(maskAddress('河南省郑州市上街区济源路12号')).toBe('河南省郑州市***');
  expect(maskAddress('郑州')).toBe('**');
  expect(maskEmail('zhang.wei@example.cn')).toBe('z***@example.cn');
  expect(maskEmail('no-at-sign')).toBe('n*********');
});

test('maskIdNumbersInText masks only valid ID numbers standing alone', () => {
  expect(maskIdNumbersInText('applicant 410102198503150010 and 11010519491231002x')).toBe(
    'applicant 410102********0010 and 110105********002x',
  );
  // Wrong check character (an order number, say) and a longer digit run stay as they are.
  expect(maskIdNumbersInText('order 410102198503150011')).toBe('order 410102198503150011');
  expect(maskIdNumbersInText('x4101021985031500109')).toBe('x4101021985031500109');
});
