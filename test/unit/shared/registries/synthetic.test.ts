import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidIdentifierError } from '../../../../shared/identity';
import { createSyntheticDataSharing, RegistryDataError, type DataSharing, type SyntheticData } from '../../../../shared/registries';

const registries: DataSharing = createSyntheticDataSharing();
const shipped: SyntheticData = JSON.parse(readFileSync(join(__dirname, '../../../../shared/registries/data/synthetic.json'), 'utf8'));

describe('look-ups on the shipped synthetic data', () => {
  test('household by ID number, and its members', async () => {
    expect(await registries.household('410102198503150010')).toEqual({
      idNumber: '410102198503150010',
      name: '张伟',
      householdNo: '410106-0012345',
      address: '河南省郑州市上街区济源路12号',
      registeredSince: '2015-06-01',
    });
    const members = await registries.householdMembers('410106-0012345');
    expect(members.map((m) => m.name)).toEqual(['张伟', '李娜', '张小明']);
    expect(await registries.householdMembers('999999-0000000')).toEqual([]);
  });

  test('a valid but unknown ID number is undefined', async () => {
    expect(await registries.household('11010519491231002X')).toBeUndefined();
    expect(await registries.socialInsurance('410102198706220023')).toBeUndefined();
  });

  test('real estate by certificate and by owner (person co-owner or enterprise)', async () => {
    const home = await registries.realEstateByCertificate('豫(2021)郑州市不动产权第0012345号');
    expect(home).toMatchObject({ usage: 'residential', ownerIdNumbers: ['410102198503150010', '410102198706220023'] });
    expect((await registries.realEstateByOwner('410102198706220023')).map((r) => r.certificateNo)).toEqual([
      '豫(2021)郑州市不动产权第0012345号',
    ]);
    expect((await registries.realEstateByOwner('91410183ma9kxy801l')).map((r) => r.certificateNo)).toEqual([
      '豫(2024)新密市不动产权第0000777号',
    ]);
    expect(await registries.realEstateByOwner('410183198811080067')).toEqual([]);
    expect(await registries.realEstateByCertificate('豫(2000)不存在第1号')).toBeUndefined();
  });

  test('social insurance, enterprise and birth record', async () => {
    expect(await registries.socialInsurance('410102199002100052')).toEqual({
      idNumber: '410102199002100052',
      city: '郑州市',
      since: '2019-07',
      status: 'active',
    });
    expect(await registries.enterprise('91410183MA9KXY801L')).toMatchObject({
      name: '新密示例建设有限公司',
      legalRepIdNumber: '410183198811080067',
    });
    expect(await registries.enterprise('91350100M000100Y43')).toBeUndefined();
    expect(await registries.birthRecord('Q410012345')).toMatchObject({ childName: '王小宝', motherIdNumber: '410102199002100052' });
  });

  test('records for negative paths: terminated insurance, deregistered enterprise', async () => {
    expect(await registries.socialInsurance('410183199203150046')).toMatchObject({ status: 'terminated' });
    expect(await registries.enterprise('91410100MA47DL3K62')).toMatchObject({ status: 'deregistered' });
    expect((await registries.householdMembers('410183-0005678')).map((m) => m.name)).toEqual(['陈静', '刘思远']);
  });

  test('results are copies: changing one does not change the registry', async () => {
    const record = await registries.household('410102198503150010');
    if (!record) throw new Error('expected the record');
    record.name = 'changed';
    (await registries.realEstateByOwner('410102198503150010'))[0]!.ownerIdNumbers?.push('x');
    expect((await registries.household('410102198503150010'))?.name).toBe('张伟');
    expect((await registries.realEstateByOwner('410102198503150010'))[0]!.ownerIdNumbers).toHaveLength(2);
  });
});

describe('malformed arguments are refused, naming the parameter', () => {
  test.each([
    ['household', () => registries.household('410102198503150011'), 'idNumber'],
    ['socialInsurance', () => registries.socialInsurance('123'), 'idNumber'],
    ['enterprise', () => registries.enterprise('91410183MA9KXY801M'), 'creditCode'],
    ['realEstateByOwner', () => registries.realEstateByOwner('not-an-id-000000000'), 'ownerId'],
    ['householdMembers', () => registries.householdMembers(' '), 'householdNo'],
    ['birthRecord', () => registries.birthRecord(''), 'certificateNo'],
    ['realEstateByCertificate', () => registries.realEstateByCertificate(undefined as unknown as string), 'certificateNo'],
  ])('%s', async (_method, call, field) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ field, status: 422 });
    expect((error as Error).message).toMatch(new RegExp(`^${field}: `));
  });
});

describe('the data is validated when the adapter is built', () => {
  const variant = (change: (d: SyntheticData) => void): SyntheticData => {
    const copy = structuredClone(shipped);
    change(copy);
    return copy;
  };

  test('custom data is used instead of the shipped file', async () => {
    const custom = createSyntheticDataSharing(variant((d) => (d.householdRegistration = d.householdRegistration.slice(0, 1))));
    expect(await custom.householdMembers('410106-0012345')).toHaveLength(1);
  });

  test.each([
    [
      'a wrong check character',
      (d: SyntheticData) => (d.householdRegistration[1]!.idNumber = '410102198706220024'),
      'householdRegistration.1.idNumber',
    ],
    [
      'a duplicate ID number',
      (d: SyntheticData) => (d.householdRegistration = [...d.householdRegistration.slice(0, 2), d.householdRegistration[0]!]),
      'householdRegistration.2.idNumber',
    ],
    ['a wrong credit code', (d: SyntheticData) => (d.enterprises[0]!.creditCode = '91410183MA9KXY801M'), 'enterprises.0.creditCode'],
    ['two kinds of owner', (d: SyntheticData) => (d.realEstate[1]!.ownerIdNumbers = ['410102198503150010']), 'realEstate.1.ownerIdNumbers'],
    ['a bad month', (d: SyntheticData) => (d.socialInsurance[0]!.since = '2016-13'), 'socialInsurance.0.since'],
    ['an unknown status', (d: SyntheticData) => (d.enterprises[1]!.status = 'sleeping' as 'active'), 'enterprises.1.status'],
    ['a missing collection', (d: SyntheticData) => delete (d as Partial<SyntheticData>).birthRecords, 'birthRecords'],
  ])('%s', (_case, change, field) => {
    const error = (() => {
      try {
        createSyntheticDataSharing(variant(change));
      } catch (e) {
        return e;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(RegistryDataError);
    expect(error).toMatchObject({ field });
  });
});
