import { JobName } from '@app/queues';
import { verifyJobHandlers } from './job-handler-registry';

const ALL = Object.values(JobName);

describe('verifyJobHandlers', () => {
  it('accepts every job name handled once', () => {
    expect(() => verifyJobHandlers([{ processor: 'All', jobs: ALL }])).not.toThrow();
  });

  it('names a job without a handler and a job handled twice', () => {
    const [first, ...rest] = ALL;
    expect(() =>
      verifyJobHandlers([
        { processor: 'A', jobs: rest },
        { processor: 'B', jobs: [rest[0]] },
      ]),
    ).toThrow(new RegExp(`${first} has no handler.*${rest[0]} is handled by A and B`));
  });

  it('refuses a processor that declares no job', () => {
    expect(() =>
      verifyJobHandlers([
        { processor: 'All', jobs: ALL },
        { processor: 'Plain', jobs: [] },
      ]),
    ).toThrow(/Plain declares no job/);
  });
});
