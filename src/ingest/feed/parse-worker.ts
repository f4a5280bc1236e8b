/**
 * Worker-thread side of `tidings parse-feed`: parses one file's bytes per message, so the
 * command can stop a parse that runs past its time limit without stopping itself.
 */
import { parentPort } from 'node:worker_threads';
import { parseFeed } from './index.ts';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  url?: string;
  contentType?: string;
  maxItems?: number;
}

parentPort?.on('message', (req: ParseRequest) => {
  const result = parseFeed(req.bytes, { url: req.url, contentType: req.contentType, maxItems: req.maxItems });
  parentPort?.postMessage({ id: req.id, result });
});
parentPort?.postMessage({ ready: true });
