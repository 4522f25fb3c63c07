// What can be known of a standalone binary here: its structure for every target (the
// architecture it is for, the SEA fuse Node checks at start, the blob, no broken
// signature), and a run where this machine can run it (natively, or linux-arm64 under
// qemu-user when Debian's qemu-user and libc6-arm64-cross are installed). Wine cannot
// start Node 24's V8 (it fails reserving its memory cage), so win-x64 is checked by
// structure only.
import { accessSync, constants, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { peSignatureEntry } from './pe-signature.mjs';
import { run } from './run.mjs';
import { SEA_FUSE } from './sea.mjs';
import { hostTarget } from './targets.mjs';

const ELF_MACHINES = { 'linux-x64': 0x3e, 'linux-arm64': 0xb7 };
const PE_MACHINES = { 'win-x64': 0x8664 };

/** Throws what is wrong with `file` as `target`'s binary carrying `blob`. */
export async function checkStandaloneBinary(target, file, blob) {
  const bytes = await readFile(file);
  const problems = [];
  if (target.name in ELF_MACHINES) {
    if (bytes.readUInt32BE(0) !== 0x7f454c46) problems.push('not an ELF file');
    else if (bytes.readUInt16LE(18) !== ELF_MACHINES[target.name]) problems.push(`ELF machine 0x${bytes.readUInt16LE(18).toString(16)}`);
  } else if (target.name in PE_MACHINES) {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.readUInt16LE(pe + 4) !== PE_MACHINES[target.name]) problems.push(`PE machine 0x${bytes.readUInt16LE(pe + 4).toString(16)}`);
    const [offset, size] = peSignatureEntry(bytes);
    if (offset !== 0 || size !== 0) problems.push(`a certificate table (${size} bytes at ${offset}) that no longer matches the file`);
  }
  // Node starts the SEA only when the fuse reads ':1'; postject flips it on injection.
  if (!bytes.includes(`${SEA_FUSE}:1`)) problems.push('the SEA fuse is not set (no blob injected)');
  if (!bytes.includes(blob)) problems.push('the SEA blob is not in it');
  if (problems.length > 0) throw new Error(`${file} is not a good ${target.name} binary: ${problems.join('; ')}`);
}

/** `file args` where this machine can run it: its stdout, or undefined when it cannot run here. */
export async function smokeRun(target, file, args) {
  if (target === hostTarget()) return run(file, args);
  const qemu = findOnPath('qemu-aarch64');
  if (target.name === 'linux-arm64' && process.platform === 'linux' && qemu && existsSync('/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1')) {
    return run(qemu, ['-L', '/usr/aarch64-linux-gnu', file, ...args]);
  }
  return undefined;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}
