import { FOLLOW_UP_MONTHS } from './dto/follow-up.dto';

/** A follow-up's link works this long after it falls due; then the next one is near. */
export const FOLLOW_UP_ANSWER_DAYS = 90;

/** The last follow-up, in months after completion. */
export const LAST_FOLLOW_UP_MONTHS = Math.max(...FOLLOW_UP_MONTHS);

/**
 * The day a student completes: the last day of their expected completion month (SQL, `student`
 * the students row's alias; null without an expected completion).
 */
export const completedOnSql = (student: string) =>
  `(make_date(${student}.expected_completion_year, ${student}.expected_completion_month, 1)
    + interval '1 month' - interval '1 day')::date`;

/**
 * SQL condition: the student (`student` the students row's alias) consents to follow-ups and the
 * last one's link still works on `day` (a date parameter). Such a student is kept: erasing them
 * earlier would break the follow-ups they agreed to.
 */
export const awaitsFollowUpsSql = (student: string, day: string) =>
  `EXISTS (SELECT 1 FROM follow_up_consents fc
           WHERE fc.student_id = ${student}.id AND fc.consented
             AND ${student}.expected_completion_year IS NOT NULL
             AND ${day}::date <= (${completedOnSql(student)}
                 + make_interval(months => ${LAST_FOLLOW_UP_MONTHS}))::date + ${FOLLOW_UP_ANSWER_DAYS})`;
