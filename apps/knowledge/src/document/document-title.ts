/** The title of pasted FAQ text when the request names none. */
export const FAQ_TITLE = 'FAQ';

/** Without a requested title a document is called by its source: the file name, the URL, or "FAQ". */
export function defaultTitle(source: string | null): string {
  return source ?? FAQ_TITLE;
}

/**
 * The title a new document gets: the requested one (with the document's own name appended when
 * several documents of one request share it), else its default title.
 */
export function initialTitle(requested: string | undefined, source: string | null, documentsInRequest: number): string {
  if (!requested) return defaultTitle(source);
  return documentsInRequest > 1 ? `${requested} (${defaultTitle(source)})` : requested;
}

/** A title found in the file replaces the default one, never one the user gave. */
export function finalTitle(current: string, source: string | null, extracted: string | null): string {
  const found = extracted?.trim();
  return found && current === defaultTitle(source) ? found : current;
}
