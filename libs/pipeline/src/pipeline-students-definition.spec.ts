import {
  PIPELINE_MATCHED_STANDINGS,
  PIPELINE_PLACED_STANDINGS,
  pipelineStandingsSql,
} from '@app/database';
import {
  MATCHED_STANDINGS,
  PLACED_STANDINGS,
  standingIn,
  studentRoundStandingsSql,
} from '@app/rounds';

const words = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/**
 * The summary's triggers spell the round standings in their migration, which cannot import the
 * rounds lib. When round-standing.ts changes, this fails until a new migration re-creates
 * `pipeline_students_refresh` with the new text (and this test points at it).
 */
describe('the pipeline summary spells the round standings of libs/rounds', () => {
  it('has the standings SQL of studentRoundStandingsSql, in both views', () => {
    for (const coordinator of ['NULL', `'00000000-0000-0000-0000-000000000000'`]) {
      expect(words(pipelineStandingsSql(coordinator))).toBe(
        words(studentRoundStandingsSql('SELECT unnest(changed)', coordinator)),
      );
    }
  });

  it('has MATCHED_STANDINGS and PLACED_STANDINGS', () => {
    expect(`x IN ${PIPELINE_MATCHED_STANDINGS}`).toBe(standingIn(MATCHED_STANDINGS, 'x'));
    expect(`x IN ${PIPELINE_PLACED_STANDINGS}`).toBe(standingIn(PLACED_STANDINGS, 'x'));
  });
});
