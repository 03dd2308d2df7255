// The raw axios contender: a keep-alive http.Agent, a pool of `concurrency` workers, stream bodies
// piped to files. Same axios version as drover.
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import axios from 'axios';
import { readJob, startMeasuring } from '../job.js';
import { urlOf } from '../url-set.js';
import { runPool } from './pool.js';

const job = readJob(process.argv);
const httpAgent = new http.Agent({ keepAlive: true });
const client = axios.create({ httpAgent });
const done = await startMeasuring();
const result = await runPool(job.count, job.concurrency, async (index) => {
  const response = await client.get<Readable>(urlOf(job.urls, index), { responseType: 'stream' });
  await pipeline(response.data, createWriteStream(path.join(job.outDir, String(index))));
});
await done(result.ok, result.failed, result.firstError);
httpAgent.destroy();
