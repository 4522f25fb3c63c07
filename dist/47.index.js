export const id = 47;
export const ids = [47];
export const modules = {

/***/ 32689:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ signingKeySource),
/* harmony export */   J: () => (/* binding */ readPublicKeyPem)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);


/** cosign's way to name a key held in an environment variable: `env://NAME`. */
const ENV_PREFIX = 'env://';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A public key file is a few hundred bytes; anything this large is not one. */
const MAX_PUBLIC_KEY_BYTES = 64 * 1024;
/**
 * Where a key comes from, one rule for every front end: the PEM text itself (a CI
 * secret given as an input; `origin` names it in messages), `env://NAME` for the
 * content of an environment variable (cosign's form), or a PEM file's path. An unset
 * or empty variable is an error that names the variable, never its content.
 */
function signingKeySource(reference, env = process.env, origin = 'the key given') {
    if (reference.trimStart().startsWith('-----BEGIN '))
        return { pem: reference, origin };
    if (!reference.startsWith(ENV_PREFIX)) {
        if (reference === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', 'the key is named by an empty path');
        return { path: reference };
    }
    const name = reference.slice(ENV_PREFIX.length);
    if (!ENV_NAME.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', `"${reference.slice(0, 80)}" does not name an environment variable`, {
            hint: 'write env://NAME, e.g. env://COSIGN_PRIVATE_KEY',
        });
    }
    const pem = env[name];
    if (pem === undefined || pem.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', `the environment variable ${name} named for the key is ${pem === undefined ? 'not set' : 'empty'}`, {
            hint: 'map the CI secret into the job\'s environment (GitHub: `env: { NAME: ${{ secrets.NAME }} }`; GitLab: a masked CI/CD variable)',
        });
    }
    return { pem, origin: `$${name}` };
}
/**
 * A verifier's public key (PEM) from a file or `env://NAME`, read but not yet
 * parsed: verification parses it and names what is wrong with it.
 */
async function readPublicKeyPem(reference, env = process.env) {
    const source = signingKeySource(reference, env, 'the public key given');
    if (source.pem !== undefined)
        return source.pem;
    const what = `the public key file ${source.path}`;
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(source.path);
        if (!info.isFile())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', `${what} is not a file`);
        if (info.size > MAX_PUBLIC_KEY_BYTES)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', `${what} is ${info.size} bytes; a PEM public key is far smaller`);
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(source.path, 'utf8');
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G)
            throw error;
        const code = error.code;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', `${what} ${code === 'ENOENT' ? 'does not exist' : `cannot be read${code ? ` (${code})` : ''}`}`);
    }
}
//# sourceMappingURL=key-reference.js.map

/***/ }),

/***/ 37047:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/referrers/referrer-descriptor.js
var referrer_descriptor = __webpack_require__(31386);
// EXTERNAL MODULE: ./packages/core/dist/registry/read-bounded.js
var read_bounded = __webpack_require__(68218);
// EXTERNAL MODULE: ./packages/core/dist/util/map-concurrent.js
var map_concurrent = __webpack_require__(49307);
// EXTERNAL MODULE: ./packages/core/dist/sign/constants.js
var constants = __webpack_require__(8119);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./packages/core/dist/sign/signing-key.js
var signing_key = __webpack_require__(13487);
// EXTERNAL MODULE: ./packages/core/dist/sign/statement.js
var sign_statement = __webpack_require__(82699);
;// CONCATENATED MODULE: ./packages/core/dist/sign/verify.js

// Small, and what the synchronous checkVerificationPolicy needs: loaded with the module.






/** Bundles are a few kilobytes; a referrer layer larger than this is not one. */
const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;
async function loadSigstoreVerify() {
    const [bundle, verify] = await Promise.all([__webpack_require__.e(/* import() */ 278).then(__webpack_require__.t.bind(__webpack_require__, 61040, 19)), Promise.all(/* import() */[__webpack_require__.e(463), __webpack_require__.e(187)]).then(__webpack_require__.t.bind(__webpack_require__, 54187, 19))]);
    return {
        bundleFromJSON: bundle.bundleFromJSON,
        Verifier: verify.Verifier,
        VerificationError: verify.VerificationError,
        toSignedEntity: verify.toSignedEntity,
        toTrustMaterial: verify.toTrustMaterial,
    };
}
const POLICY_FIELD_NAMES = {
    publicKey: 'a public key',
    certificateIdentity: 'a certificate identity',
    certificateOidcIssuer: 'its OIDC issuer',
    trustedRoot: 'a trusted root',
};
/** A refusal by one named check. Its code is DENIED; `check` says which check it was. */
class SignatureVerificationError extends errors/* OcikitError */.G {
    check;
    constructor(check, message, options = {}) {
        super('DENIED', `signature verification failed (${check}): ${message}`, options);
        this.check = check;
    }
}
/**
 * Verifies an image signature bundle (what `signImageDigest` and `cosign sign
 * --new-bundle-format` write) for `subject`: the signature, the signer against the
 * policy, the transparency log and timestamps, then that the statement is
 * cosign's signature statement about this very digest. Throws a
 * SignatureVerificationError naming the failed check.
 */
async function verifyImageSignature(bundle, subject, policy) {
    return verifyBundle(bundle, subject, policy, COSIGN_SIGN_PREDICATE_TYPE);
}
/**
 * Verifies an attestation bundle for `subject` the same way; with `predicateType`
 * the statement must be of that type.
 */
