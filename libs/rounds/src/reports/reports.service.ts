import { AuthUser } from '@app/accounts';
import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoundStatus } from '@app/database';
import { RoundNotFoundError } from '../rounds.errors';
import {
  MATCHED_STANDINGS,
  ROUND_STANDINGS,
  RoundStanding,
  roundStandingsSql,
  standingIn,
} from './round-standing';
import { MAX_PREFERENCES } from '../preferences/preferences.service';
import { suppressCount, suppressHistogram, WITHHELD } from './small-groups';

export const REPORT_GROUPS = ['school', 'programme', 'employer'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** How a group's students stand in one round; every student is in exactly one standing. */
export interface StudentFigures {
  id: string;
  name: string;
  students: number;
  /** Did not rank in the round: neither placed nor unplaced. */
  notTakingPart: number;
  /** Took part: ranked = waiting + matched + unplaced; students = ranked + notTakingPart. */
  ranked: number;
  /** Ranked; the result is not out yet. */
  waiting: number;
  /** Got a slot = assigned + offered + awaitingGuardian + accepted + declined + expired + withdrawn. */
  matched: number;
  /** Matched, offer not made yet (admins only, before publication). */
  assigned: number;
  /** Holds an offer, not answered yet. */
  offered: number;
  /** Accepted by a student under 18 whose guardian has not consented yet: a seat is held. */
  awaitingGuardian: number;
  /** Accepted, confirmed by the host or not (placed). */
  accepted: number;
  /** Of accepted: confirmed by the host. */
  confirmed: number;
  declined: number;
  /** The offer's deadline passed unanswered. */
  expired: number;
  /** The offer was withdrawn when the student was erased. */
  withdrawn: number;
  /** Took part, got no slot in the matching. */
  unplaced: number;
}

export interface HostFigures {
  id: string;
  name: string;
  /** The host's slots in the round, and the seats they brought to it. */
  slots: number;
  seatsOffered: number;
  /** Seats held: accepted (confirmed or not) and awaiting a guardian. */
  seatsFilled: number;
  applicants: number;
  /** Students matched to the host's slots = the standings below, added up. */
  matched: number;
  assigned: number;
  offered: number;
  awaitingGuardian: number;
  accepted: number;
  confirmed: number;
  declined: number;
  expired: number;
  withdrawn: number;
}

/** The round a report counts, so that it says which. */
export interface ReportRound {
  id: string;
  name: string;
  status: RoundStatus;
}
export interface SlotDemand {
  slotId: string;
  title: string;
  seats: number;
  /** Students who ranked the slot; null for a reviewer when 1 to 4. */
  applicants: number | null;
  /**
   * How many applicants put the slot at each rank: index 0 is first choice. Admins: live.
   * Reviewers: as counted when the preference window closed (null before), small cells null.
   */
  byRank: (number | null)[] | null;
  /** A figure is withheld because it concerns fewer than 5 students (reviewers only). */
  suppressed: boolean;
}

/** Placement figures per school, programme or host for one round, from the round standings. */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  /** One round's figures; the newest round past its draft when `roundId` is left out. */
  async placements(caller: AuthUser, groupBy: ReportGroup, roundId?: string) {
    const round = await this.reportRound(roundId);
    if (!round) return { round: null, items: [] };
    const school = caller.role === 'coordinator' ? caller.organisationId : null;
    const items =
      groupBy === 'employer'
        ? await this.byHost(round.id, school)
        : await this.byStudentGroup(round.id, school, groupBy);
    return { round, items };
  }

  private async reportRound(roundId: string | undefined): Promise<ReportRound | null> {
    const [round] = await this.dataSource.query<ReportRound[]>(
      `SELECT id, name, status FROM rounds
       WHERE ($1::uuid IS NULL AND status <> 'draft') OR id = $1
       ORDER BY created_at DESC, id LIMIT 1`,
      [roundId ?? null],
    );
    if (!round && roundId) throw new RoundNotFoundError(roundId);
    return round ?? null;
  }

  private async byStudentGroup(
    roundId: string,
    school: string | null,
    groupBy: 'school' | 'programme',
  ): Promise<StudentFigures[]> {
    const table = groupBy === 'school' ? 'organisations' : 'programmes';
    const rows = await this.dataSource.query<StandingCount[]>(
      `SELECT g.id, g.name, rs.standing, count(*)::int AS n
       FROM (${roundStandingsSql('$1', '$2')}) rs
       JOIN ${table} g ON g.id = rs.${groupBy}_id
       WHERE ($2::uuid IS NULL OR rs.school_id = $2)
       GROUP BY g.id, g.name, rs.standing ORDER BY g.name, g.id`,
      [roundId, school],
    );
    return groupStandings(rows).map(({ id, name, counts }) => {
      const matched = sumOf(counts, MATCHED_STANDINGS);
      const ranked = counts.waiting + matched + counts.unplaced;
      return {
        id,
        name,
        students: ranked + counts.notTakingPart,
        notTakingPart: counts.notTakingPart,
        ranked,
        waiting: counts.waiting,
        matched,
        ...answers(counts),
        unplaced: counts.unplaced,
      };
    });
  }

  /** Hosts with slots in the round; a coordinator sees only what concerns their own school. */
  private async byHost(roundId: string, school: string | null): Promise<HostFigures[]> {
    const [hosts, standings] = await Promise.all([
      this.dataSource.query<Pick<HostFigures, HostBasics>[]>(
        `SELECT o.id, o.name, count(*)::int AS slots, sum(rs.seats)::int AS "seatsOffered",
                (SELECT count(DISTINCT p.student_id) FROM preferences p
                   JOIN slots s2 ON s2.id = p.slot_id JOIN students st ON st.id = p.student_id
                 WHERE p.round_id = $1 AND s2.organisation_id = o.id
                   AND ($2::uuid IS NULL OR st.school_id = $2))::int AS applicants
         FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
         JOIN organisations o ON o.id = s.organisation_id
         WHERE rs.round_id = $1
         GROUP BY o.id, o.name ORDER BY o.name, o.id`,
        [roundId, school],
      ),
      this.dataSource.query<StandingCount[]>(
        `SELECT s.organisation_id AS id, '' AS name, rs.standing, count(*)::int AS n
         FROM (${roundStandingsSql('$1', '$2')}) rs JOIN slots s ON s.id = rs.slot_id
         WHERE ($2::uuid IS NULL OR rs.school_id = $2)
           AND ${standingIn(MATCHED_STANDINGS, 'rs.standing')}
         GROUP BY s.organisation_id, rs.standing`,
        [roundId, school],
      ),
    ]);
    const byHost = new Map(groupStandings(standings).map((g) => [g.id, g.counts]));
    return hosts.map((host) => {
      const counts = byHost.get(host.id) ?? emptyCounts();
      const figures = answers(counts);
      return {
        ...host,
        seatsFilled: figures.accepted + figures.awaitingGuardian,
        matched: sumOf(counts, MATCHED_STANDINGS),
        ...figures,
      };
    });
  }

  /**
   * How many students ranked each slot and at which ranks, so a host at risk of going unfilled
   * learns it before the match. Admins see every slot, live. Reviewers see their own slots: the
   * number of applicants (which their applicant list shows anyway) with 1 to 4 withheld, and
   * the ranks only as counted when the window closed, small cells withheld (small-groups.ts).
   * Live ranks beside a live list of names would give away each newcomer's rank.
   */
  async demand(caller: AuthUser, roundId: string): Promise<SlotDemand[]> {
    const [round] = await this.dataSource.query(`SELECT id FROM rounds WHERE id = $1`, [roundId]);
    if (!round) throw new RoundNotFoundError(roundId);
    const host = caller.role === 'reviewer' ? caller.organisationId : null;
    const rows = await this.dataSource.query<DemandRow[]>(
      `SELECT rs.slot_id AS "slotId", s.title, rs.seats, count(p.student_id)::int AS applicants,
              array_agg(p.rank) FILTER (WHERE p.rank IS NOT NULL) AS ranks,
              rs.ranks_at_close AS "ranksAtClose"
       FROM round_slots rs JOIN slots s ON s.id = rs.slot_id
       LEFT JOIN preferences p ON p.round_id = rs.round_id AND p.slot_id = rs.slot_id
       WHERE rs.round_id = $1 AND ($2::uuid IS NULL OR s.organisation_id = $2)
       GROUP BY rs.slot_id, s.title, rs.seats, rs.ranks_at_close ORDER BY s.title, rs.slot_id`,
      [roundId, host],
    );
    return rows.map(host === null ? liveDemand : reviewerDemand);
  }
}

