/**
 * A streaming JSON checker: it validates a whole document's syntax chunk by
 * chunk, in constant memory, and keeps only what recognising a document's kind
 * needs — the members of the top-level object, each member's type, and the
 * text of those small enough to keep. An SBOM of hundreds of megabytes is
 * checked without being held.
 */

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'true' | 'false' | 'null';

export interface JsonMember {
  type: JsonType;
  /** The member's value, parsed, when its text fitted within the capture limit. */
  value?: unknown;
  /** Whether `value` is there (a `null` value is a value). */
  captured: boolean;
}

export interface JsonScan {
  /** The document is one well-formed JSON value. */
  valid: boolean;
  /** Why it is not, with the byte offset. */
  error?: string;
  /** The type of the top-level value (when there was one). */
  topLevel?: JsonType;
  /** Members of a top-level object, in document order (a repeated name: the last one). */
  members: Map<string, JsonMember>;
}

export interface JsonScanOptions {
  /** Bytes of one member's text kept for parsing; larger members keep only their type. Default 4 MiB. */
  captureLimit?: number;
  /** Deeper nesting is refused (a stack bomb guard). Default 512. */
  maxDepth?: number;
}

/** Where the scanner is in the grammar. */
const Mode = {
  Value: 0,
  ObjectKeyOrEnd: 1,
  ObjectKey: 2,
  Colon: 3,
  ArrayValueOrEnd: 4,
  AfterValue: 5,
  String: 6,
  Number: 7,
  Literal: 8,
  Done: 9,
  Failed: 10,
} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_BYTE = /[0-9+\-.eE]/;
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const MAX_TOKEN = 1024;

export class JsonScanner {
  private readonly captureLimit: number;
  private readonly maxDepth: number;
  private mode: Mode = Mode.Value;
  /** Open containers: true for an object, false for an array. */
  private readonly stack: boolean[] = [];
  private offset = 0;
  /** Offset of the byte being read, for messages. */
  private at = 0;
  private error: string | undefined;
  private topLevel: JsonType | undefined;
  private readonly members = new Map<string, JsonMember>();

  // The token being read (string, number or literal).
  private stringIsKey = false;
  private escape = 0; // 0: none; 1: after backslash; 2..5: hex digits of \u still to come
  private token = '';
  private sawBom = false;

  // Capture of the current top-level member's key and value.
  private keyParts: Buffer[] = [];
  private keyLength = 0;
  private currentKey: string | undefined;
  private capturing = false;
  private captureFrom = 0;
  private captureParts: Buffer[] = [];
  private captureLength = 0;
  private captureOverflow = false;
  private memberType: JsonType | undefined;

  constructor(options: JsonScanOptions = {}) {
    this.captureLimit = options.captureLimit ?? 4 * 1024 * 1024;
    this.maxDepth = options.maxDepth ?? 512;
  }

