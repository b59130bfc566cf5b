import fs from 'node:fs';
import { once } from 'node:events';

/**
 * A file written through a string buffer: text is gathered into ~256 kB pieces before it reaches the
 * stream, and `write` waits for 'drain' when the stream's own buffer is full, so an extract of any size
 * is written in constant memory.
 */
export interface BufferedFile {
  readonly path: string;
  write(text: string): Promise<void> | undefined;
  close(): Promise<void>;
}

const FLUSH_CHARS = 256 * 1024;

export function openBufferedFile(path: string): BufferedFile {
  const stream = fs.createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let buffer = '';
  let failure: Error | undefined;
  stream.on('error', (error) => { failure = error; });
  const flush = (): Promise<void> | undefined => {
    if (failure) return Promise.reject(failure);
    const text = buffer;
    buffer = '';
    if (!stream.write(text)) return once(stream, 'drain').then(() => undefined);
    return undefined;
  };
  return {
    path,
    write(text: string) {
      buffer += text;
      return buffer.length >= FLUSH_CHARS ? flush() : undefined;
    },
    async close() {
      if (buffer.length > 0) await flush();
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
  };
}