async function verifyAttestation(bundle, subject, policy) {
    return verifyBundle(bundle, subject, policy, policy.predicateType);
}
/**
 * Verifies a bare signature over `payload` (no envelope, no bundle): what each
 * layer of cosign's legacy `.sig` tag holds. It goes through the verifier
 * bundles go through, as a bundle's message signature without verification
 * material. Says who signed; what the payload claims is the caller's to check.
 */
async function verifyMessageSignature(payload, signature, policy) {
    const mode = checkPolicy(policy);
    const lib = await loadSigstoreVerify();
    const bundle = decodeBundle(new TextEncoder().encode(JSON.stringify({
        mediaType: constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib,
        verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] },
        messageSignature: {
            messageDigest: { algorithm: 'SHA2_256', digest: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('base64') },
            signature: Buffer.from(signature).toString('base64'),
        },
    })), lib);
    return verifySigner(lib, bundle, mode, payload);
}
/**
 * Checks a policy as verification will (a readable public key; or identity,
 * issuer and a usable trusted root) without a bundle, so a bad policy is a usage
 * error before anything is fetched. Throws OcikitError INVALID_INPUT.
 */
function checkVerificationPolicy(policy, names = POLICY_FIELD_NAMES) {
    checkPolicy(policy, names);
}
async function verifyBundle(bytes, subject, policy, expectedPredicateType) {
    const { algorithm, hex } = (0,digest/* parseDigest */.m)(subject.digest);
    const mode = checkPolicy(policy);
    const lib = await loadSigstoreVerify();
    const bundle = decodeBundle(bytes, lib);
    if (bundle.content.$case !== 'dsseEnvelope') {
        throw new SignatureVerificationError('bundle', 'the bundle holds a bare message signature, not a DSSE envelope with an in-toto statement', {
            hint: 'ocikit verifies new-format image signatures (cosign ≥ 2.4 --new-bundle-format, cosign 3) and attestations',
        });
    }
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== constants/* IN_TOTO_PAYLOAD_TYPE */.T4) {
        throw new SignatureVerificationError('bundle', `the envelope's payloadType is ${JSON.stringify(envelope.payloadType.slice(0, 200))}, not "${constants/* IN_TOTO_PAYLOAD_TYPE */.T4}"`);
    }
    if (envelope.signatures.length !== 1) {
        throw new SignatureVerificationError('bundle', `the envelope carries ${envelope.signatures.length} signatures; a Sigstore bundle carries exactly one`);
    }
    const { signer, transparencyLogEntries, signedTimestamps } = verifySigner(lib, bundle, mode);
    const statement = (0,sign_statement/* readStatement */.cO)(envelope.payload);
    if (typeof statement === 'string')
        throw new SignatureVerificationError('statement', `the signature is valid but ${statement}`);
    const named = statement.subject.map((s) => s.digest[algorithm]).filter((d) => typeof d === 'string');
    if (!named.includes(hex)) {
        const claimed = statement.subject.flatMap((s) => Object.entries(s.digest).map(([a, h]) => shown(`${a}:${h}`))).slice(0, 5);
        throw new SignatureVerificationError('subject', `the statement is about ${claimed.join(', ') || 'no digest'}, not ${subject.digest}`, {
            hint: 'this signature belongs to another manifest; was the image rebuilt or re-pushed after signing?',
        });
    }
    if (expectedPredicateType !== undefined && statement.predicateType !== expectedPredicateType) {
        throw new SignatureVerificationError('predicate-type', `the statement's predicate type is ${shown(statement.predicateType)}, not ${expectedPredicateType}`);
    }
    return {
        subject: subject.digest,
        predicateType: statement.predicateType,
        statement,
        signer,
        transparencyLogEntries,
        signedTimestamps,
    };
}
/**
 * Verifies a bundle's signature and its signer under the policy: the key (and,
 * with a trusted root, its Rekor entry), or the certificate's chain, SCT, Rekor
 * entry, timestamp, identity and issuer. `artifact` is what a message signature
 * signs (a DSSE envelope carries its own payload).
 */
