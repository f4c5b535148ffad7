import { JobName } from '@app/queues';
import { verifyJobHandlers } from './job-handler-registry';

const ALL = Object.values(JobName);
const NONE = { jobs: [], processors: [] };

describe('verifyJobHandlers', () => {
  it('accepts every job name handled once', () => {
    expect(() => verifyJobHandlers([{ processor: 'All', jobs: ALL }], NONE)).not.toThrow();
  });

  it('names a job without a handler and a job handled twice', () => {
    const [first, ...rest] = ALL;
    expect(() =>
      verifyJobHandlers(
        [
          { processor: 'A', jobs: rest },
          { processor: 'B', jobs: [rest[0]] },
        ],
        NONE,
      ),
    ).toThrow(new RegExp(`${first} has no handler.*${rest[0]} is handled by A and B`));
  });

  it('tolerates a pending job name, but not one that is also handled', () => {
    const [first, ...rest] = ALL;
    const pending = { jobs: [first], processors: [] };
    expect(() => verifyJobHandlers([{ processor: 'A', jobs: rest }], pending)).not.toThrow();
    expect(() => verifyJobHandlers([{ processor: 'A', jobs: ALL }], pending)).toThrow(
      new RegExp(`${first} is handled but still pending`),
    );
  });

  it('refuses a processor that declares nothing unless it is pending', () => {
    const processors = [
      { processor: 'All', jobs: ALL },
      { processor: 'Plain', jobs: [] },
    ];
    expect(() => verifyJobHandlers(processors, NONE)).toThrow(/Plain declares no job/);
    expect(() => verifyJobHandlers(processors, { jobs: [], processors: ['Plain'] })).not.toThrow();
  });
});
