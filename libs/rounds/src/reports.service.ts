import { AuthUser } from '@app/accounts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoundNotFoundError } from './rounds.errors';

export const REPORT_GROUPS = ['school', 'programme', 'employer'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export interface StudentFigures {
  id: string;
  name: string;
  students: number;
  ranked: number;
  matched: number;
  accepted: number;
  confirmed: number;
  unplaced: number;
}

export interface HostFigures {
  id: string;
  name: string;
  slots: number;
  seatsOffered: number;
  seatsFilled: number;
  applicants: number;
  matched: number;
  accepted: number;
  confirmed: number;
}

export interface SlotDemand {
  slotId: string;
  title: string;
  seats: number;
  applicants: number;
  /** How many applicants put the slot at each rank: index 0 is first choice. */
  byRank: number[];
}

/** Placement figures per school, programme or host, each computed in one grouped query. */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async placements(caller: AuthUser, groupBy: ReportGroup, roundId?: string) {
    const school = caller.role === 'coordinator' ? caller.organisationId : null;
    if (groupBy === 'employer') return this.byHost(roundId ?? null, school);
    const group =
      groupBy === 'school'
        ? { join: 'JOIN organisations g ON g.id = st.school_id', name: 'g.name' }
        : { join: 'JOIN programmes g ON g.id = st.programme_id', name: 'g.name' };
    const rows = await this.dataSource.query<Omit<StudentFigures, 'unplaced'>[]>(
      `SELECT g.id, ${group.name} AS name, count(*)::int AS students,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM preferences p WHERE p.student_id = st.id
                AND ($1::uuid IS NULL OR p.round_id = $1)))::int AS ranked,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.student_id = st.id
                AND a.slot_id IS NOT NULL AND ($1::uuid IS NULL OR a.round_id = $1)))::int AS matched,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM placements pl WHERE pl.student_id = st.id
                AND pl.status IN ('accepted', 'confirmed') AND ($1::uuid IS NULL OR pl.round_id = $1)))::int AS accepted,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM placements pl WHERE pl.student_id = st.id
                AND pl.status = 'confirmed' AND ($1::uuid IS NULL OR pl.round_id = $1)))::int AS confirmed
       FROM students st ${group.join}
       WHERE ($2::uuid IS NULL OR st.school_id = $2)
       GROUP BY g.id, ${group.name} ORDER BY ${group.name}`,
      [roundId ?? null, school],
    );
    return rows.map((row) => ({ ...row, unplaced: row.students - row.accepted }));
  }

  /** Hosts; a coordinator sees only what concerns their own school's students. */
  private byHost(roundId: string | null, school: string | null): Promise<HostFigures[]> {
    return this.dataSource.query(
      `SELECT o.id, o.name, count(s.id)::int AS slots,
              COALESCE(sum(s.capacity), 0)::int AS "seatsOffered",
              COALESCE(sum(s.seats_taken), 0)::int AS "seatsFilled",
              (SELECT count(DISTINCT p.student_id) FROM preferences p JOIN slots s2 ON s2.id = p.slot_id
                 JOIN students st ON st.id = p.student_id
               WHERE s2.organisation_id = o.id AND ($1::uuid IS NULL OR p.round_id = $1)
                 AND ($2::uuid IS NULL OR st.school_id = $2))::int AS applicants,
              (SELECT count(*) FROM assignments a JOIN slots s2 ON s2.id = a.slot_id
                 JOIN students st ON st.id = a.student_id
               WHERE s2.organisation_id = o.id AND ($1::uuid IS NULL OR a.round_id = $1)
                 AND ($2::uuid IS NULL OR st.school_id = $2))::int AS matched,
              (SELECT count(*) FROM placements pl JOIN slots s2 ON s2.id = pl.slot_id
                 JOIN students st ON st.id = pl.student_id
               WHERE s2.organisation_id = o.id AND pl.status IN ('accepted', 'confirmed')
                 AND ($1::uuid IS NULL OR pl.round_id = $1) AND ($2::uuid IS NULL OR st.school_id = $2))::int AS accepted,
              (SELECT count(*) FROM placements pl JOIN slots s2 ON s2.id = pl.slot_id
                 JOIN students st ON st.id = pl.student_id
               WHERE s2.organisation_id = o.id AND pl.status = 'confirmed'
                 AND ($1::uuid IS NULL OR pl.round_id = $1) AND ($2::uuid IS NULL OR st.school_id = $2))::int AS confirmed
       FROM organisations o LEFT JOIN slots s ON s.organisation_id = o.id
       WHERE o.kind IN ('employer', 'public')
       GROUP BY o.id ORDER BY o.name`,
      [roundId, school],
    );
  }

  /**
   * While a round is open, how many students ranked each slot and at which ranks, so a host
   * at risk of going unfilled learns it before the match. Reviewers see their own slots.
   */
  async demand(caller: AuthUser, roundId: string): Promise<SlotDemand[]> {
    const [round] = await this.dataSource.query(`SELECT id FROM rounds WHERE id = $1`, [roundId]);
    if (!round) throw new RoundNotFoundError(roundId);
    const host = caller.role === 'reviewer' ? caller.organisationId : null;
    const rows = await this.dataSource.query<(Omit<SlotDemand, 'byRank'> & { ranks: number[] })[]>(
      `SELECT rs.slot_id AS "slotId", s.title, rs.seats, count(p.student_id)::int AS applicants,
              array_agg(p.rank) FILTER (WHERE p.rank IS NOT NULL) AS ranks
       FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
       LEFT JOIN preferences p ON p.round_id = rs.round_id AND p.slot_id = rs.slot_id
       WHERE rs.round_id = $1 AND ($2::uuid IS NULL OR s.organisation_id = $2)
       GROUP BY rs.slot_id, s.title, rs.seats ORDER BY s.title, rs.slot_id`,
      [roundId, host],
    );
    return rows.map(({ ranks, ...slot }) => ({ ...slot, byRank: histogram(ranks ?? []) }));
  }
}

function histogram(ranks: readonly number[]): number[] {
  const counts = Array.from({ length: 10 }, () => 0);
  for (const rank of ranks) counts[rank - 1] += 1;
  return counts;
}