interface DemandRow {
  slotId: string;
  title: string;
  seats: number;
  applicants: number;
  ranks: number[] | null;
  ranksAtClose: number[] | null;
}

function liveDemand({ slotId, title, seats, applicants, ranks }: DemandRow): SlotDemand {
  return { slotId, title, seats, applicants, byRank: histogram(ranks ?? []), suppressed: false };
}

function reviewerDemand({ slotId, title, seats, applicants, ranksAtClose }: DemandRow): SlotDemand {
  const count = suppressCount(applicants);
  const byRank = ranksAtClose ? suppressHistogram(ranksAtClose) : null;
  return {
    slotId,
    title,
    seats,
    applicants: count.value,
    byRank: byRank?.value ?? null,
    suppressed: count.suppressed || (byRank?.suppressed ?? false),
  };
}

function histogram(ranks: readonly number[]): number[] {
  const counts = Array.from({ length: 10 }, () => 0);
  for (const rank of ranks) counts[rank - 1] += 1;
  return counts;
}

type HostBasics = 'id' | 'name' | 'slots' | 'seatsOffered' | 'applicants';

interface StandingCount {
  id: string;
  name: string;
  standing: RoundStanding;
  n: number;
}

type StandingCounts = Record<RoundStanding, number>;

function emptyCounts(): StandingCounts {
  return Object.fromEntries(ROUND_STANDINGS.map((s) => [s, 0])) as StandingCounts;
}

