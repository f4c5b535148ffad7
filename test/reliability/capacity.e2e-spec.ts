import { INestApplication } from '@nestjs/common';
import { startApi } from '../support/test-app';
import { CapacityRace } from './harness/capacity-race';

describe('concurrent accepts on one slot', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
    await app.listen(0, '127.0.0.1');
  });

  afterAll(() => app.close());

  it('lets exactly 5 of 50 simultaneous accepts through a slot of 5 seats', async () => {
    const outcome = await new CapacityRace(app).run({ contenders: 50, capacity: 5 });
    expect(outcome.statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(outcome.statuses.filter((s) => s === 409)).toHaveLength(45);
    expect(outcome).toMatchObject({ acceptedRows: 5, seatsTaken: 5 });
  }, 20_000);
});
