import { realEstateCheck } from '../../../../workflows/checks/real-estate';
import type { RealEstateRecord } from '../../../../shared/registries';
import { fakeRegistries } from './fake-registries';

const home: RealEstateRecord = {
  certificateNo: 'C1',
  ownerIdNumbers: ['410102198503150010', '410102198706220023'],
  address: '河南省郑州市上街区济源路12号',
  usage: 'residential',
  registeredAt: '2021-04-08',
};
const land: RealEstateRecord = {
  certificateNo: 'L1',
  ownerCreditCode: '91410183MA9KXY801L',
  address: '地块',
  usage: 'construction-land',
  registeredAt: '2024-07-01',
};

const check = (usage: 'residential' | 'construction-land') =>
  realEstateCheck<{ cert: string; owner: string }>({
    id: 'property',
    name: { zh: '房产', en: 'Property' },
    certificateNo: (f) => f.cert,
    owner: (f) => f.owner,
    usage,
  });
const registries = fakeRegistries({ realEstate: [home, land] });

describe('realEstateCheck', () => {
  it('passes for a co-owner of a residential property', async () => {
    await expect(check('residential').run({ cert: 'C1', owner: '410102198706220023' }, registries)).resolves.toStrictEqual({
      passed: true,
      summary: { zh: '不动产权属核验通过', en: 'Property ownership verified' },
      detail: { found: true, ownerMatches: true, usage: 'residential', registeredAt: '2021-04-08' },
    });
  });

  it('passes for an enterprise owning construction land', async () => {
    await expect(check('construction-land').run({ cert: 'L1', owner: '91410183MA9KXY801L' }, registries)).resolves.toMatchObject({
      passed: true,
    });
  });

  it('fails for an unknown certificate', async () => {
    await expect(check('residential').run({ cert: 'nope', owner: 'x' }, registries)).resolves.toMatchObject({
      passed: false,
      detail: { found: false },
    });
  });

  it('fails when the applicant is not an owner', async () => {
    await expect(check('residential').run({ cert: 'C1', owner: '410102199002100052' }, registries)).resolves.toMatchObject({
      passed: false,
      detail: { ownerMatches: false },
      summary: { en: 'The applicant does not own this property' },
    });
  });

  it('fails when the usage differs', async () => {
    await expect(check('residential').run({ cert: 'L1', owner: '91410183MA9KXY801L' }, registries)).resolves.toMatchObject({
      passed: false,
      summary: { en: "The property's usage is not residential" },
    });
  });
});