function verifySigner(lib, bundle, mode, artifact) {
    const { Verifier, toSignedEntity, toTrustMaterial } = lib;
    const material = bundle.verificationMaterial.content;
    let signer;
    let trust;
    let entity;
    let verifier;
    const root = mode.root;
    try {
        entity = toSignedEntity(bundle, artifact === undefined ? undefined : Buffer.from(artifact));
    }
    catch (error) {
        throw new SignatureVerificationError('bundle', `its verification material cannot be read: ${error.message}`);
    }
    if (mode.kind === 'key') {
        if (material.$case !== 'publicKey') {
            throw new SignatureVerificationError('key', 'the bundle was signed keyless (it carries a certificate), not with a key', {
                hint: 'verify it with a certificate identity, an OIDC issuer and a trusted root',
            });
        }
        const hint = (0,signing_key/* publicKeyHint */.yd)(mode.publicKey);
        signer = { kind: 'key', hint };
        const publicKey = mode.publicKey;
        trust = toTrustMaterial(root ?? emptyRoot(), () => ({ publicKey, validFor: () => true }));
        if (root) {
            verifier = new Verifier(trust, { tlogThreshold: 1, ctlogThreshold: 0, timestampThreshold: 0 });
        }
        else {
            entity = { ...entity, tlogEntries: [], timestamps: [] };
            verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
        }
        runVerifier(lib, verifier, entity, () => {
            const bundleHint = material.publicKey.hint;
            return bundleHint && bundleHint !== hint
                ? new SignatureVerificationError('key', `the bundle was signed by another key (hint ${shown(bundleHint)}), not by the given public key (hint ${hint})`)
                : undefined;
        });
    }
    else {
        if (material.$case === 'publicKey') {
            throw new SignatureVerificationError('key', `the bundle was signed with a key (hint ${shown(material.publicKey.hint) || 'none'}), not keyless`, {
                hint: 'verify it with the signer\'s public key',
            });
        }
        trust = toTrustMaterial(mode.root);
        verifier = new Verifier(trust, { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
        const verified = runVerifier(lib, verifier, entity, () => undefined);
        const identity = verified.identity?.subjectAlternativeName;
        const issuer = verified.identity?.extensions?.issuer;
        if (identity !== mode.identity) {
            throw new SignatureVerificationError('identity', `the certificate is for ${JSON.stringify(identity ?? null)}, not ${JSON.stringify(mode.identity)}`);
        }
        if (issuer !== mode.issuer) {
            throw new SignatureVerificationError('issuer', `the certificate's OIDC issuer is ${JSON.stringify(issuer ?? null)}, not ${JSON.stringify(mode.issuer)}`);
        }
        signer = { kind: 'certificate', identity, issuer };
    }
    return {
        signer,
        transparencyLogEntries: entity.tlogEntries.length,
        signedTimestamps: entity.timestamps.filter((t) => t.$case === 'timestamp-authority').length,
    };
}
/** A value from the bundle, fit for a log line: bounded, and quoted when not plain ASCII. */
function shown(value, max = 200) {
    const cut = value.length > max ? `${value.slice(0, max)}…` : value;
    return /^[\x20-\x7e]*$/.test(cut) ? cut : JSON.stringify(cut);
}
function checkPolicy(policy, names = POLICY_FIELD_NAMES) {
    const root = policy.trustedRoot === undefined ? undefined : parseTrustedRoot(policy.trustedRoot);
    const wantsIdentity = policy.certificateIdentity !== undefined || policy.certificateOidcIssuer !== undefined;
    if (policy.publicKey !== undefined) {
        if (wantsIdentity) {
            throw new errors/* OcikitError */.G('INVALID_INPUT', `verification takes ${names.publicKey} or ${names.certificateIdentity} and ${names.certificateOidcIssuer}, not both`, {
                hint: 'a signature is verified by its key, or (keyless) by the identity its certificate names',
            });
        }
        return { kind: 'key', publicKey: (0,signing_key/* parsePublicKey */.ee)(policy.publicKey, 'the policy\'s public key'), root };
    }
    if (!policy.certificateIdentity || !policy.certificateOidcIssuer) {
        throw new errors/* OcikitError */.G('INVALID_INPUT', `verification needs ${names.publicKey}, or ${names.certificateIdentity} and ${names.certificateOidcIssuer} with ${names.trustedRoot}`, {
            hint: 'for GitHub Actions keyless signatures: identity https://github.com/<org>/<repo>/.github/workflows/<file>@<ref>, issuer https://token.actions.githubusercontent.com',
        });
    }
    if (!root) {
        throw new errors/* OcikitError */.G('INVALID_INPUT', `keyless verification needs ${names.trustedRoot} (the Fulcio, Rekor and CT log keys to trust)`, {
            hint: 'pass the trusted_root.json of the Sigstore instance that issued the certificate (`cosign trusted-root create`, or the public-good root from its TUF repository)',
        });
    }
    if (root.certificateAuthorities.length === 0 || root.tlogs.length === 0) {
        throw new errors/* OcikitError */.G('INVALID_INPUT', 'the trusted root names no certificate authority or no transparency log; it cannot verify a keyless signature');
    }
    return { kind: 'keyless', identity: policy.certificateIdentity, issuer: policy.certificateOidcIssuer, root };
}
function parseTrustedRoot(value) {
    let json = value;
    if (typeof value === 'string' || value instanceof Uint8Array) {
        try {
            json = JSON.parse(typeof value === 'string' ? value : new TextDecoder().decode(value));
        }
        catch {
            throw new errors/* OcikitError */.G('INVALID_INPUT', 'the trusted root is not JSON');
        }
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new errors/* OcikitError */.G('INVALID_INPUT', 'the trusted root is not a JSON object (trusted_root.json)');
    }
    try {
        return dist.TrustedRoot.fromJSON(json);
    }
    catch (error) {
        throw new errors/* OcikitError */.G('INVALID_INPUT', `the trusted root cannot be read: ${error.message}`);
    }
}
function emptyRoot() {
    return { mediaType: '', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
}
function decodeBundle(bytes, { bundleFromJSON }) {
    if (bytes.length > MAX_BUNDLE_BYTES) {
        throw new SignatureVerificationError('bundle', `it is ${bytes.length} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a bundle`);
    }
    let json;
    try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch {
        throw new SignatureVerificationError('bundle', 'it is not UTF-8 JSON');
    }
    try {
        return bundleFromJSON(json);
    }
    catch (error) {
        const fields = error.fields;
        throw new SignatureVerificationError('bundle', `it is not a valid Sigstore bundle: ${error.message}${fields?.length ? ` (${fields.join(', ')})` : ''}`);
    }
}
/** Runs sigstore-js's Verifier and says which check failed, in words. */
function runVerifier({ VerificationError }, verifier, entity, onSignatureError) {
    try {
        return verifier.verify(entity);
    }
    catch (error) {
        if (!(error instanceof VerificationError)) {
            throw new SignatureVerificationError('bundle', `it could not be verified: ${error.message}`);
        }
        const why = error.message;
        switch (error.code) {
            case 'SIGNATURE_ERROR':
                throw onSignatureError() ??
                    new SignatureVerificationError('signature', 'the signature does not match the signed content: the bundle was changed after signing, or signed by another key', { detail: why });
            case 'PUBLIC_KEY_ERROR':
                throw new SignatureVerificationError('key', 'the signing key is not trusted for this signature', { detail: why });
            case 'CERTIFICATE_ERROR':
                throw new SignatureVerificationError('certificate', 'the signing certificate is not trusted: it does not chain to a trusted certificate authority, or lacks a valid SCT', {
                    detail: why,
                    hint: 'check the trusted root is the one of the Sigstore instance that issued the certificate',
                });
            case 'TIMESTAMP_ERROR':
                throw new SignatureVerificationError('timestamp', 'the bundle has no verifiable timestamp for when it was signed', { detail: why });
            case 'TLOG_ERROR':
            case 'TLOG_INCLUSION_PROOF_ERROR':
            case 'TLOG_INCLUSION_PROMISE_ERROR':
            case 'TLOG_MISSING_INCLUSION_ERROR':
            case 'TLOG_BODY_ERROR':
                throw new SignatureVerificationError('transparency-log', error.code === 'TLOG_BODY_ERROR'
                    ? 'the transparency log entry is not about this signature: the bundle was changed after it was logged'
                    : error.code === 'TLOG_ERROR' && /expected \d+ tlog entries/.test(why)
                        ? 'the bundle has no transparency log (Rekor) entry'
                        : 'the transparency log entry cannot be verified against the trusted root', { detail: why });
            default:
                throw new SignatureVerificationError('bundle', 'it could not be verified', { detail: why });
        }
    }
}
//# sourceMappingURL=verify.js.map
;// CONCATENATED MODULE: ./packages/core/dist/sign/cosign-legacy.js
// cosign's signatures from before its bundle format (`cosign sign|attest
// --new-bundle-format=false`, the default before cosign 3, and what many images
// still carry): not referrers, but a manifest tagged `sha256-<hex>.sig` (or
// `.att`) beside the image, one layer per signature. A `.sig` layer is the
// "simple signing" payload with its signature in an annotation; an `.att` layer
// is a DSSE envelope of an in-toto statement. As cosign's pkg/oci/static and
// pkg/cosign/verify.go write and read them. ocikit verifies the ones made with a
// key; their Rekor bundles and certificates (keyless) it leaves to cosign.






/** The media types and annotations of cosign's legacy tags. */
const LegacyCosign = {
    /** A `.sig` layer: the simple-signing payload that was signed. */
    SignatureLayer: 'application/vnd.dev.cosign.simplesigning.v1+json',
    /** An `.att` layer: a DSSE envelope. */
    AttestationLayer: 'application/vnd.dsse.envelope.v1+json',
    /** The base64 signature of a `.sig` layer's payload. */
    Signature: 'dev.cosignproject.cosign/signature',
    /** The Fulcio certificate of a keyless signature. */
    Certificate: 'dev.sigstore.cosign/certificate',
    /** An `.att` layer's predicate type (unsigned: it only spares a fetch). */
    PredicateType: 'predicateType',
};
/** The simple-signing `critical.type` of an image signature. */
const SIMPLE_SIGNING_TYPE = 'cosign container image signature';
/**
 * The layers of `subject`'s `.sig` (image signatures) or `.att` (attestations)
 * tag; none when there is no such tag. One manifest read, by tag.
 */
async function legacyCosignLayers(target, subject, kind) {
    const { algorithm, hex } = (0,digest/* parseDigest */.m)(subject.digest);
    const tag = `${algorithm}-${hex}.${kind}`;
    let fetched;
    try {
        fetched = await target.fetchManifest(tag);
    }
    catch (error) {
        if ((0,errors/* isOcikitError */.C)(error) && error.code === 'NOT_FOUND')
            return [];
        throw error;
    }
    const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `${target.name}:${tag}`, fetched.descriptor.mediaType);
    if ((0,oci_manifest/* isIndex */.nw)(manifest))
        return []; // not something cosign writes under this tag
    return manifest.layers.map((layer) => ({ tag, kind, manifest: fetched.descriptor, layer }));
}
/** An `.att` layer's predicate type as its annotation gives it (unsigned: only to skip other kinds unread). */
function labelledPredicateType(entry) {
    return entry.kind === 'sig' ? constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4 : entry.layer.annotations?.[LegacyCosign.PredicateType];
}
/**
 * Verifies one legacy signature for `subject` under `policy`, as cosign does with
 * `--key` and `--insecure-ignore-tlog`: the signature by the key, then that the
 * payload is about this very digest. Throws SignatureVerificationError naming the
 * check; OcikitError when the layer cannot be read.
 */
async function verifyLegacyCosignLayer(target, entry, subject, policy) {
    checkLegacyPolicy(entry, policy);
    const { layer } = entry;
    const expected = entry.kind === 'sig' ? LegacyCosign.SignatureLayer : LegacyCosign.AttestationLayer;
    if (layer.mediaType !== expected) {
        throw new SignatureVerificationError('bundle', `the ${entry.tag} layer ${layer.digest} is ${shown(layer.mediaType)}, not ${expected}`);
    }
    if (layer.size > MAX_BUNDLE_BYTES) {
        throw new SignatureVerificationError('bundle', `the ${entry.tag} layer ${layer.digest} is ${layer.size} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a signature`);
    }
    // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
    const content = await (0,read_bounded/* readBounded */.C)(await target.fetchBlob(layer), MAX_BUNDLE_BYTES, `the ${entry.tag} layer of ${target.name}`);
    return entry.kind === 'sig' ? verifySimpleSigning(entry, content, subject, policy) : verifyEnvelope(content, subject, policy);
}
function checkLegacyPolicy(entry, policy) {
    const hint = 'verify it with cosign, or sign again in the bundle format (cosign 3\'s default, `ocikit sign`)';
    if (policy.publicKey === undefined) {
        throw new SignatureVerificationError('key', `cosign's legacy ${entry.tag} signatures are verified by ocikit with a public key only, not by identity`, { hint });
    }
    if (policy.trustedRoot !== undefined) {
        throw new SignatureVerificationError('transparency-log', `a trusted root requires a verified Rekor entry, and ocikit does not read the Rekor bundle of cosign's legacy ${entry.tag} signatures`, { hint: `verify with the public key alone (as \`cosign verify --insecure-ignore-tlog\`), or ${hint}` });
    }
    if (entry.layer.annotations?.[LegacyCosign.Certificate]) {
        throw new SignatureVerificationError('key', 'the signature was made keyless (it carries a certificate), not with a key', { hint });
    }
}
async function verifySimpleSigning(entry, payload, subject, policy) {
    const encoded = entry.layer.annotations?.[LegacyCosign.Signature] ?? '';
    const signature = Buffer.from(encoded, 'base64');
    if (signature.length === 0 || signature.toString('base64') !== encoded) {
        throw new SignatureVerificationError('bundle', `the ${entry.tag} layer ${entry.layer.digest} has no base64 signature in its ${LegacyCosign.Signature} annotation`);
    }
    const { signer, transparencyLogEntries, signedTimestamps } = await verifyMessageSignature(payload, signature, policy);
    const about = readSimpleSigning(payload);
    if (typeof about === 'string')
        throw new SignatureVerificationError('statement', `the signature is valid but ${about}`);
    if (about.digest !== subject.digest) {
        throw new SignatureVerificationError('subject', `the payload is about ${shown(about.digest)}, not ${subject.digest}`, {
            hint: 'this signature belongs to another manifest; was the image rebuilt or re-pushed after signing?',
        });
    }
    const { algorithm, hex } = (0,digest/* parseDigest */.m)(subject.digest);
    // The payload says what cosign 3's statement says (this key signed this digest,
    // with these claims); it is given in that form, so every reader of a result reads one shape.
    const statement = {
        _type: constants/* IN_TOTO_STATEMENT_V1 */.tV,
        subject: [{ digest: { [algorithm]: hex }, ...(about.claims ? { annotations: about.claims } : {}) }],
        predicateType: constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4,
        predicate: {},
    };
    return { subject: subject.digest, predicateType: constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4, statement, signer, transparencyLogEntries, signedTimestamps };
}
/** `{"critical":{"identity":…,"image":{"docker-manifest-digest":…},"type":…},"optional":…}`; a string says what is wrong. */
function readSimpleSigning(payload) {
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    }
    catch {
        return 'its payload is not UTF-8 JSON';
    }
    const { critical, optional } = (value ?? {});
    if (critical?.type !== SIMPLE_SIGNING_TYPE)
        return `its payload is not a cosign image signature (critical.type ${shown(JSON.stringify(critical?.type ?? null))})`;
    const digest = critical.image?.['docker-manifest-digest'];
    if (typeof digest !== 'string')
        return 'its payload names no image digest (critical.image["docker-manifest-digest"])';
    const claims = typeof optional === 'object' && optional !== null && !Array.isArray(optional) && Object.keys(optional).length > 0 ? optional : undefined;
    return claims ? { digest, claims } : { digest };
}
/** An `.att` layer is the DSSE envelope a bundle would carry: verified as one, by the same checks. */
async function verifyEnvelope(content, subject, policy) {
    let envelope;
    try {
        envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
    }
    catch {
        throw new SignatureVerificationError('bundle', 'the attestation layer is not UTF-8 JSON (a DSSE envelope)');
    }
    const bundle = { mediaType: constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib, verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] }, dsseEnvelope: envelope };
    return verifyAttestation(new TextEncoder().encode(JSON.stringify(bundle)), subject, policy);
}
//# sourceMappingURL=cosign-legacy.js.map
;// CONCATENATED MODULE: ./packages/core/dist/sign/verify-reference.js
// Verifying through `subject`: the signatures of a manifest are found among its
// referrers (API, sha256-<hex> tag schema or layout) and each is verified
// against the manifest's digest.








