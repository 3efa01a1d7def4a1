// Where the page gets its bearer token: the URL fragment (never sent to a server, so it stays out of access logs),
// else what this tab stored earlier. sessionStorage, not localStorage: the token goes when the tab closes.
const STORAGE_KEY = 'brug.dashboard.token';

/** Reads `#token=...&jaar=...`, keeps the token for this tab and clears the fragment from the address bar. */
export function readFragment() {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token')?.trim();
  if (token) {
    storeToken(token);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const year = Number(fragment.get('jaar'));
  return { year: Number.isInteger(year) && year > 2000 ? year : undefined };
}

export function storedToken() {
  return window.sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

export function storeToken(token) {
  window.sessionStorage.setItem(STORAGE_KEY, token);
}

export function forgetToken() {
  window.sessionStorage.removeItem(STORAGE_KEY);
}
