/** The URL without its password, safe to print. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw;
  }
}

/**
 * A request's path with the values of its query string left out (`/api/students?q=~&page=~`):
 * searches carry names and e-mail addresses, links carry tokens, and none belongs in a log.
 */
export function redactQuery(path: string): string {
  const start = path.indexOf('?');
  if (start < 0) return path;
  const keys = path
    .slice(start + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=')[0])
    .map((key) => (/^[A-Za-z0-9_.[\]-]{1,40}$/.test(key) ? key : '_'));
  return `${path.slice(0, start)}?${keys.map((key) => `${key}=~`).join('&')}`;
}
