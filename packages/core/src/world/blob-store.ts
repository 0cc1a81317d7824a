// Where world snapshots go: any blob store with get/put (S3, a table, ...); a directory and a Map are provided.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LogbookError } from '../errors.js';

export interface BlobStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9._-]{1,200}$/;

/** Blobs as files in `directory`; writes go to a temporary file renamed into place, so a reader never sees half a snapshot. */
export function fileBlobStore(directory: string): BlobStore {
  const path = (key: string) => {
    if (!SAFE_KEY.test(key) || key.startsWith('.')) throw new LogbookError('invalid_request', `not a safe blob key: ${key}`);
    return join(directory, key);
  };
  return {
    get: async (key) => {
      try {
        return new Uint8Array(await readFile(path(key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    put: async (key, bytes) => {
      const target = path(key);
      await mkdir(directory, { recursive: true });
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    },
  };
}

export function memoryBlobStore(): BlobStore & { keys(): string[] } {
  const blobs = new Map<string, Uint8Array>();
  return {
    get: async (key) => blobs.get(key),
    put: async (key, bytes) => {
      blobs.set(key, new Uint8Array(bytes));
    },
    keys: () => [...blobs.keys()],
  };
}
