import { maskPersonalData } from '../../../../shared/identity';

test('masks known keys at any depth and inside arrays', () => {
  const input = {
    serviceId: 'school-enrolment',
    form: {
      child: { name: '张小明', idNumber: '410106201909010034', birthDate: '2019-09-01' },
      guardians: [
        { name: '张伟', idNumber: '410102198503150010', phone: '13812345678', relation: 'father' },
        { fullName: '李娜', motherIdNumber: '410102198706220023', email: 'li.na@example.cn', homeAddress: '河南省郑州市上街区济源路12号' },
      ],
      ownerIdNumbers: ['410102198503150010', '410102198706220023'],
      contactMobile: '13900001111',
    },
  };
  expect(maskPersonalData(input)).toEqual({
    serviceId: 'school-enrolment',
    form: {
      child: { name: '张**', idNumber: '410106********0034', birthDate: '2019-09-01' },
      guardians: [
        { name: '张*', idNumber: '410102********0010', phone: '138****5678', relation: 'father' },
        { fullName: '李*', motherIdNumber: '410102********0023', email: 'l***@example.cn', homeAddress: '河南省郑州市***' },
      ],
      ownerIdNumbers: ['410102********0010', '410102********0023'],
      contactMobile: '139****1111',
    },
  });
});

test('does not change its input', () => {
  const input = { name: '张伟', nested: { idNumber: '410102198503150010' } };
  maskPersonalData(input);
  expect(input).toEqual({ name: '张伟', nested: { idNumber: '410102198503150010' } });
});

test('technical names and localized labels are kept', () => {
  const input = { serviceName: 'enrolment', tableName: 'onething-main', name: { zh: '教育入学一件事', en: 'School enrolment' } };
  expect(maskPersonalData(input)).toEqual(input);
});

test('ID numbers in free text under any key are masked; other values pass through', () => {
  const at = new Date('2026-09-30T02:00:00Z');
  const masked = maskPersonalData({ message: 'lookup failed for 410102198503150010', count: 3, ok: true, at, none: null });
  expect(masked).toEqual({ message: 'lookup failed for 410102********0010', count: 3, ok: true, at, none: null });
});

test('numbers under a personal key are masked too', () => {
  expect(maskPersonalData({ phone: 13812345678 })).toEqual({ phone: '138****5678' });
});

test('errors become { name, message } with ID numbers masked', () => {
  const error = new TypeError('no household for 410102198503150010');
  expect(maskPersonalData({ error })).toEqual({ error: { name: 'TypeError', message: 'no household for 410102********0010' } });
});

test('cycles do not recurse forever', () => {
  const input: Record<string, unknown> = { name: '张伟' };
  input.self = input;
  expect(maskPersonalData(input)).toEqual({ name: '张*', self: '[Circular]' });
});

test('a shared (non-cyclic) object is masked wherever it appears', () => {
  const person = { idNumber: '410102198503150010' };
  expect(maskPersonalData({ a: person, b: person })).toEqual({
    a: { idNumber: '410102********0010' },
    b: { idNumber: '410102********0010' },
  });
});
