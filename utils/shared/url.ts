/** A URL object from a string (null when it is not a URL) or the URL itself. */
export function toUrl(input: string | URL): URL | null {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch {
    return null;
  }
}
