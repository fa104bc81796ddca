import packageJson from '../../package.json' with { type: 'json' };

/** The version in package.json, which is the one place it is written. */
export function twinVersion(): string {
  return packageJson.version;
}
