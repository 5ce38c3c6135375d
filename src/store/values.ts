/** How values come back from the two drivers: jsonb as text or object, timestamps as Date or text. */
export const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
export const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));

// Ids arrive from cards; anything that is not a uuid cannot be a row (and must not reach SQL as one).
export const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