/** Failures of one referrer's content that say nothing about the others: reported, not thrown. */
const UNREADABLE = new Set(['NOT_FOUND', 'DIGEST_MISMATCH', 'SIZE_LIMIT', 'INVALID_MANIFEST']);
/**
 * `ocikit verify`: the Sigstore bundle referrers of the manifest `subjectRef`
 * names, each verified against its digest under `policy`. It does not throw
 * when none verifies: the result says which failed and why, and `verified` is
 * false. It throws for a bad policy (INVALID_INPUT, before anything is read)
 * and for a store that cannot be read.
 */
async function verifyReference(target, subjectRef, options) {
    checkVerificationPolicy(options.policy, options.policyNames);
    if (options.predicateType !== undefined && options.predicateType.trim() === '') {
        throw new errors/* OcikitError */.G('INVALID_INPUT', 'the attestation type to verify is empty', { hint: 'give a predicate type URI such as https://slsa.dev/provenance/v1' });
    }
    if (!target.referrers)
        throw new errors/* OcikitError */.G('UNSUPPORTED', `${target.name} cannot list referrers`);
    const subject = (0,referrer_descriptor/* subjectDescriptor */.Ay)(await target.resolve(subjectRef));
    const predicateType = options.predicateType ?? constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4;
    const listing = await target.referrers(subject, { artifactType: constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib });
    const concurrency = Math.max(1, options.concurrency ?? 4);
    const referrers = await (0,map_concurrent/* mapConcurrent */._)((0,referrer_descriptor/* sortNewestFirst */.BP)(listing.manifests), concurrency, (descriptor) => verifyReferrer(target, subject, descriptor, predicateType, options.policy));
    // Signatures cosign made before its bundle format live under a tag, not as referrers.
    const legacyLayers = await legacyCosignLayers(target, subject, predicateType === constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4 ? 'sig' : 'att');
    const legacy = await (0,map_concurrent/* mapConcurrent */._)(legacyLayers, concurrency, (entry) => verifyLegacy(target, subject, entry, predicateType, options.policy));
    const all = [...referrers, ...legacy];
    return { subject, predicateType, via: listing.via, verified: all.some((r) => r.outcome === 'verified'), referrers: all };
}
async function verifyLegacy(target, subject, entry, predicateType, policy) {
    const legacy = { tag: entry.tag, layer: entry.layer };
    const descriptor = entry.manifest;
    const labelled = labelledPredicateType(entry);
    if (labelled !== undefined && labelled !== predicateType)
        return { descriptor, legacy, outcome: 'skipped', reason: otherKind(labelled, predicateType) };
    return { ...(await outcomeOf(descriptor, predicateType, () => verifyLegacyCosignLayer(target, entry, subject, policy))), legacy };
}
async function verifyReferrer(target, subject, descriptor, predicateType, policy) {
    // The annotation is unsigned: it may only spare a fetch, never count as a check.
    const labelled = descriptor.annotations?.[constants/* SigstoreAnnotation */.M4.BundlePredicateType];
    if (labelled !== undefined && labelled !== predicateType)
        return { descriptor, outcome: 'skipped', reason: otherKind(labelled, predicateType) };
    return outcomeOf(descriptor, predicateType, async () => {
        const bundle = await readBundle(target, descriptor);
        if (typeof bundle === 'string')
            throw new SignatureVerificationError('bundle', bundle);
        return verifyAttestation(bundle, subject, policy);
    });
}
/** A verification's outcome: refused by a named check (or unreadable), another kind of statement, or verified. */
async function outcomeOf(descriptor, predicateType, verify) {
    let result;
    try {
        result = await verify();
    }
    catch (error) {
        if ((0,errors/* isOcikitError */.C)(error) && UNREADABLE.has(error.code)) {
            return { descriptor, outcome: 'refused', message: `it cannot be read: ${error.message}`, ...(error.detail ? { detail: error.detail } : {}) };
        }
        if (!(error instanceof SignatureVerificationError))
            throw error;
        return { descriptor, outcome: 'refused', check: error.check, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
    }
    // Signed and about this subject, but another kind of statement: not what was asked for.
    if (result.predicateType !== predicateType)
        return { descriptor, outcome: 'skipped', reason: otherKind(result.predicateType, predicateType) };
    return { descriptor, outcome: 'verified', result };
}
function otherKind(found, wanted) {
    const name = (type) => (type === constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4 ? 'an image signature' : `a ${JSON.stringify(type.slice(0, 200))} attestation`);
    return `${name(found)}, not ${name(wanted)}`;
}
/** The referrer's one bundle layer, bounded; a string says why the manifest holds no usable bundle. */
async function readBundle(target, descriptor) {
    const fetched = await target.fetchManifest(descriptor);
    const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, `${target.name}@${descriptor.digest}`, fetched.descriptor.mediaType);
    if ((0,oci_manifest/* isIndex */.nw)(manifest))
        return 'the referrer is an index, not a manifest holding a bundle';
    const layers = manifest.layers.filter((layer) => layer.mediaType === constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib);
    const layer = layers[0];
    if (!layer || layers.length > 1)
        return `the referrer holds ${layers.length} layers of ${constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib}; a signature holds exactly one`;
    if (layer.size > MAX_BUNDLE_BYTES)
        return `its bundle layer is ${layer.size} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a bundle`;
    // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
    return (0,read_bounded/* readBounded */.C)(await target.fetchBlob(layer), MAX_BUNDLE_BYTES, `the bundle of ${target.name}@${descriptor.digest}`);
}
//# sourceMappingURL=verify-reference.js.map
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference = __webpack_require__(37473);
;// CONCATENATED MODULE: ./packages/core/dist/sign/verify-result-json.js
/** What `verify` reports (`ocikit verify --json`), for every front end. */



