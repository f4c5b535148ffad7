import { DataSource } from 'typeorm';
import { OpenSlotsCatalogue } from './open-slots.catalogue';
import { SlotView } from './slot-view';

const aSlot = (id: string, fields: Partial<SlotView> = {}): SlotView => ({
  id,
  organisation: { id: 'o1', name: 'Novozymes' },
  title: id,
  description: '',
  focusArea: 'biotech-production',
  programmes: [],
  skills: [],
  language: null,
  minAge: null,
  startsOn: '2027-02-01',
  endsOn: '2027-04-30',
  capacity: 1,
  site: '',
  contact: { name: '', email: '', phone: '' },
  status: 'open',
  ...fields,
});

const student = {
  programmeId: 'p1',
  birthDate: '2008-01-01',
  languages: ['da'],
  availableFrom: '2027-01-01',
  availableTo: '2027-12-31',
};

/** A database whose catalogue is at `version`, counting the loads the catalogue makes. */
function aDatabase(slots: SlotView[]) {
  const state = { version: 1, loads: 0, fail: false };
  const query = async () => {
    state.loads += 1;
    await new Promise((resolve) => setImmediate(resolve));
    if (state.fail) throw new Error('connection lost');
    return [{ version: String(state.version), slots }];
  };
  return { db: { query } as unknown as DataSource, state };
}

describe('OpenSlotsCatalogue', () => {
  it('loads once for callers arriving together, and not again at the same version', async () => {
    const { db, state } = aDatabase([aSlot('a')]);
    const catalogue = new OpenSlotsCatalogue(db);
    const snapshots = await Promise.all([1n, 1n, 1n].map((v) => catalogue.atLeast(v)));
    expect(new Set(snapshots).size).toBe(1);
    await catalogue.atLeast(1n);
    expect(state.loads).toBe(1);
  });

  it('reloads when a caller has seen a newer version', async () => {
    const { db, state } = aDatabase([aSlot('a')]);
    const catalogue = new OpenSlotsCatalogue(db);
    await catalogue.atLeast(1n);
    state.version = 2;
    expect((await catalogue.atLeast(2n)).version).toBe(2n);
    expect(state.loads).toBe(2);
  });

  it('tries again after a failed load instead of keeping the failure', async () => {
    const { db, state } = aDatabase([aSlot('a')]);
    const catalogue = new OpenSlotsCatalogue(db);
    state.fail = true;
    await expect(catalogue.atLeast(1n)).rejects.toThrow('connection lost');
    state.fail = false;
    expect((await catalogue.atLeast(1n)).slots).toHaveLength(1);
  });

  it('lists the slots a student may take, with the verdicts, and remembers the list', async () => {
    const { db } = aDatabase([
      aSlot('open to all'),
      aSlot('German', { language: 'de' }),
      aSlot('green', { focusArea: 'green-transition' }),
    ]);
    const snapshot = await new OpenSlotsCatalogue(db).atLeast(1n);
    const eligible = snapshot.listFor(student, {});
    expect(eligible.map((v) => [v.id, v.eligible])).toEqual([
      ['open to all', true],
      ['green', true],
    ]);
    const all = snapshot.listFor(student, { includeIneligible: true });
    expect(all.map((v) => [v.id, v.reasons])).toEqual([
      ['open to all', []],
      ['German', ['language']],
      ['green', []],
    ]);
    expect(snapshot.listFor(student, { focusArea: 'green-transition' }).map((v) => v.id)).toEqual([
      'green',
    ]);
    expect(snapshot.listFor({ ...student }, {})).toBe(eligible);
    expect(snapshot.listFor({ ...student, languages: ['da', 'de'] }, {})).not.toBe(eligible);
  });
});