  write(chunk: Uint8Array): void {
    if (this.mode === Mode.Failed) return;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    if (!this.sawBom && this.offset === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
    this.sawBom = true;
    const keyFrom = { value: -1 };
    if (this.mode === Mode.String && this.stringIsKey && this.stack.length === 1) keyFrom.value = 0;
    if (this.capturing) this.captureFrom = 0;
    for (; i < bytes.length; i++) {
      if (this.mode === Mode.String && this.escape === 0) {
        // Fast path: the plain run of a string, up to a quote, a backslash or a control character.
        let j = i;
        while (j < bytes.length) {
          const b = bytes[j]!;
          if (b === 0x22 || b === 0x5c || b < 0x20) break;
          j++;
        }
        if (j === bytes.length) break;
        i = j;
      }
      const byte = bytes[i]!;
      this.at = this.offset + i;
      if (!this.step(byte, bytes, i, keyFrom)) {
        this.mode = Mode.Failed;
        return;
      }
    }
    // Carry partial captures over the chunk boundary.
    if (keyFrom.value >= 0) this.appendKey(bytes.subarray(keyFrom.value));
    if (this.capturing) this.appendCapture(bytes.subarray(this.captureFrom));
    this.offset += bytes.length;
  }

  end(): JsonScan {
    this.at = this.offset;
    if (this.mode === Mode.Number || this.mode === Mode.Literal) {
      // A top-level scalar ends at the end of the input.
      const empty = Buffer.alloc(0);
      this.step(0x20, empty, 0, { value: -1 });
    }
    if (this.mode !== Mode.Failed && this.mode !== Mode.Done) {
      this.fail(this.topLevel === undefined ? 'the document is empty' : 'the document ends before its value is complete');
    }
    return {
      valid: this.mode === Mode.Done,
      ...(this.error ? { error: this.error } : {}),
      ...(this.topLevel ? { topLevel: this.topLevel } : {}),
      members: this.members,
    };
  }

  /** One byte; false when the document is not JSON. */
  private step(byte: number, bytes: Buffer, i: number, keyFrom: { value: number }): boolean {
    switch (this.mode) {
      case Mode.String:
        return this.stringByte(byte, bytes, i, keyFrom);
      case Mode.Number:
        if (byte < 0x80 && NUMBER_BYTE.test(String.fromCharCode(byte))) {
          if (this.token.length >= MAX_TOKEN) return this.fail('a number is too long');
          this.token += String.fromCharCode(byte);
          return true;
        }
        if (!NUMBER.test(this.token)) return this.fail(`"${this.token.slice(0, 40)}" is not a number`);
        this.valueEnded('number', bytes, i);
        return this.step(byte, bytes, i, keyFrom);
      case Mode.Literal:
        if (byte >= 0x61 && byte <= 0x7a) {
          if (this.token.length >= 5) return this.fail(`unexpected "${this.token}${String.fromCharCode(byte)}"`);
          this.token += String.fromCharCode(byte);
          return true;
        }
        if (this.token !== 'true' && this.token !== 'false' && this.token !== 'null') return this.fail(`unexpected "${this.token}"`);
        this.valueEnded(this.token as JsonType, bytes, i);
        return this.step(byte, bytes, i, keyFrom);
      default:
        break;
    }
    if (WHITESPACE.has(byte)) return true;
    switch (this.mode) {
      case Mode.Value:
        return this.startValue(byte, i);
      case Mode.ArrayValueOrEnd:
        if (byte === 0x5d) return this.closeContainer(false, bytes, i);
        return this.startValue(byte, i);
      case Mode.ObjectKeyOrEnd:
        if (byte === 0x7d) return this.closeContainer(true, bytes, i);
        return this.startKey(byte, i, keyFrom);
      case Mode.ObjectKey:
        return this.startKey(byte, i, keyFrom);
      case Mode.Colon:
        if (byte !== 0x3a) return this.fail('expected ":" after an object key');
        this.mode = Mode.Value;
        return true;
      case Mode.AfterValue: {
        const inObject = this.stack[this.stack.length - 1]!;
        if (byte === 0x2c) {
          this.mode = inObject ? Mode.ObjectKey : Mode.Value;
          return true;
        }
        if (byte === (inObject ? 0x7d : 0x5d)) return this.closeContainer(inObject, bytes, i);
        return this.fail(`expected "," or "${inObject ? '}' : ']'}"`);
      }
      case Mode.Done:
        return this.fail('unexpected content after the JSON value');
      default:
        return this.fail('unexpected input');
    }
  }

  private startKey(byte: number, i: number, keyFrom: { value: number }): boolean {
    if (byte !== 0x22) return this.fail('expected a string as object key');
    this.mode = Mode.String;
    this.stringIsKey = true;
    this.escape = 0;
    if (this.stack.length === 1) {
      this.keyParts = [];
      this.keyLength = 0;
      keyFrom.value = i;
    }
    return true;
  }

  private startValue(byte: number, i: number): boolean {
    const type: JsonType | undefined =
      byte === 0x7b ? 'object' : byte === 0x5b ? 'array' : byte === 0x22 ? 'string' : byte === 0x2d || (byte >= 0x30 && byte <= 0x39) ? 'number' : byte === 0x74 ? 'true' : byte === 0x66 ? 'false' : byte === 0x6e ? 'null' : undefined;
    if (type === undefined) return this.fail(`unexpected character "${String.fromCharCode(byte)}"`);
    if (this.stack.length === 0) this.topLevel = type;
    if (this.stack.length === 1 && this.stack[0] === true) {
      // A member of the top-level object: keep its text while it is small.
      this.memberType = type;
      this.capturing = true;
      this.captureFrom = i;
      this.captureParts = [];
      this.captureLength = 0;
      this.captureOverflow = false;
    }
    switch (type) {
      case 'object':
      case 'array':
        if (this.stack.length >= this.maxDepth) return this.fail(`nested more than ${this.maxDepth} levels deep`);
        this.stack.push(type === 'object');
        this.mode = type === 'object' ? Mode.ObjectKeyOrEnd : Mode.ArrayValueOrEnd;
        return true;
      case 'string':
        this.mode = Mode.String;
        this.stringIsKey = false;
        this.escape = 0;
        return true;
      case 'number':
        this.mode = Mode.Number;
        this.token = String.fromCharCode(byte);
        return true;
      default:
        this.mode = Mode.Literal;
        this.token = String.fromCharCode(byte);
        return true;
    }
  }

  private stringByte(byte: number, bytes: Buffer, i: number, keyFrom: { value: number }): boolean {
    if (this.escape === 1) {
      if (byte === 0x75) this.escape = 5;
      else if (SIMPLE_ESCAPES.has(byte)) this.escape = 0;
      else return this.fail(`invalid escape "\\${String.fromCharCode(byte)}" in a string`);
      return true;
    }
    if (this.escape > 1) {
      const hex = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
      if (!hex) return this.fail('invalid \\u escape in a string');
      this.escape = this.escape === 2 ? 0 : this.escape - 1;
      return true;
    }
    if (byte === 0x5c) {
      this.escape = 1;
      return true;
    }
    if (byte < 0x20) return this.fail('a control character inside a string');
    if (byte !== 0x22) return true;
    if (this.stringIsKey) {
      if (this.stack.length === 1 && keyFrom.value >= 0) {
        this.appendKey(bytes.subarray(keyFrom.value, i + 1));
        keyFrom.value = -1;
        this.currentKey = this.decodeKey();
      }
      this.mode = Mode.Colon;
      return true;
    }
    this.valueEnded('string', bytes, i + 1);
    return true;
  }

  private closeContainer(isObject: boolean, bytes: Buffer, i: number): boolean {
    this.stack.pop();
    this.valueEnded(isObject ? 'object' : 'array', bytes, i + 1);
    return true;
  }

  /** A value ended just before `end` in `bytes`. */
  private valueEnded(type: JsonType, bytes: Buffer, end: number): void {
    if (this.stack.length === 0) {
      this.mode = Mode.Done;
      return;
    }
    this.mode = Mode.AfterValue;
    if (this.stack.length === 1 && this.capturing && this.stack[0] === true) {
      this.appendCapture(bytes.subarray(this.captureFrom, end));
      this.capturing = false;
      this.recordMember(this.memberType ?? type);
    }
  }

  private recordMember(type: JsonType): void {
    const key = this.currentKey;
    this.currentKey = undefined;
    if (key === undefined) return;
    const member: JsonMember = { type, captured: false };
    if (!this.captureOverflow) {
      try {
        member.value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(this.captureParts, this.captureLength)));
        member.captured = true;
      } catch {
        // invalid UTF-8 inside a string: keep the type only
      }
    }
    this.captureParts = [];
    this.members.delete(key);
    this.members.set(key, member);
  }

  private appendCapture(part: Buffer): void {
    if (this.captureOverflow || part.length === 0) return;
    if (this.captureLength + part.length > this.captureLimit) {
      this.captureOverflow = true;
      this.captureParts = [];
      return;
    }
    this.captureParts.push(Buffer.from(part));
    this.captureLength += part.length;
  }

  private appendKey(part: Buffer): void {
    if (this.keyLength > MAX_TOKEN) return;
    this.keyParts.push(Buffer.from(part));
    this.keyLength += part.length;
  }

  private decodeKey(): string | undefined {
    if (this.keyLength > MAX_TOKEN) return undefined;
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(this.keyParts))) as string;
    } catch {
      return undefined;
    }
  }

  private fail(problem: string): false {
    this.error ??= `${problem} (at byte ${this.at})`;
    this.mode = Mode.Failed;
    return false;
  }
}

/** Scans a stream of bytes (a file) to its end. */
export async function scanJson(source: AsyncIterable<Uint8Array>, options?: JsonScanOptions): Promise<JsonScan> {
  const scanner = new JsonScanner(options);
  for await (const chunk of source) scanner.write(chunk);
  return scanner.end();
}
