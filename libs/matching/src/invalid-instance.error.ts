/** The typed error for an instance that breaks docs/contracts/matching-instance.md. */

export type InstanceRule =
  | 'empty'
  | 'not_json'
  | 'not_object'
  | 'students_not_array'
  | 'slots_not_array'
  | 'entry_not_object'
  | 'id_not_string'
  | 'id_empty'
  | 'duplicate_id'
  | 'capacity_not_integer'
  | 'capacity_below_one'
  | 'preferences_not_array'
  | 'preference_not_string'
  | 'unknown_preference'
  | 'repeated_preference';

export type InstanceSide = 'student' | 'slot';

/** Where the broken rule was found: an entry's id, or its position when it has no usable id. */
export interface InstanceLocation {
  readonly side: InstanceSide;
  readonly id: string | null;
  readonly index: number;
}

export class InvalidInstanceError extends Error {
  override readonly name = 'InvalidInstanceError';
  readonly side: InstanceSide | null;
  /** The offending student or slot id; null when the entry has none or the file as a whole is wrong. */
  readonly id: string | null;
  /** Position of the offending entry in its array; null for file-level rules. */
  readonly index: number | null;

  constructor(
    readonly rule: InstanceRule,
    detail: string,
    location?: InstanceLocation,
  ) {
    super(`invalid instance: ${describeLocation(location)}${detail} (${rule})`);
    this.side = location?.side ?? null;
    this.id = location?.id ?? null;
    this.index = location?.index ?? null;
  }
}

function describeLocation(location: InstanceLocation | undefined): string {
  if (location === undefined) return '';
  const list = location.side === 'student' ? 'students' : 'slots';
  // JSON quoting keeps ids with quotes, spaces or line breaks on one readable line.
  const name = location.id === null ? `${list}[${location.index}]` : JSON.stringify(location.id);
  return `${location.side} ${name}: `;
}
