// Removes the Authenticode signature from a Windows executable (PE) before a SEA blob is
// injected: the injection changes the signed bytes, and a signature that no longer
// matches reads as "corrupt" to Windows (SmartScreen, WinVerifyTrust), worse than none.
// This is what `signtool remove /s` does, which Node's SEA guide runs at this step.
// PE/COFF: the optional header's data directory 4 (the attribute certificate table)
// holds the table's file offset and size; the table is not mapped and sits at the end.

/** `bytes` without its certificate table (the same buffer if it has none). */
export function withoutPeSignature(bytes) {
  if (bytes.length < 0x40 || bytes.readUInt16LE(0) !== 0x5a4d) throw new Error('not a PE file (no MZ header)');
  const pe = bytes.readUInt32LE(0x3c);
  if (bytes.readUInt32LE(pe) !== 0x00004550) throw new Error('not a PE file (no PE signature)');
  const optional = pe + 24;
  const magic = bytes.readUInt16LE(optional);
  if (magic !== 0x20b && magic !== 0x10b) throw new Error(`unknown PE optional header magic 0x${magic.toString(16)}`);
  const directories = optional + (magic === 0x20b ? 112 : 96);
  const entry = directories + 4 * 8;
  const offset = bytes.readUInt32LE(entry);
  const size = bytes.readUInt32LE(entry + 4);
  if (offset === 0 && size === 0) return bytes;
  // Padded to 8 bytes; anything after the table would be data we do not understand.
  if (offset + size > bytes.length || bytes.length - (offset + size) >= 8) {
    throw new Error(`the certificate table (${size} bytes at ${offset}) is not at the end of the file (${bytes.length} bytes)`);
  }
  const unsigned = Buffer.from(bytes.subarray(0, offset));
  unsigned.writeUInt32LE(0, entry);
  unsigned.writeUInt32LE(0, entry + 4);
  unsigned.writeUInt32LE(0, optional + 64); // CheckSum: covered the signature; 0 = not set (only drivers need one)
  return unsigned;
}

/** The certificate table's [offset, size] in a PE file: [0, 0] when unsigned. */
export function peSignatureEntry(bytes) {
  const pe = bytes.readUInt32LE(0x3c);
  const optional = pe + 24;
  const entry = optional + (bytes.readUInt16LE(optional) === 0x20b ? 112 : 96) + 4 * 8;
  return [bytes.readUInt32LE(entry), bytes.readUInt32LE(entry + 4)];
}