function verifyResultJson(subject, result) {
    return {
        subject: { reference: (0,reference/* pinnedReference */.ct)(subject, subject.tag, result.subject.digest), ...result.subject },
        predicateType: result.predicateType,
        via: result.via,
        verified: result.verified,
        referrers: result.referrers.map((r) => {
            const base = {
                reference: (0,reference/* pinnedReference */.ct)(subject, undefined, r.descriptor.digest),
                digest: r.descriptor.digest,
                outcome: r.outcome,
                ...(r.legacy ? { legacyTag: r.legacy.tag, layer: r.legacy.layer.digest } : {}),
            };
            if (r.outcome === 'skipped')
                return { ...base, message: r.reason };
            if (r.outcome === 'refused')
                return { ...base, ...(r.check ? { check: r.check } : {}), message: r.message };
            const about = r.result.statement.subject.find((s) => Object.entries(s.digest).some(([algorithm, hex]) => `${algorithm}:${hex}` === r.result.subject));
            const claims = about?.annotations;
            return {
                ...base,
                signer: r.result.signer,
                predicateType: r.result.predicateType,
                ...(claims && Object.keys(claims).length > 0 ? { claims } : {}),
                transparencyLogEntries: r.result.transparencyLogEntries,
                signedTimestamps: r.result.signedTimestamps,
            };
        }),
    };
}
const LISTED_BY = {
    api: 'the referrers API',
    tag: 'the sha256-<hex> tag schema',
    layout: 'the layout',
};
/** The count every front end prints: `2 of 3 signatures verified (listed by the referrers API)`; skipped referrers do not count. */
function verifyTally(json) {
    const what = json.predicateType === constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4 ? 'signatures' : `${json.predicateType} attestations`;
    const counted = json.referrers.filter((r) => r.outcome !== 'skipped');
    const verified = counted.filter((r) => r.outcome === 'verified').length;
    const legacyTag = json.referrers.find((r) => r.legacyTag)?.legacyTag;
    const alsoTagged = legacyTag ? ` and cosign's ${legacyTag.slice(legacyTag.lastIndexOf('.'))} tag` : '';
    return `${verified} of ${counted.length} ${what} verified (listed by ${LISTED_BY[json.via]}${alsoTagged})`;
}
/** The error of a `verify` that verified nothing: what was missing, or which referrers were refused and by which check. */
function noneVerifiedError(json, wording) {
    const what = json.predicateType === constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4 ? 'signature' : `${json.predicateType} attestation`;
    const refused = json.referrers.filter((r) => r.outcome === 'refused');
    if (refused.length === 0) {
        return new errors/* OcikitError */.G('DENIED', `${json.subject.reference} has no ${what} to verify`, {
            hint: json.referrers.length > 0 ? `its Sigstore bundles are of other kinds (${json.referrers.map((r) => r.message).join('; ')})` : wording.signHint,
        });
    }
    const each = refused.map((r) => `${r.digest} refused${r.check ? ` (${r.check})` : ''}${wording.reasons ? `: ${r.message ?? ''}` : ''}`);
    return new errors/* OcikitError */.G('DENIED', `no ${what} of ${json.subject.reference} verified: ${each.join(wording.reasons ? '; ' : ', ')}`);
}
//# sourceMappingURL=verify-result-json.js.map
// EXTERNAL MODULE: ./packages/core/dist/sign/key-reference.js
var key_reference = __webpack_require__(32689);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./packages/core/dist/sign/trusted-root-file.js