/** Rows (group, standing, count), ordered by group, folded into one record per group. */
function groupStandings(rows: readonly StandingCount[]) {
  const groups = new Map<string, { id: string; name: string; counts: StandingCounts }>();
  for (const row of rows) {
    const group = groups.get(row.id) ?? { id: row.id, name: row.name, counts: emptyCounts() };
    group.counts[row.standing] += row.n;
    groups.set(row.id, group);
  }
  return [...groups.values()];
}

function sumOf(counts: StandingCounts, standings: readonly RoundStanding[]): number {
  return standings.reduce((sum, s) => sum + counts[s], 0);
}

/** What the matched students did with their slot; accepted includes confirmed. */
function answers(counts: StandingCounts) {
  return {
    assigned: counts.assigned,
    offered: counts.offered,
    awaitingGuardian: counts.awaitingGuardian,
    accepted: counts.accepted + counts.confirmed,
    confirmed: counts.confirmed,
    declined: counts.declined,
    expired: counts.expired,
    withdrawn: counts.withdrawn,
  };
}

/** The columns of a student report after its group, in the order of the screen's table. */
export const STUDENT_FIGURE_FIELDS = [
  'students',
  'notTakingPart',
  'ranked',
  'waiting',
  'matched',
  'assigned',
  'offered',
  'awaitingGuardian',
  'accepted',
  'confirmed',
  'declined',
  'expired',
  'withdrawn',
  'unplaced',
] as const satisfies readonly (keyof StudentFigures)[];

export const HOST_FIGURE_FIELDS = [
  'slots',
  'seatsOffered',
  'seatsFilled',
  'applicants',
  'matched',
  'assigned',
  'offered',
  'awaitingGuardian',
  'accepted',
  'confirmed',
  'declined',
  'expired',
  'withdrawn',
] as const satisfies readonly (keyof HostFigures)[];

/** A placement report as a table (CSV, xlsx): the round, the group, then its figures. */
export function placementsTable(
  groupBy: ReportGroup,
  report: { round: ReportRound | null; items: StudentFigures[] | HostFigures[] },
): ExportTable {
  const named = <F extends string>(fields: readonly F[]) => {
    const columns: ExportColumn<{ name: string } & Record<F, number>>[] = [
      { header: 'round', value: () => report.round?.name ?? '' },
      { header: groupBy, value: (item) => item.name },
      ...fields.map((field) => ({
        header: field,
        value: (item: Record<F, number>) => item[field],
      })),
    ];
    return columns;
  };
  const sheet = `Placements by ${groupBy}`;
  return groupBy === 'employer'
    ? exportTable(sheet, named(HOST_FIGURE_FIELDS), report.items as HostFigures[])
    : exportTable(sheet, named(STUDENT_FIGURE_FIELDS), report.items as StudentFigures[]);
}

/** A round's demand as a table (CSV, xlsx): a withheld count as "<5", ranks not counted yet empty. */
export function demandTable(items: readonly SlotDemand[]): ExportTable {
  const count = (value: number | null, suppressed: boolean) =>
    value === null && suppressed ? WITHHELD : value;
  const ranks = Array.from({ length: MAX_PREFERENCES }, (_, index) => index);
  const columns: ExportColumn<SlotDemand>[] = [
    { header: 'slot', value: (item) => item.title },
    { header: 'seats', value: (item) => item.seats },
    { header: 'applicants', value: (item) => count(item.applicants, item.suppressed) },
    ...ranks.map((index) => ({
      header: `rank${index + 1}`,
      value: (item: SlotDemand) =>
        item.byRank ? count(item.byRank[index] ?? 0, item.suppressed) : null,
    })),
  ];
  return exportTable('Demand', columns, items);
}
