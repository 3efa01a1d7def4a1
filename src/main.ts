/**
 * `npm start`. Node keeps what it compiled of each module (the TypeScript with its types stripped, and V8's code) in
 * its compile cache (NODE_COMPILE_CACHE, else a folder in the system's temp directory), so a later start skips about
 * a second of loading. The cache must be on before the service's modules load, hence this entry and a dynamic import.
 */
import module from 'node:module';

module.enableCompileCache?.();
await import('./serve.ts');
