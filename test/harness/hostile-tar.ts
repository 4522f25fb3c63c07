// Crafted tar archives for the unpacker's hostile tests: whatever a header can
// say (absolute paths, "..", links out of the output directory, devices, sizes),
// written byte by byte, since no well-behaved tar tool writes these. Jest-free.
import { constants, createGzip, gzipSync } from 'node:zlib';

export interface TarEntry {
  path: string;
  /** Type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '4' block device, '5' directory, '6' fifo. */
  type?: '0' | '1' | '2' | '3' | '4' | '5' | '6';
  body?: Buffer | string;
  linkpath?: string;
  mode?: number;
  /** The size the header declares (default: the body's); a lie makes a malformed or bomb-like archive. */
  declaredSize?: number;
}

const BLOCK = 512;

/** One 512-byte ustar header; names over 100 bytes go in a pax header before it. */
function header(fields: { path: string; type: string; size: number; linkpath?: string; mode: number }): Buffer[] {
  const blocks: Buffer[] = [];
  const needsPax = Buffer.byteLength(fields.path) > 100 || Buffer.byteLength(fields.linkpath ?? '') > 100;
  if (needsPax) {
    const records = [`path=${fields.path}`, ...(fields.linkpath !== undefined ? [`linkpath=${fields.linkpath}`] : [])].map(paxRecord).join('');
    const body = Buffer.from(records);
    blocks.push(...header({ path: 'PaxHeader', type: 'x', size: body.length, mode: 0o644 }), pad(body));
  }
  const block = Buffer.alloc(BLOCK);
  const put = (value: string, offset: number, length: number): void => {
    Buffer.from(value).copy(block, offset, 0, length);
  };
  const octal = (value: number, length: number): string => value.toString(8).padStart(length - 1, '0');
  put(fields.path.slice(0, 100), 0, 100);
  put(octal(fields.mode, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(fields.size, 12), 124, 12);
  put(octal(1_700_000_000, 12), 136, 12);
  block.fill(0x20, 148, 156); // checksum: spaces while summing
  put(fields.type, 156, 1);
  put((fields.linkpath ?? '').slice(0, 100), 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  blocks.push(block);
  return blocks;
}

function paxRecord(keyValue: string): string {
  // "<length> <key>=<value>\n", where length counts itself.
  const rest = ` ${keyValue}\n`;
  let length = Buffer.byteLength(rest) + 1;
  while (String(length).length + Buffer.byteLength(rest) !== length) length++;
  return `${length}${rest}`;
}

function pad(body: Buffer): Buffer {
  const padding = (BLOCK - (body.length % BLOCK)) % BLOCK;
  return padding ? Buffer.concat([body, Buffer.alloc(padding)]) : body;
}

/** An uncompressed tar of exactly these entries, then the end-of-archive marker. */
export function rawTar(entries: TarEntry[], options: { endMarker?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.body === undefined ? Buffer.alloc(0) : Buffer.from(entry.body);
    const type = entry.type ?? '0';
    parts.push(
      ...header({
        path: entry.path,
        type,
        size: entry.declaredSize ?? (type === '0' ? body.length : 0),
        ...(entry.linkpath !== undefined ? { linkpath: entry.linkpath } : {}),
        mode: entry.mode ?? (type === '5' ? 0o755 : 0o644),
      }),
    );
    if (body.length) parts.push(pad(body));
  }
  if (options.endMarker !== false) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

export function gzipTar(entries: TarEntry[]): Buffer {
  return gzipSync(rawTar(entries), { level: constants.Z_BEST_COMPRESSION });
}

/**
 * A decompression bomb: a tar+gzip whose files hold `bytes` zero bytes in
 * `files` files, compressed about 1000:1, streamed through gzip rather than
 * built in memory.
 */
export async function gzipBomb(bytes: number, files = 1): Promise<Buffer> {
  const gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  const write = async (chunk: Buffer): Promise<void> => {
    if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
  };
  const perFile = Math.floor(bytes / files);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < files; i++) {
    for (const block of header({ path: `bomb/zeros-${i}.bin`, type: '0', size: perFile, mode: 0o644 })) await write(block);
    for (let left = perFile; left > 0; left -= zeros.length) await write(left >= zeros.length ? zeros : zeros.subarray(0, left));
    const padding = (BLOCK - (perFile % BLOCK)) % BLOCK;
    if (padding) await write(Buffer.alloc(padding));
  }
  await write(Buffer.alloc(2 * BLOCK));
  gzip.end();
  await ended;
  return Buffer.concat(out);
}
