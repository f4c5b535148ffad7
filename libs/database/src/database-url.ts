/** The database a URL names, and the URL of the maintenance database on the same server. */
export function splitDatabaseUrl(databaseUrl: string): { name: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new Error(`DATABASE_URL must name a database of letters, digits, _ or -: ${databaseUrl}`);
  }
  url.pathname = '/postgres';
  return { name, maintenanceUrl: url.toString() };
}