/** A trusted_root.json is a few KiB; anything far larger is not one. */
const MAX_TRUSTED_ROOT_BYTES = 4 * 1024 * 1024;
/** Reads a Sigstore trusted_root.json given by path, bounded, for keyless verification. */
async function readTrustedRootFile(path) {
    const what = `the trusted root ${path}`;
    const info = await (0,promises_.stat)(path).catch(() => {
        throw new errors/* OcikitError */.G('INVALID_INPUT', `${what} does not exist or cannot be read`);
    });
    if (!info.isFile() || info.size > MAX_TRUSTED_ROOT_BYTES)
        throw new errors/* OcikitError */.G('INVALID_INPUT', `${what} is not a trusted_root.json file`);
    return (0,promises_.readFile)(path, 'utf8');
}
//# sourceMappingURL=trusted-root-file.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(66501);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var dist_summary = __webpack_require__(52902);
// EXTERNAL MODULE: ./packages/github/dist/summaries/sign.js
var sign = __webpack_require__(9796);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/verify.js
/** verify's job summary: one row per Sigstore bundle referrer (verified, refused and by which check, or skipped). */




async function writeVerifySummary(json) {
    const summary = core/* summary */.z
        .addHeading('ocikit verify', 3)
        .addRaw(`${json.verified ? '✅' : '❌'} ${(0,dist_summary/* code */.aY)(json.subject.reference)}: ${(0,dist_summary/* escapeHtml */.ZD)(verifyTally(json))}`, true);
    if (json.referrers.length > 0) {
        summary.addTable([
            (0,dist_summary/* header */.wx)('Referrer', 'Outcome', 'Check', 'Details'),
            ...json.referrers.map((r) => [
                (0,dist_summary/* code */.aY)(r.digest),
                r.outcome,
                r.outcome === 'verified' ? 'all' : (r.check ?? ''),
                r.outcome === 'verified'
                    ? `signed by ${r.signer ? (0,sign/* signerCell */.jw)(r.signer) : '?'}; ${(0,sign/* evidence */.MX)(r.transparencyLogEntries ?? 0, r.signedTimestamps ?? 0)}`
                    : (0,dist_summary/* escapeHtml */.ZD)(r.message ?? ''),
            ]),
        ]);
    }
    await (0,dist_summary/* writeSummary */.Sy)(summary);
}
//# sourceMappingURL=verify.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/verify.js
/**
 * verify: the signatures (or attestations of `type`) attached to `reference`,
 * each verified, the same core call as `ocikit verify` (verifyReference). The
 * step fails unless one verifies; the summary shows each referrer's outcome.
 */







