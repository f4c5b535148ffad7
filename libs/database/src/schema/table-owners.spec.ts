import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES, TABLE_OWNERS } from './index';

const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');
const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Libs that may write any table: the demo and the test data. (The migrations are skipped too.) */
const WRITES_ANY_TABLE = ['seed'];

type Write = { table: string; where: string };

const TABLES = new Set(Object.keys(TABLE_OWNERS));
const ENTITY_TABLES = new Map(
  getMetadataArgsStorage()
    .tables.filter((table) => (ENTITIES as unknown[]).includes(table.target))
    .map((table) => [(table.target as { name: string }).name, table.name as string]),
);

/**
 * The tables a source file writes, as far as the text shows: raw SQL (INSERT INTO, UPDATE,
 * DELETE FROM, TRUNCATE, in capitals as the code writes SQL) and TypeORM writes naming the
 * entity (`manager.insert(User, …)`, `getRepository(Round).update(…)`). A `save(entity)` names
 * no table and is not seen.
 */
function tablesWritten(source: string): string[] {
  const tables: string[] = [];
  for (const match of source.matchAll(
    /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?/g,
  )) {
    if (TABLES.has(match[1])) tables.push(match[1]);
  }
  for (const match of source.matchAll(
    /\.(?:insert|update|upsert|delete|softDelete|restore|save|remove)\(\s*([A-Z]\w*)\s*,/g,
  )) {
    const table = ENTITY_TABLES.get(match[1]);
    if (table) tables.push(table);
  }
  for (const match of source.matchAll(
    /getRepository\(\s*([A-Z]\w*)\s*\)\s*\.(?:insert|update|upsert|delete|softDelete|restore|save|remove)\(/g,
  )) {
    const table = ENTITY_TABLES.get(match[1]);
    if (table) tables.push(table);
  }
  return tables;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === MIGRATIONS_DIR ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every write by a lib or an app (but the web app) to a table it does not own. */
function outsideWrites(): Map<string, Write> {
  const found = new Map<string, Write>();
  const homes = [
    ...readdirSync(join(REPO_ROOT, 'libs')).map((name) => ['libs', name]),
    ...readdirSync(join(REPO_ROOT, 'apps'))
      .filter((name) => name !== 'web')
      .map((name) => ['apps', name]),
  ];
  for (const [kind, home] of homes) {
    if (WRITES_ANY_TABLE.includes(home)) continue;
    for (const file of sourceFiles(join(REPO_ROOT, kind, home, 'src'))) {
      for (const table of tablesWritten(readFileSync(file, 'utf8'))) {
        const owner: string = TABLE_OWNERS[table as keyof typeof TABLE_OWNERS];
        if (owner === home) continue;
        const key = `${home} writes ${table}`;
        if (!found.has(key)) found.set(key, { table, where: file.slice(REPO_ROOT.length + 1) });
      }
    }
  }
  return found;
}

/** Every table some migration creates, read from the migrations' SQL. */
function tablesTheMigrationsCreate(): Set<string> {
  const tables = new Set<string>();
  for (const file of readdirSync(MIGRATIONS_DIR)) {
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    for (const match of sql.matchAll(/CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?"?(\w+)"?/g)) {
      tables.add(match[1]);
    }
    for (const match of sql.matchAll(/ALTER TABLE \w+ RENAME TO (\w+)/g)) tables.delete(match[1]);
  }
  // Intermediate names of a table being rebuilt, dropped again in the same migration.
  for (const table of [...tables]) if (/_per_(student|request)$/.test(table)) tables.delete(table);
  return tables;
}

describe('the schema registry', () => {
  it('names an owner for every table the migrations create, and no table they do not', () => {
    const created = [...tablesTheMigrationsCreate()].sort();
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual(created);
  });

  it('gives every entity a table the registry knows', () => {
    const tables = getMetadataArgsStorage()
      .tables.filter((table) => (ENTITIES as unknown[]).includes(table.target))
      .map((table) => table.name);
    expect(tables).toHaveLength(ENTITIES.length);
    for (const table of tables) expect(Object.keys(TABLE_OWNERS)).toContain(table);
  });

  it('names only owners that exist as a lib or an app', () => {
    const homes = [
      ...readdirSync(join(REPO_ROOT, 'libs')),
      ...readdirSync(join(REPO_ROOT, 'apps')),
    ];
    for (const owner of new Set(Object.values(TABLE_OWNERS))) expect(homes).toContain(owner);
  });

  it('finds the tables a snippet writes, in SQL and through TypeORM', () => {
    const snippet = `
      await db.query(\`WITH x AS (UPDATE placements p SET status = 'withdrawn' RETURNING p.id)
        DELETE FROM guardian_consents WHERE id = $1\`);
      await db.query('INSERT INTO outbox (event) VALUES ($1)');
      await manager.update(User, id, { passwordHash });
      await db.getRepository(Round).update(id, change);
      await db.getRepository(Round).findOneBy({ id }); // a read
      // Update the students count (prose, not SQL)`;
    expect(tablesWritten(snippet).sort()).toEqual(
      ['guardian_consents', 'outbox', 'placements', 'rounds', 'users'].sort(),
    );
  });

  it('has every table written only by its owner, but by the seed and the migrations', () => {
    const unexpected = [...outsideWrites()].map(
      ([key, write]) =>
        `${key} (owned by ${TABLE_OWNERS[write.table as keyof typeof TABLE_OWNERS]}) in ${write.where}`,
    );
    expect(unexpected).toEqual([]);
  });
});
