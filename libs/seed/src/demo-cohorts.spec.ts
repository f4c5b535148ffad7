import { DEMO_COHORTS, demoCohorts } from './demo-cohorts';

describe('the demo cohorts', () => {
  const data = demoCohorts();

  it('are the same on every call', () => {
    expect(demoCohorts()).toEqual(data);
  });

  it('fill no slot past its seats, and place each student at most once', () => {
    const seats = new Map(data.slots.map((slot) => [slot.key, slot.capacity]));
    for (const a of data.assignments.filter((a) => a.slot)) {
      seats.set(a.slot!, seats.get(a.slot!)! - 1);
    }
    expect([...seats.values()].filter((left) => left < 0)).toEqual([]);
    const placed = data.placements.map((p) => p.student);
    expect(new Set(placed).size).toBe(placed.length);
    for (const slot of data.slots) expect(slot.seatsTaken).toBeLessThanOrEqual(slot.capacity);
  });

  it('give follow-ups only to students who consented, and outcomes only to placed interns', () => {
    const consenting = new Set(data.consents.filter((c) => c.consented).map((c) => c.student));
    expect(data.followUps.filter((f) => !consenting.has(f.student))).toEqual([]);
    const placed = new Set(
      data.placements
        .filter((p) => p.status === 'confirmed' || p.status === 'accepted')
        .map((p) => p.student),
    );
    expect(data.outcomes.filter((o) => !placed.has(o.student))).toEqual([]);
  });

  it('draw plausible rates in every cohort', () => {
    for (const cohort of DEMO_COHORTS) {
      const students = new Set(data.students.filter((s) => s.cohort === cohort).map((s) => s.key));
      const placed = data.placements.filter(
        (p) => students.has(p.student) && ['confirmed', 'accepted'].includes(p.status),
      );
      const outcomes = data.outcomes.filter((o) => students.has(o.student));
      const completed = outcomes.filter((o) => o.completed);
      const offered = completed.filter((o) => o.jobOffer !== 'none');
      const accepted = offered.filter((o) => o.jobOffer === 'accepted');
      expect(placed.length / students.size).toBeGreaterThan(0.6);
      expect(placed.length / students.size).toBeLessThan(0.95);
      expect(outcomes.length).toBeLessThan(placed.length);
      expect(completed.length / outcomes.length).toBeGreaterThan(0.8);
      expect(offered.length / completed.length).toBeGreaterThan(0.25);
      expect(offered.length / completed.length).toBeLessThan(0.6);
      expect(accepted.length / offered.length).toBeGreaterThan(0.6);
      const answered = data.followUps.filter((f) => students.has(f.student) && f.situation);
      const all = data.followUps.filter((f) => students.has(f.student));
      expect(answered.length / all.length).toBeGreaterThan(0.6);
      expect(answered.length / all.length).toBeLessThan(0.9);
    }
  });

  it('leave each round a run record that agrees with its matching', () => {
    expect(data.runs.map((run) => run.round)).toEqual(data.rounds.map((round) => round.key));
    for (const run of data.runs) {
      const assignments = data.assignments.filter((a) => a.round === run.round);
      const cohort = Number(run.round.slice(-4));
      expect(run).toMatchObject({
        students: assignments.length,
        matched: assignments.filter((a) => a.slot).length,
        slots: data.slots.filter((slot) => slot.cohort === cohort).length,
      });
      expect(run.inputHash).toMatch(/^[0-9a-f]{64}$/);
      expect(run.proposals).toBeGreaterThanOrEqual(run.matched);
      expect(run.totalMs).toBeGreaterThan(run.matchMs);
    }
    expect(new Set(data.runs.map((run) => run.inputHash)).size).toBe(data.runs.length);
  });
});
