export const id = 251;
export const ids = [251];
export const modules = {

/***/ 84251:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  s: () => (/* binding */ ReferrerMediaType),
  IL: () => (/* binding */ inspectContent),
  Js: () => (/* binding */ isSubjectBoundType)
});

// UNUSED EXPORTS: isKnownKindMediaType

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
;// CONCATENATED MODULE: ./packages/core/dist/referrers/json-scan.js
/**
 * A streaming JSON checker: it validates a whole document's syntax chunk by
 * chunk, in constant memory, and keeps only what recognising a document's kind
 * needs — the members of the top-level object, each member's type, and the
 * text of those small enough to keep. An SBOM of hundreds of megabytes is
 * checked without being held.
 */
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
};
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_BYTE = /[0-9+\-.eE]/;
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const MAX_TOKEN = 1024;
class JsonScanner {
    captureLimit;
    maxDepth;
    mode = Mode.Value;
    /** Open containers: true for an object, false for an array. */
    stack = [];
    offset = 0;
    /** Offset of the byte being read, for messages. */
    at = 0;
    error;
    topLevel;
    members = new Map();
    // The token being read (string, number or literal).
    stringIsKey = false;
    escape = 0; // 0: none; 1: after backslash; 2..5: hex digits of \u still to come
    token = '';
    sawBom = false;
    // Capture of the current top-level member's key and value.
    keyParts = [];
    keyLength = 0;
    currentKey;
    capturing = false;
    captureFrom = 0;
    captureParts = [];
    captureLength = 0;
    captureOverflow = false;
    memberType;
    constructor(options = {}) {
        this.captureLimit = options.captureLimit ?? 4 * 1024 * 1024;
        this.maxDepth = options.maxDepth ?? 512;
    }
    write(chunk) {
        if (this.mode === Mode.Failed)
            return;
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        let i = 0;
        if (!this.sawBom && this.offset === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
            i = 3;
        this.sawBom = true;
        const keyFrom = { value: -1 };
        if (this.mode === Mode.String && this.stringIsKey && this.stack.length === 1)
            keyFrom.value = 0;
        if (this.capturing)
            this.captureFrom = 0;
        for (; i < bytes.length; i++) {
            if (this.mode === Mode.String && this.escape === 0) {
                // Fast path: the plain run of a string, up to a quote, a backslash or a control character.
                let j = i;
                while (j < bytes.length) {
                    const b = bytes[j];
                    if (b === 0x22 || b === 0x5c || b < 0x20)
                        break;
                    j++;
                }
                if (j === bytes.length)
                    break;
                i = j;
            }
            const byte = bytes[i];
            this.at = this.offset + i;
            if (!this.step(byte, bytes, i, keyFrom)) {
                this.mode = Mode.Failed;
                return;
            }
        }
        // Carry partial captures over the chunk boundary.
        if (keyFrom.value >= 0)
            this.appendKey(bytes.subarray(keyFrom.value));
        if (this.capturing)
            this.appendCapture(bytes.subarray(this.captureFrom));
        this.offset += bytes.length;
    }
    end() {
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
    step(byte, bytes, i, keyFrom) {
        switch (this.mode) {
            case Mode.String:
                return this.stringByte(byte, bytes, i, keyFrom);
            case Mode.Number:
                if (byte < 0x80 && NUMBER_BYTE.test(String.fromCharCode(byte))) {
                    if (this.token.length >= MAX_TOKEN)
                        return this.fail('a number is too long');
                    this.token += String.fromCharCode(byte);
                    return true;
                }
                if (!NUMBER.test(this.token))
                    return this.fail(`"${this.token.slice(0, 40)}" is not a number`);
                this.valueEnded('number', bytes, i);
                return this.step(byte, bytes, i, keyFrom);
            case Mode.Literal:
                if (byte >= 0x61 && byte <= 0x7a) {
                    if (this.token.length >= 5)
                        return this.fail(`unexpected "${this.token}${String.fromCharCode(byte)}"`);
                    this.token += String.fromCharCode(byte);
                    return true;
                }
                if (this.token !== 'true' && this.token !== 'false' && this.token !== 'null')
                    return this.fail(`unexpected "${this.token}"`);
                this.valueEnded(this.token, bytes, i);
                return this.step(byte, bytes, i, keyFrom);
            default:
                break;
        }
        if (WHITESPACE.has(byte))
            return true;
        switch (this.mode) {
            case Mode.Value:
                return this.startValue(byte, i);
            case Mode.ArrayValueOrEnd:
                if (byte === 0x5d)
                    return this.closeContainer(false, bytes, i);
                return this.startValue(byte, i);
            case Mode.ObjectKeyOrEnd:
                if (byte === 0x7d)
                    return this.closeContainer(true, bytes, i);
                return this.startKey(byte, i, keyFrom);
            case Mode.ObjectKey:
                return this.startKey(byte, i, keyFrom);
            case Mode.Colon:
                if (byte !== 0x3a)
                    return this.fail('expected ":" after an object key');
                this.mode = Mode.Value;
                return true;
            case Mode.AfterValue: {
                const inObject = this.stack[this.stack.length - 1];
                if (byte === 0x2c) {
                    this.mode = inObject ? Mode.ObjectKey : Mode.Value;
                    return true;
                }
                if (byte === (inObject ? 0x7d : 0x5d))
                    return this.closeContainer(inObject, bytes, i);
                return this.fail(`expected "," or "${inObject ? '}' : ']'}"`);
            }
            case Mode.Done:
                return this.fail('unexpected content after the JSON value');
            default:
                return this.fail('unexpected input');
        }
    }
    startKey(byte, i, keyFrom) {
        if (byte !== 0x22)
            return this.fail('expected a string as object key');
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
    startValue(byte, i) {
        const type = byte === 0x7b ? 'object' : byte === 0x5b ? 'array' : byte === 0x22 ? 'string' : byte === 0x2d || (byte >= 0x30 && byte <= 0x39) ? 'number' : byte === 0x74 ? 'true' : byte === 0x66 ? 'false' : byte === 0x6e ? 'null' : undefined;
        if (type === undefined)
            return this.fail(`unexpected character "${String.fromCharCode(byte)}"`);
        if (this.stack.length === 0)
            this.topLevel = type;
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
                if (this.stack.length >= this.maxDepth)
                    return this.fail(`nested more than ${this.maxDepth} levels deep`);
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
    stringByte(byte, bytes, i, keyFrom) {
        if (this.escape === 1) {
            if (byte === 0x75)
                this.escape = 5;
            else if (SIMPLE_ESCAPES.has(byte))
                this.escape = 0;
            else
                return this.fail(`invalid escape "\\${String.fromCharCode(byte)}" in a string`);
            return true;
        }
        if (this.escape > 1) {
            const hex = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
            if (!hex)
                return this.fail('invalid \\u escape in a string');
            this.escape = this.escape === 2 ? 0 : this.escape - 1;
            return true;
        }
        if (byte === 0x5c) {
            this.escape = 1;
            return true;
        }
        if (byte < 0x20)
            return this.fail('a control character inside a string');
        if (byte !== 0x22)
            return true;
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
    closeContainer(isObject, bytes, i) {
        this.stack.pop();
        this.valueEnded(isObject ? 'object' : 'array', bytes, i + 1);
        return true;
    }
    /** A value ended just before `end` in `bytes`. */
    valueEnded(type, bytes, end) {
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
    recordMember(type) {
        const key = this.currentKey;
        this.currentKey = undefined;
        if (key === undefined)
            return;
        const member = { type, captured: false };
        if (!this.captureOverflow) {
            try {
                member.value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(this.captureParts, this.captureLength)));
                member.captured = true;
            }
            catch {
                // invalid UTF-8 inside a string: keep the type only
            }
        }
        this.captureParts = [];
        this.members.delete(key);
        this.members.set(key, member);
    }
    appendCapture(part) {
        if (this.captureOverflow || part.length === 0)
            return;
        if (this.captureLength + part.length > this.captureLimit) {
            this.captureOverflow = true;
            this.captureParts = [];
            return;
        }
        this.captureParts.push(Buffer.from(part));
        this.captureLength += part.length;
    }
    appendKey(part) {
        if (this.keyLength > MAX_TOKEN)
            return;
        this.keyParts.push(Buffer.from(part));
        this.keyLength += part.length;
    }
    decodeKey() {
        if (this.keyLength > MAX_TOKEN)
            return undefined;
        try {
            return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(this.keyParts)));
        }
        catch {
            return undefined;
        }
    }
    fail(problem) {
        this.error ??= `${problem} (at byte ${this.at})`;
        this.mode = Mode.Failed;
        return false;
    }
}
/** Scans a stream of bytes (a file) to its end. */
async function scanJson(source, options) {
    const scanner = new JsonScanner(options);
    for await (const chunk of source)
        scanner.write(chunk);
    return scanner.end();
}
//# sourceMappingURL=json-scan.js.map
;// CONCATENATED MODULE: ./packages/core/dist/referrers/content-kinds.js







/**
 * The kinds of supply-chain documents `attach` knows: each with the layer media
 * type it travels as and the artifact type its referrer gets, as the tools that
 * read them look for them (oras, cosign, notation, Trivy, GitHub code scanning).
 */
const ReferrerMediaType = {
    Spdx: 'application/spdx+json',
    CycloneDx: 'application/vnd.cyclonedx+json',
    Sarif: 'application/sarif+json',
    InTotoStatement: 'application/vnd.in-toto+json',
    DsseEnvelope: 'application/vnd.dsse.envelope.v1+json',
    SigstoreBundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    CosignSimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
    NotationSignature: 'application/vnd.cncf.notary.signature',
    Jws: 'application/jose+json',
    Cose: 'application/cose',
};
const str = (m) => (m?.captured && typeof m.value === 'string' ? m.value : undefined);
const RULES = [
    {
        id: 'sigstore-bundle',
        name: 'Sigstore bundle',
        mediaTypes: [ReferrerMediaType.SigstoreBundle, 'application/vnd.dev.sigstore.bundle.v0.2+json', 'application/vnd.dev.sigstore.bundle.v0.1+json', 'application/vnd.dev.sigstore.bundle+json'],
        names: /\.sigstore(\.json)?$/i,
        artifactType: ReferrerMediaType.SigstoreBundle,
        signals: (s) => str(s.members.get('mediaType'))?.startsWith('application/vnd.dev.sigstore.bundle') ?? false,
        problem: (s) => {
            const mediaType = str(s.members.get('mediaType'));
            if (!mediaType?.startsWith('application/vnd.dev.sigstore.bundle'))
                return 'its "mediaType" is not a Sigstore bundle type (application/vnd.dev.sigstore.bundle…)';
            if (s.members.get('verificationMaterial')?.type !== 'object')
                return 'it has no "verificationMaterial" object';
            if (s.members.get('dsseEnvelope')?.type !== 'object' && s.members.get('messageSignature')?.type !== 'object') {
                return 'it has neither a "dsseEnvelope" nor a "messageSignature"';
            }
            return undefined;
        },
    },
    {
        id: 'spdx',
        name: 'SPDX SBOM',
        mediaTypes: [ReferrerMediaType.Spdx, 'text/spdx+json'],
        names: /\.spdx\.json$/i,
        artifactType: ReferrerMediaType.Spdx,
        signals: (s) => s.members.has('spdxVersion'),
        problem: (s) => {
            const version = str(s.members.get('spdxVersion'));
            if (version === undefined)
                return 'it has no "spdxVersion" string';
            if (!/^SPDX-\d+\.\d+$/.test(version))
                return `its spdxVersion "${version.slice(0, 40)}" is not SPDX-<major>.<minor>`;
            return undefined;
        },
    },
    {
        id: 'cyclonedx',
        name: 'CycloneDX SBOM',
        mediaTypes: [ReferrerMediaType.CycloneDx],
        names: /\.(cdx|bom)\.json$/i,
        artifactType: ReferrerMediaType.CycloneDx,
        signals: (s) => s.members.has('bomFormat') || /cyclonedx/i.test(str(s.members.get('$schema')) ?? ''),
        problem: (s) => {
            if (str(s.members.get('bomFormat')) !== 'CycloneDX')
                return 'its "bomFormat" is not "CycloneDX"';
            const spec = s.members.get('specVersion');
            if (spec && spec.type !== 'string')
                return 'its "specVersion" is not a string';
            return undefined;
        },
    },
    {
        id: 'sarif',
        name: 'SARIF report',
        mediaTypes: [ReferrerMediaType.Sarif],
        names: /\.sarif(\.json)?$/i,
        artifactType: ReferrerMediaType.Sarif,
        signals: (s) => /sarif/i.test(str(s.members.get('$schema')) ?? '') || (s.members.has('version') && s.members.has('runs')),
        problem: (s) => {
            const version = str(s.members.get('version'));
            if (version === undefined)
                return 'it has no "version" string (SARIF 2.1.0 needs "version": "2.1.0")';
            if (version !== '2.1.0')
                return `its version is "${version.slice(0, 20)}", and only SARIF 2.1.0 is known`;
            if (s.members.get('runs')?.type !== 'array')
                return 'it has no "runs" array';
            return undefined;
        },
    },
    {
        id: 'in-toto-statement',
        name: 'in-toto statement',
        mediaTypes: [ReferrerMediaType.InTotoStatement],
        names: /\.intoto\.json$/i,
        artifactType: ReferrerMediaType.InTotoStatement,
        signals: (s) => s.members.has('_type') && /in-toto/i.test(str(s.members.get('_type')) ?? 'in-toto'),
        problem: (s) => {
            const type = str(s.members.get('_type'));
            if (!type?.startsWith('https://in-toto.io/Statement/'))
                return 'its "_type" is not https://in-toto.io/Statement/<version>';
            const subject = s.members.get('subject');
            if (subject?.type !== 'array')
                return 'it has no "subject" array';
            if (subject.captured && subject.value.length === 0)
                return 'its "subject" is empty';
            if (s.members.get('predicateType')?.type !== 'string')
                return 'it has no "predicateType" string';
            return undefined;
        },
    },
    {
        id: 'dsse-envelope',
        name: 'DSSE envelope',
        mediaTypes: [ReferrerMediaType.DsseEnvelope],
        names: /\.(dsse\.json|intoto\.jsonl)$/i,
        artifactType: ReferrerMediaType.DsseEnvelope,
        signals: (s) => s.members.has('payloadType'),
        problem: (s) => {
            if (s.members.get('payloadType')?.type !== 'string')
                return 'it has no "payloadType" string';
            if (s.members.get('payload')?.type !== 'string')
                return 'it has no "payload" string';
            const signatures = s.members.get('signatures');
            if (signatures?.type !== 'array')
                return 'it has no "signatures" array';
            if (signatures.captured && signatures.value.length === 0)
                return 'its "signatures" array is empty';
            return undefined;
        },
    },
    {
        id: 'cosign-signature',
        name: 'cosign signature payload',
        mediaTypes: [ReferrerMediaType.CosignSimpleSigning],
        names: /\.cosign\.json$/i,
        artifactType: ReferrerMediaType.CosignSimpleSigning,
        signals: (s) => s.members.has('critical'),
        problem: (s) => {
            const critical = s.members.get('critical');
            if (critical?.type !== 'object' || !critical.captured)
                return 'it has no "critical" object';
            const value = critical.value;
            if (value.type !== 'cosign container image signature')
                return 'its critical.type is not "cosign container image signature"';
            if (typeof value.image?.['docker-manifest-digest'] !== 'string')
                return 'it has no critical.image["docker-manifest-digest"]';
            return undefined;
        },
    },
    {
        id: 'notation-jws',
        name: 'Notation signature (JWS)',
        mediaTypes: [ReferrerMediaType.Jws],
        names: /\.jws$/i,
        artifactType: ReferrerMediaType.NotationSignature,
        signals: (s) => s.members.has('protected') && s.members.has('signature') && s.members.has('payload'),
        problem: (s) => {
            for (const name of ['payload', 'protected', 'signature']) {
                if (s.members.get(name)?.type !== 'string')
                    return `it has no "${name}" string (a JWS in JSON serialization)`;
            }
            const header = s.members.get('header');
            if (header && header.type !== 'object')
                return 'its "header" is not an object';
            return undefined;
        },
    },
];
const COSE_RULE = {
    id: 'notation-cose',
    name: 'Notation signature (COSE)',
    mediaTypes: [ReferrerMediaType.Cose],
    names: /\.cose$/i,
    artifactType: ReferrerMediaType.NotationSignature,
};
/**
 * Media and artifact types of documents that sign or name the digest they are
 * about (everything attach knows but the SBOMs and SARIF reports), with the
 * type older bundles travel under and cosign's own referrer types: a referrer
 * of one of these cannot be pointed at another subject without lying.
 */
const SUBJECT_BOUND_TYPES = new Set([
    ...RULES.filter((rule) => !['spdx', 'cyclonedx', 'sarif'].includes(rule.id)).flatMap((rule) => [...rule.mediaTypes, rule.artifactType]),
    ...COSE_RULE.mediaTypes,
    COSE_RULE.artifactType,
    'application/vnd.dev.sigstore.bundle+json',
    'application/vnd.dev.cosign.artifact.sig.v1+json',
    'application/vnd.dev.cosign.artifact.att.v1+json',
]);
/** Whether a referrer with this artifact, config or layer type signs or names its subject's digest. */
function isSubjectBoundType(type) {
    return SUBJECT_BOUND_TYPES.has(type);
}
/** Whether this media type names a kind whose content attach checks. */
function isKnownKindMediaType(mediaType) {
    return RULES.some((rule) => rule.mediaTypes.includes(mediaType)) || COSE_RULE.mediaTypes.includes(mediaType);
}
/**
 * What a file is, checked against what it claims. A claim is a media type given
 * with the file, a name like `*.sarif` or `*.spdx.json`, or content that only
 * that kind has (`spdxVersion`, `bomFormat`, a Sigstore `mediaType`, …).
 * A file that claims a kind and is not one of it is an INVALID_INPUT error that
 * says what is missing. A file that claims nothing is undefined (a plain file).
 */
async function inspectContent(path, claimedMediaType) {
    const claimedRule = claimedMediaType === undefined ? undefined : RULES.find((rule) => rule.mediaTypes.includes(claimedMediaType));
    const claimsCose = claimedMediaType !== undefined && COSE_RULE.mediaTypes.includes(claimedMediaType);
    if (claimedMediaType !== undefined && !claimedRule && !claimsCose)
        return undefined; // a type ocikit has no rules for: taken as given
    const info = await (0,promises_.stat)(path).catch((error) => {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot read ${path}: ${error.code ?? error.message}`, { hint: 'check the path; it is relative to the working directory' });
    });
    if (!info.isFile()) {
        // A directory travels as a tar layer: no content rules apply to it.
        if (claimedRule || claimsCose)
            throw invalid(path, (claimedRule ?? COSE_RULE).name, `its media type ${claimedMediaType}`, 'it is not a regular file');
        return undefined;
    }
    const head = await readHead(path, 64);
    const first = head.find((b) => !content_kinds_WHITESPACE.has(b));
    const namedRule = claimedMediaType === undefined ? RULES.find((rule) => rule.names.test((0,external_node_path_.basename)(path))) : undefined;
    const namedCose = claimedMediaType === undefined && COSE_RULE.names.test((0,external_node_path_.basename)(path));
    if (claimsCose || namedCose || (claimedMediaType === undefined && isCoseSign1(head))) {
        if (!isCoseSign1(head)) {
            throw invalid(path, COSE_RULE.name, claimsCose ? claimedMediaType : 'its name', 'it does not start with a COSE_Sign1 structure (CBOR tag 18, an array of four)');
        }
        return { id: COSE_RULE.id, name: COSE_RULE.name, mediaType: ReferrerMediaType.Cose, artifactType: COSE_RULE.artifactType };
    }
    const claim = claimedRule ?? namedRule;
    const claimSource = claimedRule ? `its media type ${claimedMediaType}` : 'its file name';
    if (first !== 0x7b /* { */) {
        if (claim)
            throw invalid(path, claim.name, claimSource, first === undefined ? 'the file is empty' : 'it is not a JSON object');
        return undefined;
    }
    const scan = await scanJson((0,external_node_fs_.createReadStream)(path, { highWaterMark: 1024 * 1024 }));
    if (!scan.valid) {
        const signalled = claim ?? (scan.topLevel === 'object' ? RULES.find((rule) => rule.signals(scan)) : undefined);
        if (signalled)
            throw invalid(path, signalled.name, claim ? claimSource : 'its content', `it is not valid JSON: ${scan.error}`);
        return undefined;
    }
    const rule = claim ?? RULES.find((candidate) => candidate.signals(scan));
    if (!rule)
        return undefined;
    const problem = scan.topLevel === 'object' ? rule.problem(scan) : 'it is not a JSON object';
    if (problem)
        throw invalid(path, rule.name, claim ? claimSource : 'its content', problem);
    return describeKind(rule, scan);
}
function describeKind(rule, scan) {
    const kind = { id: rule.id, name: rule.name, mediaType: rule.mediaTypes[0], artifactType: rule.artifactType };
    switch (rule.id) {
        case 'sigstore-bundle': {
            const declared = str(scan.members.get('mediaType'));
            // v0.3 is a plain media type; v0.1 and v0.2 carry `;version=`, which a layer type cannot.
            kind.mediaType = (0,media_types/* isValidMediaType */.Hw)(declared) ? declared : 'application/vnd.dev.sigstore.bundle+json';
            kind.artifactType = kind.mediaType;
            const dsse = scan.members.get('dsseEnvelope');
            const annotations = { 'dev.sigstore.bundle.content': dsse?.type === 'object' ? 'dsse-envelope' : 'message-signature' };
            const statement = dsse?.captured ? statementOf(dsse.value) : undefined;
            if (statement?.predicateType)
                annotations['dev.sigstore.bundle.predicateType'] = statement.predicateType;
            if (statement?.digests.length)
                kind.about = statement.digests;
            kind.annotations = annotations;
            break;
        }
        case 'in-toto-statement': {
            const subject = scan.members.get('subject');
            if (subject?.captured)
                kind.about = subjectDigests(subject.value);
            break;
        }
        case 'dsse-envelope': {
            const statement = statementOf({ payloadType: str(scan.members.get('payloadType')), payload: str(scan.members.get('payload')) });
            if (statement?.digests.length)
                kind.about = statement.digests;
            break;
        }
        case 'cosign-signature': {
            const critical = scan.members.get('critical').value;
            kind.about = [critical.image['docker-manifest-digest']];
            break;
        }
        case 'notation-jws': {
            const header = scan.members.get('header');
            const chain = header?.captured ? header.value.x5c : undefined;
            if (Array.isArray(chain) && chain.every((c) => typeof c === 'string')) {
                // notation verify looks the signing chain up by this annotation.
                const thumbprints = chain.map((cert) => (0,external_node_crypto_.createHash)('sha256').update(Buffer.from(cert, 'base64')).digest('hex'));
                kind.annotations = { 'io.cncf.notary.x509chain.thumbprint#S256': JSON.stringify(thumbprints) };
            }
            break;
        }
        default:
            break;
    }
    return kind;
}
/** The in-toto statement inside a DSSE envelope, when it decodes to one. */
function statementOf(envelope) {
    const { payloadType, payload } = (envelope ?? {});
    if (payloadType !== 'application/vnd.in-toto+json' || typeof payload !== 'string')
        return undefined;
    try {
        const statement = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
        return {
            ...(typeof statement.predicateType === 'string' ? { predicateType: statement.predicateType } : {}),
            digests: subjectDigests(statement.subject),
        };
    }
    catch {
        return undefined;
    }
}
function subjectDigests(subject) {
    if (!Array.isArray(subject))
        return [];
    const digests = [];
    for (const entry of subject) {
        const digest = entry?.digest;
        if (!digest || typeof digest !== 'object')
            continue;
        for (const [algorithm, hex] of Object.entries(digest))
            if (typeof hex === 'string')
                digests.push(`${algorithm}:${hex}`);
    }
    return digests;
}
const content_kinds_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf]);
/** COSE_Sign1: CBOR tag 18 (0xd2) around an array of four (0x84). */
function isCoseSign1(head) {
    return head[0] === 0xd2 && head[1] === 0x84;
}
async function readHead(path, length) {
    const handle = await (0,promises_.open)(path, 'r').catch((error) => {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `cannot read ${path}: ${error.code ?? error.message}`, { hint: 'check the path; it is relative to the working directory' });
    });
    try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
}
function invalid(path, kind, claimedBy, problem) {
    return new errors/* OcikitError */.Gu('INVALID_INPUT', `${path} is not a valid ${kind} (as ${claimedBy} says it is): ${problem}`, {
        hint: 'fix or regenerate the file, or give it the media type it really has (path:type); nothing was pushed',
    });
}
//# sourceMappingURL=content-kinds.js.map

/***/ })

};
