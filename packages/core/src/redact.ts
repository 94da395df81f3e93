// Secrets must never reach logs or error messages. Known secrets (the deployment's api key) are
// replaced wherever they occur; anything shaped like a common API key or bearer token is masked.
const keyShapes =
  /\b(sk-(?:ant-|proj-|or-)?[A-Za-z0-9_-]{8,}|AIza[0-9A-Za-z_-]{20,}|AKIA[0-9A-Z]{16}|xai-[A-Za-z0-9]{16,}|gsk_[A-Za-z0-9]{16,})/g;
const bearer = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/** Masks a secret for display: the first 3 and last 2 characters at most. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '****';
  return `${secret.slice(0, 3)}…${secret.slice(-2)}`;
}

export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out.replace(keyShapes, (match) => maskSecret(match)).replace(bearer, '$1[REDACTED]');
}
