import { INestApplication } from '@nestjs/common';
import { CapacityRace } from '../reliability/harness/capacity-race';
import { startApi } from '../support/test-app';

const REPETITIONS = 100;

describe('concurrent accepts on one slot, repeated', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
    await app.listen(0, '127.0.0.1');
  });

  afterAll(() => app.close());

  it(`never lets more than the seats through, ${REPETITIONS} times over`, async () => {
    const race = new CapacityRace(app);
    const failures: string[] = [];
    for (let repetition = 1; repetition <= REPETITIONS; repetition++) {
      const { statuses, acceptedRows, seatsTaken } = await race.run({
        contenders: 50,
        capacity: 5,
      });
      const ok = statuses.filter((s) => s === 200).length;
      const conflicts = statuses.filter((s) => s === 409).length;
      if (ok !== 5 || conflicts !== 45 || acceptedRows !== 5 || seatsTaken !== 5) {
        failures.push(`#${repetition}: ${ok} accepted, ${conflicts} refused, ${acceptedRows} rows`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
