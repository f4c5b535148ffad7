/**
 * SQL: the seats of slot `slot` (a table alias) left after accepted placements and open offers.
 * An offer awaiting a guardian's consent already counts in `seats_taken`.
 */
export const freeSeatsOf = (slot: string) => `(${slot}.capacity - ${slot}.seats_taken - (
    SELECT count(*) FROM placements p WHERE p.slot_id = ${slot}.id AND p.status = 'offered'
  ))::int`;

/**
 * The slots a round takes, with the seats each brings: open, not ended by the day preferences
 * close (`closeDay`, SQL, `$1` by default), and seats left (freeSeatsOf). One definition for the
 * opening preview, the opening, a slot that joins an open round and the reasons a slot is left
 * out of one.
 */
export const slotsWithFreeSeats = (closeDay = '$1::date') => `
  SELECT id AS slot_id, free FROM (
    SELECT s.id, ${freeSeatsOf('s')} AS free
      FROM slots s WHERE s.status = 'open' AND s.ends_on >= ${closeDay}
  ) open_slots
  WHERE free > 0`;

export const SLOTS_WITH_FREE_SEATS = slotsWithFreeSeats();
