/** A worker thread that writes the trimmed base definitions to the cache (`fillDefinitionCache`). */
import { workerData } from 'node:worker_threads';
import { readCached } from './definition-files.ts';

const { cacheDir, files } = workerData as { cacheDir: string; files: string[] };
for (const file of files) readCached(file, cacheDir);