async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)(async (secrets, signal) => {
        const { connection, reference: subject } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const policy = await policyFromInputs(env);
        const type = (0,inputs/* getString */.AA)('type', env);
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        const { target, reference, selector } = await (0,open_target/* openTarget */.A)(subject, { ...connection, referrersMode });
        try {
            const result = await verifyReference(target, selector, { policy, policyNames: POLICY_INPUTS, ...(type ? { predicateType: type } : {}) });
            const json = verifyResultJson(reference, result);
            for (const r of json.referrers)
                core/* info */.pq(`${r.outcome.padEnd(8)} ${r.reference}${r.outcome === 'verified' ? '' : `: ${r.message ?? ''}`}`);
            (0,outputs/* setOutputs */.n)({ verified: json.verified, subject: json.subject.reference, json });
            await writeVerifySummary(json);
            if (!json.verified)
                throw noneVerifiedError(json, { signHint: 'sign it with the ocikit sign action; the discover action shows what is attached', reasons: true });
        }
        finally {
            await target.close();
        }
    });
}
/** The policy as the inputs give it; verifyReference checks it (naming these inputs) before anything is read. */
async function policyFromInputs(env) {
    const publicKey = (0,inputs/* getString */.AA)('public-key', env);
    const identity = (0,inputs/* getString */.AA)('certificate-identity', env);
    const issuer = (0,inputs/* getString */.AA)('certificate-oidc-issuer', env);
    const trustedRootPath = (0,inputs/* getString */.AA)('trusted-root', env);
    return {
        // What the CLI's --key takes (a path, env://NAME), or the PEM itself.
        ...(publicKey !== '' ? { publicKey: await (0,key_reference/* readPublicKeyPem */.J)(publicKey, env) } : {}),
        ...(identity !== '' ? { certificateIdentity: identity } : {}),
        ...(issuer !== '' ? { certificateOidcIssuer: issuer } : {}),
        ...(trustedRootPath !== '' ? { trustedRoot: await readTrustedRootFile(trustedRootPath) } : {}),
    };
}
const POLICY_INPUTS = {
    publicKey: 'the input public-key',
    certificateIdentity: 'certificate-identity',
    certificateOidcIssuer: 'certificate-oidc-issuer',
    trustedRoot: 'the input trusted-root',
};
//# sourceMappingURL=verify.js.map

