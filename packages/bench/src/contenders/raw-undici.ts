// The raw undici contender: an Agent with `concurrency` connections, request() bodies piped to files.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';
import { readJob, startMeasuring } from '../job.js';
import { urlOf } from '../url-set.js';
import { runPool } from './pool.js';

const job = readJob(process.argv);
const agent = new Agent({ connections: job.concurrency, pipelining: 1 });
const done = await startMeasuring();
const result = await runPool(job.count, job.concurrency, async (index) => {
  const { statusCode, body } = await request(urlOf(job.urls, index), { dispatcher: agent });
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(`HTTP ${statusCode}`);
  }
  await pipeline(body, createWriteStream(path.join(job.outDir, String(index))));
});
await done(result.ok, result.failed, result.firstError);
await agent.close();
