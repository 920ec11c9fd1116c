// The answer's proof of creation (BRIEF-CONTRACTS "Public answer edit proof"): a secret only this
// browser knows, sent with the answer and with every later change to it. 32 random bytes as
// base64url: 43 characters of [A-Za-z0-9_-].
export function editToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}
