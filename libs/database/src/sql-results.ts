/**
 * Rows returned by an `UPDATE ... RETURNING` or `DELETE ... RETURNING` through TypeORM's
 * `query()`: the postgres driver answers `[rows, count]` for those, and plain rows otherwise.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
