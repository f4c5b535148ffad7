import { EntityManager } from 'typeorm';

/** A programme as an import file may name it. */
export interface NamedProgramme {
  id: string;
  code: string;
  name: string;
  /** The school's slug, for `school/code` where a code repeats across schools. */
  school: string;
}

const key = (text: string) => text.trim().toLocaleLowerCase('da');

/**
 * How an import's cell names a programme: by its code, by its name as the screens show it
 * ("Laboratorie- og fødevareteknolog"), or as `school-slug/code`; case and surrounding spaces do
 * not matter. A code or name that fits more than one programme names none (undefined), so the row
 * is refused rather than guessed.
 */
export function programmeCellResolver(
  programmes: readonly NamedProgramme[],
): (cell: string) => string | undefined {
  const byQualified = new Map(programmes.map((p) => [key(`${p.school}/${p.code}`), p.id]));
  const byCodeOrName = new Map<string, Set<string>>();
  for (const programme of programmes) {
    for (const name of [key(programme.code), key(programme.name)]) {
      byCodeOrName.set(name, (byCodeOrName.get(name) ?? new Set()).add(programme.id));
    }
  }
  return (cell) => {
    const normalised = key(cell);
    if (normalised.includes('/') && byQualified.has(normalised)) return byQualified.get(normalised);
    const ids = [...(byCodeOrName.get(normalised) ?? [])];
    return ids.length === 1 ? ids[0] : undefined;
  };
}

/** The resolver over every programme, or over one school's (a roster names its own only). */
export async function readProgrammeCells(
  db: Pick<EntityManager, 'query'>,
  schoolId?: string,
): Promise<(cell: string) => string | undefined> {
  const programmes: NamedProgramme[] = await db.query(
    `SELECT p.id, p.code, p.name, o.slug AS school
       FROM programmes p JOIN organisations o ON o.id = p.school_id
      WHERE $1::uuid IS NULL OR p.school_id = $1`,
    [schoolId ?? null],
  );
  return programmeCellResolver(programmes);
}
