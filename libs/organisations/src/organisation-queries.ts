import { OrganisationKind } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';

/** Reads of the organisations table for other libs: they ask here instead of writing SQL of it. */

/** The organisation's kind, or undefined if there is none with that id. */
export async function organisationKind(
  db: DataSource | EntityManager,
  id: string,
): Promise<OrganisationKind | undefined> {
  const [row]: { kind: OrganisationKind }[] = await db.query(
    `SELECT kind FROM organisations WHERE id = $1`,
    [id],
  );
  return row?.kind;
}
