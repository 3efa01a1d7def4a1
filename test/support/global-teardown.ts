export default async function globalTeardown(): Promise<void> {
  await globalThis.brugPostgresContainer?.stop();
  await globalThis.brugEmbeddedCluster?.stop();
}
