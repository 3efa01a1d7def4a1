// https://www.rfc-editor.org/rfc/rfc9110#section-12.5.4: Accept-Language, with quality values
import { LANGUAGES, type Language } from '../../errors.ts';

/**
 * The error-text language the client prefers among those Brug has, by quality value; `nl-NL` counts as `nl`, `*`
 * and no header leave the server's default. Ties go to the one named first.
 */
export function preferredLanguage(header: string | undefined, fallback: Language): Language {
  if (!header) return fallback;
  let best: { language: Language; q: number } | undefined;
  for (const part of header.slice(0, 1024).split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = range.trim().toLowerCase().split('-')[0]!;
    const language = primary === '*' ? fallback : (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : undefined;
    if (language !== undefined && (best === undefined || q > best.q)) best = { language, q };
  }
  return best?.language ?? fallback;
}
