/**
 * The replay token's decoder (src/scenarios/check/replayToken.ts, shared with the CLI) reads
 * base64url through Node's Buffer, which a browser does not have. This gives the worker the one
 * use it makes of it — `Buffer.from(text, 'base64url').toString('utf8')` — from the browser's own
 * atob and TextDecoder, so the page decodes tokens with the CLI's function rather than a copy.
 * Installed only where no Buffer exists; any other use throws, naming what it was asked.
 */
export function installBase64urlBuffer(): void {
  const scope = globalThis as { Buffer?: unknown };
  if (scope.Buffer !== undefined) return;
  scope.Buffer = {
    from(text: string, encoding: string) {
      if (encoding !== 'base64url')
        throw new Error(`this page's Buffer decodes base64url only, not ${encoding}`);
      const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
      const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
      const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
      return { toString: () => new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    },
  };
}