/***/ }),

/***/ 9796:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MX: () => (/* binding */ evidence),
/* harmony export */   dD: () => (/* binding */ writeSignSummary),
/* harmony export */   jw: () => (/* binding */ signerCell)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52902);
/* harmony import */ var _attach_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49720);
/** sign's job summary: what was signed, by what (key hint or certificate identity), with what evidence, and where the signature went. */



function signerCell(signer) {
    return signer.kind === 'key' ? `key ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(signer.hint)}` : `keyless: ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(signer.identity)}`;
}
function evidence(tlog, timestamps) {
    const parts = [];
    if (tlog > 0)
        parts.push(`${tlog} Rekor entr${tlog === 1 ? 'y' : 'ies'}`);
    if (timestamps > 0)
        parts.push(`${timestamps} signed timestamp${timestamps === 1 ? '' : 's'}`);
    return parts.length > 0 ? parts.join(', ') : 'no transparency log entry, no timestamp';
}
async function writeSignSummary(json) {
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading('ocikit sign', 3)
        .addTable([
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)('Signed', 'Signed by', 'Evidence', 'Signature', 'Listed by'),
        [(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.subject.reference), signerCell(json.signer), evidence(json.transparencyLogEntries, json.signedTimestamps), (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.reference), (0,_attach_js__WEBPACK_IMPORTED_MODULE_2__/* .listingCell */ .R)(json.referrers)],
    ])
        .addRaw(`Signature manifest ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.digest)}, ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(json.size)}, predicate ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.predicateType)}`, true);
    await (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .writeSummary */ .Sy)(summary);
}
//# sourceMappingURL=sign.js.map

/***/ })

};
