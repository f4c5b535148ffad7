import { ApiError } from '../api/client';

/**
 * Saves a report's CSV answer as a file. The report routes need the signed-in caller's token,
 * so the file is fetched by the api client and handed to the browser, not linked to directly.
 */
export async function saveCsv(
  request: Promise<{ data?: unknown; response: Response }>,
  filename: string,
): Promise<void> {
  const { data, response } = await request;
  if (!response.ok || typeof data !== 'string') throw new ApiError(response.status, undefined);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
