export type FileFormat = 'csv' | 'xlsx';

/**
 * The file's name as the api gives it in Content-Disposition: the UTF-8 `filename*` (RFC 5987)
 * first, so "Kalundborg Gymnasium – elever" keeps its letters; else the ASCII `filename`.
 */
export function fileNameOf(header: string | null, format: FileFormat): string {
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(header ?? '')?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // A malformed escape: the ASCII name still names the file.
    }
  }
  return /filename="([^"]+)"/.exec(header ?? '')?.[1] ?? `export.${format}`;
}
