// withoutPeSignature: the Authenticode table comes off a Windows executable before the
// SEA blob goes in (scripts/release/pe-signature.mjs). The suite builds no win-x64
// binary (the dry run does), so this checks the rule on a PE image made here: the
// PE/COFF headers as the spec lays them out, with a certificate table at the end.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/ocikit-cli.js';

interface PeSignatureModule {
  withoutPeSignature(bytes: Buffer): Buffer;
  peSignatureEntry(bytes: Buffer): [number, number];
}
let withoutPeSignature: PeSignatureModule['withoutPeSignature'];
let peSignatureEntry: PeSignatureModule['peSignatureEntry'];
beforeAll(async () => {
  ({ withoutPeSignature, peSignatureEntry } = (await import(join(REPO_ROOT, 'scripts', 'release', 'pe-signature.mjs'))) as PeSignatureModule);
});

const PE_OFFSET = 0x80;
const OPTIONAL = PE_OFFSET + 24;
const SECURITY_ENTRY = OPTIONAL + 112 + 4 * 8; // PE32+: data directories start 112 bytes in

/** A PE32+ image of `bodySize` bytes and, when `table` is given, a certificate table after them. */
function peImage(bodySize: number, table?: Buffer, trailing = Buffer.alloc(0)): Buffer {
  const body = Buffer.alloc(bodySize);
  body.writeUInt16LE(0x5a4d, 0); // MZ
  body.writeUInt32LE(PE_OFFSET, 0x3c);
  body.writeUInt32LE(0x00004550, PE_OFFSET); // PE\0\0
  body.writeUInt16LE(0x8664, PE_OFFSET + 4); // x64
  body.writeUInt16LE(0x20b, OPTIONAL); // PE32+
  body.writeUInt32LE(0x1234abcd, OPTIONAL + 64); // a checksum over the signed file
  body.fill(0x90, 0x200); // the "code"
  if (table) {
    body.writeUInt32LE(bodySize, SECURITY_ENTRY);
    body.writeUInt32LE(table.length, SECURITY_ENTRY + 4);
  }
  return Buffer.concat([body, table ?? Buffer.alloc(0), trailing]);
}

describe('withoutPeSignature', () => {
  it('cuts the certificate table off the end and clears its directory entry and the checksum', () => {
    const signed = peImage(0x400, Buffer.alloc(0x88, 0xee));
    expect(peSignatureEntry(signed)).toEqual([0x400, 0x88]);

    const unsigned = withoutPeSignature(signed);
    expect(unsigned.length).toBe(0x400);
    expect(peSignatureEntry(unsigned)).toEqual([0, 0]);
    expect(unsigned.readUInt32LE(OPTIONAL + 64)).toBe(0);
    expect(unsigned.includes(0xee)).toBe(false);
    // Everything before the table is as it was, but for the two header fields.
    const expected = Buffer.from(signed.subarray(0, 0x400));
    expected.fill(0, SECURITY_ENTRY, SECURITY_ENTRY + 8);
    expected.fill(0, OPTIONAL + 64, OPTIONAL + 68);
    expect(unsigned.equals(expected)).toBe(true);
  });

  it('leaves an unsigned image as it is', () => {
    const unsigned = peImage(0x400);
    expect(withoutPeSignature(unsigned)).toBe(unsigned);
  });

  it('refuses a table that is not at the end, and what is not a PE image', () => {
    expect(() => withoutPeSignature(peImage(0x400, Buffer.alloc(0x88), Buffer.alloc(64, 1)))).toThrow(/is not at the end of the file/);
    expect(() => withoutPeSignature(Buffer.from('\x7fELF and more bytes than a header needs to be read at all.....', 'latin1'))).toThrow(/not a PE file/);
  });
});
