export const id = 361;
export const ids = [361];
export const modules = {

/***/ 30451:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ referrerResultJson)
/* harmony export */ });
/* harmony import */ var _reference_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37473);

/** A referrer pushed onto `result.subject`; `subject` is the reference the verb named (tag or digest). */
function referrerResultJson(subject, result) {
    return {
        reference: (0,_reference_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .pinnedReference */ .ct)(subject, undefined, result.descriptor.digest),
        digest: result.descriptor.digest,
        mediaType: result.descriptor.mediaType,
        size: result.descriptor.size,
        artifactType: result.manifest.artifactType,
        annotations: result.manifest.annotations,
        subject: { reference: (0,_reference_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .pinnedReference */ .ct)(subject, subject.tag, result.subject.digest), ...result.subject },
        referrers: subject.kind === 'oci-layout' ? { via: 'layout' } : (result.referrers ?? { via: 'api' }),
    };
}
//# sourceMappingURL=referrer-result-json.js.map

/***/ }),

/***/ 23871:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Nk: () => (/* binding */ attestReference),
  TX: () => (/* binding */ signManifest),
  r3: () => (/* binding */ signReference)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/artifact/push-artifact.js + 1 modules
var push_artifact = __webpack_require__(35034);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/referrers/referrer-descriptor.js
var referrer_descriptor = __webpack_require__(31386);
// EXTERNAL MODULE: ./packages/core/dist/registry/remote-repository.js + 4 modules
var remote_repository = __webpack_require__(33114);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./packages/core/dist/sign/bundle-facts.js

/**
 * What a bundle ocikit has just made says about its signer, for the signing
 * report. Read, not verified: it is the signer's own output; verification
 * (verify.ts) never relies on this.
 */
function readBundleFacts(bytes) {
    const material = JSON.parse(new TextDecoder().decode(bytes)).verificationMaterial ?? {};
    const certificate = material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates?.[0]?.rawBytes;
    const signer = certificate
        ? { kind: 'certificate', identity: certificateIdentity(certificate) }
        : { kind: 'key', hint: material.publicKey?.hint ?? '' };
    return {
        signer,
        transparencyLogEntries: material.tlogEntries?.length ?? 0,
        signedTimestamps: material.timestampVerificationData?.rfc3161Timestamps?.length ?? 0,
    };
}
/** The subject alternative name Fulcio certified (a workflow URI, or an email), without its `URI:` prefix. */
function certificateIdentity(rawBytes) {
    const names = new external_node_crypto_.X509Certificate(Buffer.from(rawBytes, 'base64')).subjectAltName ?? '';
    const first = names.split(', ')[0] ?? '';
    return first.replace(/^(URI|email):/, '');
}
//# sourceMappingURL=bundle-facts.js.map
// EXTERNAL MODULE: ./packages/core/dist/sign/constants.js
var constants = __webpack_require__(8119);
// EXTERNAL MODULE: ./packages/core/dist/sign/signers.js
var signers = __webpack_require__(82157);
// EXTERNAL MODULE: ./packages/core/dist/sign/statement.js
var sign_statement = __webpack_require__(82699);
;// CONCATENATED MODULE: ./packages/core/dist/sign/sign.js



/**
 * Signs a manifest digest the way `cosign sign --new-bundle-format` does (the
 * default from cosign 3): an in-toto v1 statement whose subject is the digest and
 * whose predicate type is https://sigstore.dev/cosign/sign/v1 with an empty
 * predicate, in a DSSE envelope, in a Sigstore bundle v0.3. Returns the bundle's
 * JSON bytes, ready to be a referrer's layer (`SIGSTORE_BUNDLE_MEDIA_TYPE`).
 */
async function signImageDigest(subject, signer, options = {}) {
    const statementOptions = options.annotations ? { annotations: options.annotations } : {};
    const statement = (0,sign_statement/* buildStatement */.Y5)(subject, constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4, {}, statementOptions);
    return bundle((0,sign_statement/* encodeStatement */._i)(statement), signer);
}
/**
 * Attests a predicate about a manifest: an in-toto v1 statement
 * (`{_type, subject: [{name, digest}], predicateType, predicate}`) in a DSSE
 * envelope (`application/vnd.in-toto+json`), bundled. What `cosign attest
 * --new-bundle-format` and actions/attest produce.
 */
async function attestStatement(subject, predicateType, predicate, signer, options = {}) {
    const statement = (0,sign_statement/* buildStatement */.Y5)(subject, predicateType, predicate, options.subjectName === undefined ? {} : { subjectName: options.subjectName });
    return bundle((0,sign_statement/* encodeStatement */._i)(statement), signer);
}
async function bundle(payload, signer) {
    const builder = await (0,signers/* dsseBundleBuilder */.Vp)(signer);
    let built;
    try {
        built = await builder.create({ data: payload, type: constants/* IN_TOTO_PAYLOAD_TYPE */.T4 });
    }
    catch (error) {
        throw (0,signers/* signingError */.MO)(error, signer);
    }
    // Loaded here, not at the top: only signing needs it (start-up of every other verb).
    const { bundleToJSON } = await __webpack_require__.e(/* import() */ 659).then(__webpack_require__.t.bind(__webpack_require__, 61040, 19));
    return new TextEncoder().encode(JSON.stringify(bundleToJSON(built)));
}
//# sourceMappingURL=sign.js.map
// EXTERNAL MODULE: ./packages/core/dist/sign/verify.js
var verify = __webpack_require__(47309);
;// CONCATENATED MODULE: ./packages/core/dist/sign/sign-reference.js
// Signing what a target holds: the bundle the primitives make (sign.ts) becomes a
// referrer of the signed manifest, in cosign's new-bundle-format shape.












/**
 * `ocikit sign`: signs the manifest `subjectRef` names (tag or digest) as
 * `cosign sign` does (an in-toto statement about its digest, in a DSSE envelope,
 * in a Sigstore bundle) and attaches the bundle as its referrer.
 */
async function signReference(target, subjectRef, options) {
    return signManifest(target, await readSubject(target, subjectRef), options);
}
/**
 * The manifest to sign, read and checked against its digest (one GET, as cosign
 * does, where a HEAD would do): a layout's manifest whose bytes were changed is
 * refused before anything is signed.
 */
async function readSubject(target, subjectRef) {
    return (await target.fetchManifest(subjectRef)).descriptor;
}
/** Signs a manifest the target holds, by descriptor (what `attach --sign` signs: the referrer it just pushed). */
async function signManifest(target, manifest, options) {
    const subject = (0,referrer_descriptor/* subjectDescriptor */.Ay)(manifest);
    const bytes = await signImageDigest(subject, options.signer, options.annotations ? { annotations: options.annotations } : {});
    return attachBundle(target, subject, bytes, constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4, options);
}
/**
 * `ocikit attest`: an in-toto statement with the predicate about the manifest
 * `subjectRef` names, signed and attached the same way (SLSA provenance, SBOM and
 * vulnerability attestations; what `cosign attest` and actions/attest push).
 */
async function attestReference(target, subjectRef, options) {
    checkPredicateSize(options.predicate, options.predicateType);
    const subject = (0,referrer_descriptor/* subjectDescriptor */.Ay)(await readSubject(target, subjectRef));
    const bytes = await attestStatement(subject, options.predicateType, options.predicate, options.signer, options.subjectName === undefined ? {} : { subjectName: options.subjectName });
    return attachBundle(target, subject, bytes, options.predicateType, options);
}
/**
 * Verifiers refuse bundles over MAX_BUNDLE_BYTES, and the envelope carries the
 * statement in base64 (4/3 of its size). Checked before signing, so no
 * transparency-log entry is made for a bundle that could never be used.
 */
function checkPredicateSize(predicate, predicateType) {
    let size;
    try {
        size = Buffer.byteLength(JSON.stringify(predicate) ?? '');
    }
    catch {
        return; // not JSON-encodable: the statement builder says so
    }
    const room = Math.floor(((verify/* MAX_BUNDLE_BYTES */.Me - 64 * 1024) * 3) / 4);
    if (size > room) {
        throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `the ${predicateType} predicate is ${size} bytes; a signed bundle holds at most about ${room}`, {
            hint: 'verifiers refuse Sigstore bundles over 4 MiB; attach a large report as a referrer of its own and attest its digest instead',
        });
    }
}
/**
 * Pushes a bundle as cosign's `WriteAttestationNewBundleFormat` does: one layer of
 * the bundle titled `sha256-<hex>.sigstore.json`, the empty config, artifactType
 * and layer media type `application/vnd.dev.sigstore.bundle.v0.3+json`, and the
 * `dev.sigstore.bundle.*` annotations. pushArtifact takes files, so the bundle
 * (a few kilobytes) goes through a private temp file named as the title.
 */
async function attachBundle(target, subject, bytes, predicateType, options) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'ocikit-bundle-'));
    try {
        const path = (0,external_node_path_.join)(dir, (0,constants/* bundleLayerTitle */.cL)((0,digest/* digestOf */.ol)(bytes)));
        await (0,promises_.writeFile)(path, bytes, { mode: 0o600 });
        const created = options.sourceDateEpoch === undefined ? new Date() : new Date(options.sourceDateEpoch * 1000);
        const result = await (0,push_artifact/* pushArtifact */.X)(target, {
            files: [{ path, mediaType: constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib }],
            tags: [],
            artifactType: constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib,
            annotations: (0,constants/* bundleReferrerAnnotations */.Qp)(predicateType, created),
            subject,
            ...(options.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: options.sourceDateEpoch }),
            ...(options.progress ? { progress: options.progress } : {}),
        });
        const referrers = target instanceof remote_repository/* RemoteRepository */.N ? target.referrersOutcome(result.descriptor.digest) : undefined;
        return {
            ...result,
            subject,
            bundle: result.manifest.layers[0],
            predicateType,
            ...readBundleFacts(bytes),
            ...(referrers ? { referrers } : {}),
        };
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
//# sourceMappingURL=sign-reference.js.map

/***/ }),

/***/ 68706:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ signResultJson)
/* harmony export */ });
/* harmony import */ var _results_referrer_result_json_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(30451);

/** `subject` is the reference that named what was signed (its tag is kept in the report). */
function signResultJson(subject, result) {
    return {
        ...(0,_results_referrer_result_json_js__WEBPACK_IMPORTED_MODULE_0__/* .referrerResultJson */ .p)(subject, result),
        predicateType: result.predicateType,
        signer: result.signer,
        transparencyLogEntries: result.transparencyLogEntries,
        signedTimestamps: result.signedTimestamps,
    };
}
//# sourceMappingURL=sign-result-json.js.map

/***/ }),

/***/ 94438:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ar: () => (/* binding */ signingKeySecrets),
/* harmony export */   Y: () => (/* binding */ oidcTokenSecrets),
/* harmony export */   hQ: () => (/* binding */ explainUnreachableRekor),
/* harmony export */   w$: () => (/* binding */ loadGivenSigningKey)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);
/* harmony import */ var _signing_key_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(13487);
// The security rules every front end that builds a signer follows the same way:
// what to mask before anything is printed, how a key the user gave is read,
// and what to say when the public transparency log cannot be reached. The
// front ends keep their own wording for their flags or inputs.


/** Where a keyless signer finds the CI's OIDC credentials: secrets, masked before anything runs. */
const OIDC_TOKEN_VARIABLES = ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'SIGSTORE_ID_TOKEN'];
/**
 * What of a PEM private key to mask in anything printed: its whole text and
 * each of its base64 lines, so that a path that ever echoed one line of it
 * would show *** there too.
 */
function signingKeySecrets(pem) {
    const lines = pem.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length >= 16 && !line.startsWith('-----'));
    return [pem.trim(), ...lines].filter((value) => value !== '');
}
/** The OIDC credentials present in `env`, to mask. */
function oidcTokenSecrets(env) {
    return OIDC_TOKEN_VARIABLES.map((name) => env[name]).filter((value) => Boolean(value));
}
/**
 * `loadSigningKey` for a key the user gave: a key of another kind (RSA,
 * another curve, cosign-encrypted) is bad input, as an unreadable one is.
 */
async function loadGivenSigningKey(source) {
    try {
        return await (0,_signing_key_js__WEBPACK_IMPORTED_MODULE_0__/* .loadSigningKey */ .fm)(source);
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isOcikitError */ .CI)(error, 'UNSUPPORTED'))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', error.message, error.hint ? { hint: error.hint } : {});
        throw error;
    }
}
/**
 * A key signature is recorded in the public Rekor by default, which offline CI
 * cannot reach: when that is what failed, the error gets `howToSignWithout`
 * (in the front end's words: a flag or an input) added to its hint.
 */
function explainUnreachableRekor(error, signer, howToSignWithout) {
    if (signer.kind !== 'key' || signer.rekorURL === false || !(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isOcikitError */ .CI)(error) || !/\bRekor at \S+ did not record the signature/.test(error.message))
        return error;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu(error.code, error.message, {
        ...(error.detail ? { detail: error.detail } : {}),
        ...(error.status ? { status: error.status } : {}),
        hint: `${error.hint ? `${error.hint}; ` : ''}${howToSignWithout}`,
        cause: error,
    });
}
//# sourceMappingURL=signer-secrets.js.map

/***/ }),

/***/ 82157:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MO: () => (/* binding */ signingError),
/* harmony export */   Vp: () => (/* binding */ dsseBundleBuilder),
/* harmony export */   Ye: () => (/* binding */ keySigner),
/* harmony export */   k9: () => (/* binding */ keylessSignerFromEnvironment)
/* harmony export */ });
/* unused harmony export redact */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8119);
/* harmony import */ var _signer_secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94438);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28432);




function keySigner(key, options = {}) {
    const signer = { kind: 'key', key, rekorURL: options.rekorURL ?? _constants_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_REKOR_URL */ .AD, ...pick(options) };
    if (options.tsaURL)
        signer.tsaURL = options.tsaURL;
    return signer;
}
/**
 * A keyless signer for the CI job this runs in. The OIDC token comes from, in this
 * order of presence: GitHub Actions (`ACTIONS_ID_TOKEN_REQUEST_URL` and
 * `_TOKEN`, which need `permissions: id-token: write`), Buildkite, or
 * `SIGSTORE_ID_TOKEN` (GitLab CI's `id_tokens:`, or any CI), always for audience
 * `sigstore` (sigstore-js's CIContextProvider). Fulcio and Rekor default to the
 * public-good instance.
 */
function keylessSignerFromEnvironment(options = {}) {
    const env = process.env;
    let identity;
    if (options.identityToken !== undefined) {
        const token = options.identityToken;
        if (token.trim() === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', 'the identity token given for keyless signing is empty');
        identity = { getToken: async () => token };
    }
    else {
        const github = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
        const buildkite = env.BUILDKITE === 'true';
        const explicit = Boolean(env.SIGSTORE_ID_TOKEN);
        if (!github && !buildkite && !explicit) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('UNAUTHORIZED', 'keyless signing needs an OIDC identity token, and this job offers none', {
                hint: env.GITHUB_ACTIONS === 'true'
                    ? 'give the job `permissions: id-token: write` (GitHub only offers the token then)'
                    : 'GitHub Actions: `permissions: id-token: write`; GitLab CI: `id_tokens: { SIGSTORE_ID_TOKEN: { aud: sigstore } }`; elsewhere set SIGSTORE_ID_TOKEN, or sign with a key',
            });
        }
        // sigstore-js's CIContextProvider, loaded when the token is asked for (it picks its source then too).
        identity = { getToken: async () => new (await loadSigstoreSign()).CIContextProvider('sigstore').getToken() };
    }
    const rekorURL = options.rekorURL ?? _constants_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_REKOR_URL */ .AD;
    if (rekorURL === false && !options.tsaURL) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', 'a keyless signature needs a transparency log (Rekor) or a timestamp authority', {
            hint: 'its certificate is valid for 10 minutes; only a log entry or a signed timestamp proves it was made in that time',
        });
    }
    return { kind: 'keyless', fulcioURL: options.fulcioURL ?? _constants_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_FULCIO_URL */ .jl, rekorURL, tsaURL: options.tsaURL, identity, ...pick(options) };
}
function pick(options) {
    const out = {};
    if (options.retries !== undefined)
        out.retries = options.retries;
    if (options.timeoutMs !== undefined)
        out.timeoutMs = options.timeoutMs;
    return out;
}
function fetchOptions(signer) {
    return { retry: signer.retries ?? 2, timeout: signer.timeoutMs ?? 30_000 };
}
/**
 * @sigstore/sign, loaded on first use: it is the heaviest dependency (about a third
 * of what loading all of core costs), and only signing needs it. Once loaded it is
 * kept, so `signingError` can tell its errors (none can exist before it is loaded).
 */
let sigstoreSign;
async function loadSigstoreSign() {
    sigstoreSign ??= await Promise.all(/* import() */[__webpack_require__.e(463), __webpack_require__.e(40), __webpack_require__.e(179)]).then(__webpack_require__.t.bind(__webpack_require__, 15179, 19));
    return sigstoreSign;
}
/** @internal The sigstore-js builder that turns a payload into a DSSE bundle for this signer. */
async function dsseBundleBuilder(signer) {
    const { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } = await loadSigstoreSign();
    const fetch = fetchOptions(signer);
    const witnesses = [];
    if (signer.rekorURL !== false) {
        witnesses.push(new RekorWitness({ rekorBaseURL: trimSlash(signer.rekorURL), entryType: 'dsse', fetchOnConflict: true, ...fetch }));
    }
    if (signer.tsaURL)
        witnesses.push(new TSAWitness({ tsaBaseURL: trimSlash(signer.tsaURL), ...fetch }));
    let bundleSigner;
    if (signer.kind === 'key') {
        const { key } = signer;
        bundleSigner = {
            sign: async (data) => ({
                signature: key.sign(data),
                key: { $case: 'publicKey', publicKey: key.publicKeyPem, hint: key.hint },
            }),
        };
    }
    else {
        bundleSigner = new FulcioSigner({ fulcioBaseURL: trimSlash(signer.fulcioURL), identityProvider: signer.identity, ...fetch });
    }
    /**
     * sigstore-js puts a key's hint into the DSSE signature's `keyid` too. Go verifiers
     * (sigstore-go, so `cosign verify`) skip a DSSE signature whose keyid differs from
     * their own key id for the key (an SSH-style SHA256 fingerprint), so such an
     * envelope fails there. cosign leaves the keyid empty; so does this builder,
     * before the envelope is logged. The keyid is not signed (DSSE signs only the
     * payload type and payload); the hint stays in `verificationMaterial.publicKey`.
     * (Declared here: its base class is in the lazily loaded @sigstore/sign.)
     */
    class CosignDSSEBundleBuilder extends DSSEBundleBuilder {
        async package(artifact, signature) {
            const bundle = await super.package(artifact, signature);
            for (const sig of bundle.content.dsseEnvelope.signatures)
                sig.keyid = '';
            return bundle;
        }
    }
    return new CosignDSSEBundleBuilder({ signer: bundleSigner, witnesses });
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}
/**
 * Turns what sigstore-js throws into an OcikitError naming the service and its
 * answer. OIDC tokens never pass: sigstore-js puts a malformed token into its
 * message, so token errors are described without it, and every service answer is
 * scrubbed of anything shaped like a JWT.
 */
function signingError(error, signer) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu)
        return error;
    const InternalError = sigstoreSign?.InternalError;
    if (!InternalError || !(error instanceof InternalError)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('REGISTRY_ERROR', `signing failed: ${redact(String(error?.message ?? error))}`);
    }
    const status = httpStatus(error.cause);
    const answer = serviceAnswer(error.cause);
    const codeFor = (fallback) => status === 401 || status === 403 ? 'UNAUTHORIZED' : status === undefined ? 'NETWORK' : fallback;
    switch (error.code) {
        case 'IDENTITY_TOKEN_READ_ERROR':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('UNAUTHORIZED', 'keyless signing could not get an OIDC identity token from the CI', {
                hint: 'GitHub Actions: give the job `permissions: id-token: write`; GitLab CI: declare `id_tokens: { SIGSTORE_ID_TOKEN: { aud: sigstore } }`',
            });
        case 'IDENTITY_TOKEN_PARSE_ERROR':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('UNAUTHORIZED', 'the OIDC identity token is not a JWT with a subject (`sub`, or `email` with `email_verified: true`)', {
                hint: 'check what provides the token: it must be an OIDC ID token for audience "sigstore"',
            });
        case 'CA_CREATE_SIGNING_CERTIFICATE_ERROR':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu(codeFor('REGISTRY_ERROR'), `Fulcio at ${signer.kind === 'keyless' ? signer.fulcioURL : '?'} did not issue a signing certificate`, {
                detail: answer,
                status,
                hint: status === undefined
                    ? 'Fulcio could not be reached; check the URL and the network, then retry'
                    : 'Fulcio refuses tokens of issuers it does not know and expired tokens; check the token\'s issuer and audience ("sigstore")',
            });
        case 'TLOG_CREATE_ENTRY_ERROR':
        case 'TLOG_FETCH_ENTRY_ERROR':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu(codeFor('REGISTRY_ERROR'), `Rekor at ${signer.rekorURL || '?'} did not record the signature`, {
                detail: answer,
                status,
                hint: status === undefined ? 'Rekor could not be reached; check the URL and the network, then retry' : 'retry; if it persists, check the Rekor URL',
            });
        case 'TSA_CREATE_TIMESTAMP_ERROR':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu(codeFor('REGISTRY_ERROR'), `the timestamp authority at ${signer.tsaURL ?? '?'} did not timestamp the signature`, {
                detail: answer,
                status,
                hint: status === undefined ? 'it could not be reached; check the URL and the network, then retry' : 'retry; if it persists, check the TSA URL',
            });
        default:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu(codeFor('REGISTRY_ERROR'), `signing failed (${error.code})`, { detail: answer, status });
    }
}
function httpStatus(cause) {
    const status = cause?.statusCode;
    return typeof status === 'number' ? status : undefined;
}
function serviceAnswer(cause) {
    if (cause === undefined || cause === null)
        return undefined;
    const c = cause;
    const text = typeof c.message === 'string' ? c.message : typeof c.code === 'string' ? c.code : undefined;
    return text ? redact(text).slice(0, 500) : undefined;
}
/** Anything shaped like a JWT (three base64url parts, the first a JSON header). */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*)?/g;
function redact(text) {
    return (0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .redactSecrets */ .f)(text.replace(JWT_SHAPE, '[redacted token]'), (0,_signer_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .oidcTokenSecrets */ .Y)(process.env), '[redacted token]');
}
//# sourceMappingURL=signers.js.map

/***/ }),

/***/ 39981:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Tx: () => (/* binding */ TLOG_HINT),
  BA: () => (/* binding */ maskSigningKeyInput),
  KF: () => (/* binding */ signerFromInputs),
  kg: () => (/* binding */ signingInputsGiven)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/sign/signer-secrets.js
var signer_secrets = __webpack_require__(94438);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/sign/constants.js
var constants = __webpack_require__(8119);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference = __webpack_require__(37473);
;// CONCATENATED MODULE: ./packages/core/dist/sign/service-url.js


/**
 * A Fulcio, Rekor or timestamp authority URL as given by a user. Fulcio receives
 * the job's OIDC token, so plain HTTP is accepted only on loopback (a local
 * Sigstore, or a test's mock), as for registries.
 */
function sigstoreServiceURL(value, what) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `the ${what} URL "${value.slice(0, 200)}" is not a URL`, { hint: 'write it as https://host[:port]' });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (0,reference/* isLoopbackRegistry */.jW)(url.host))) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `the ${what} URL ${url.origin} is not HTTPS`, {
            hint: 'Sigstore services are spoken to over HTTPS; plain HTTP only on loopback',
        });
    }
    if (url.username || url.password)
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `the ${what} URL must not carry credentials`);
    return value.replace(/\/+$/, '');
}
//# sourceMappingURL=service-url.js.map
// EXTERNAL MODULE: ./packages/core/dist/sign/signers.js
var signers = __webpack_require__(82157);
// EXTERNAL MODULE: ./packages/core/dist/sign/key-reference.js
var key_reference = __webpack_require__(32689);
;// CONCATENATED MODULE: ./packages/core/dist/sign/signer-choice.js
/**
 * The signer a user chose, in whatever front end: a key (PEM text, a path or
 * env://NAME) or keyless (the CI's OIDC identity, certified by Fulcio), with or
 * without the transparency log and a timestamp authority. One rule for what goes
 * together; each front end names its own flags or inputs in the errors.
 */






/**
 * The signer, ready before anything is pushed: the key read and checked, or the
 * CI's OIDC token found. Key text and tokens go to `secret` first, so that nothing
 * printed later can show them.
 */
async function signerFromChoice(choice, wording, env, secret) {
    if (choice.key !== undefined && choice.keyless) {
        throw usage(`${wording.key} and ${wording.keyless} cannot both be given`, "sign with a key of your own, or keyless with the CI's identity");
    }
    if (choice.key === undefined && !choice.keyless)
        throw usage(wording.neither.message, wording.neither.hint);
    if (!choice.tlog && choice.rekorUrl)
        throw usage(`${wording.noTlog} and ${wording.rekorUrl} cannot both be given`);
    const rekorURL = choice.tlog ? sigstoreServiceURL(choice.rekorUrl || constants/* DEFAULT_REKOR_URL */.AD, 'Rekor') : false;
    const tsaURL = choice.tsaUrl ? sigstoreServiceURL(choice.tsaUrl, 'timestamp authority') : undefined;
    if (choice.key !== undefined) {
        if (choice.fulcioUrl)
            throw usage(`${wording.fulcioUrl} is for ${wording.keyless} signing; a key signature has no certificate`);
        const source = (0,key_reference/* signingKeySource */.A)(choice.key, env, wording.keySource);
        if (source.pem !== undefined)
            (0,signer_secrets/* signingKeySecrets */.Ar)(source.pem).forEach(secret);
        return (0,signers/* keySigner */.Ye)(await (0,signer_secrets/* loadGivenSigningKey */.w$)(source), { rekorURL, ...(tsaURL ? { tsaURL } : {}) });
    }
    (0,signer_secrets/* oidcTokenSecrets */.Y)(env).forEach(secret);
    return (0,signers/* keylessSignerFromEnvironment */.k9)({
        fulcioURL: sigstoreServiceURL(choice.fulcioUrl || constants/* DEFAULT_FULCIO_URL */.jl, 'Fulcio'),
        rekorURL,
        ...(tsaURL ? { tsaURL } : {}),
    });
}
function usage(message, hint) {
    return new errors/* OcikitError */.Gu('INVALID_INPUT', message, hint ? { hint } : {});
}
//# sourceMappingURL=signer-choice.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
;// CONCATENATED MODULE: ./packages/github/dist/signer-inputs.js
/**
 * The signer a signing action (sign, attest) builds from its inputs: a key (`key`:
 * PEM text from a secret, a path or env://NAME, as the CLI's --key) or keyless
 * (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio), with the
 * transparency log and timestamp inputs. Every secret is masked before it can be printed.
 */



/**
 * The signing inputs set to something that would change a signature (keyless: false
 * and tlog: true are what signing does anyway): an action that signs only on request
 * refuses them without it, as the CLI refuses its signing flags without --sign.
 */
function signingInputsGiven(env) {
    const neutral = { keyless: 'false', tlog: 'true' };
    return ['key', 'keyless', 'tlog', 'rekor-url', 'fulcio-url', 'tsa-url'].filter((name) => {
        const value = (0,inputs/* getString */.AA)(name, env);
        return value !== '' && value !== neutral[name];
    });
}
/** What to do when Rekor cannot be reached, in the inputs' words. */
const TLOG_HINT = 'where Rekor cannot be reached, set `tlog: false`, or give your own log with `rekor-url`';
/** The key input's text, masked first thing: before any input is parsed or any line printed. */
function maskSigningKeyInput(env, secrets) {
    mask((0,signer_secrets/* signingKeySecrets */.Ar)(env[(0,inputs/* inputVariable */.LO)('key')] ?? ''), secrets);
}
function mask(values, secrets) {
    for (const value of values)
        if (secrets.add(value))
            core/* setSecret */.Pq(value);
}
async function signerFromInputs(verb, env, secrets) {
    const key = (0,inputs/* getString */.AA)('key', env);
    const rekorUrl = (0,inputs/* getString */.AA)('rekor-url', env);
    const fulcioUrl = (0,inputs/* getString */.AA)('fulcio-url', env);
    const tsaUrl = (0,inputs/* getString */.AA)('tsa-url', env);
    return signerFromChoice({ ...(key !== '' ? { key } : {}), keyless: (0,inputs/* getBoolean */.pW)('keyless', false, env), tlog: (0,inputs/* getBoolean */.pW)('tlog', true, env), rekorUrl, fulcioUrl, tsaUrl }, {
        key: 'the inputs key',
        keyless: 'keyless',
        noTlog: 'the inputs tlog: false',
        rekorUrl: 'rekor-url',
        fulcioUrl: 'the input fulcio-url',
        keySource: 'the input key',
        neither: {
            message: `${verb === 'attach' ? 'attach with sign: true' : verb} needs the input key (a PEM private key, from a secret) or keyless: true`,
            hint: 'keyless needs the job to have `permissions: id-token: write`',
        },
    }, env, (secret) => mask([secret], secrets));
}
//# sourceMappingURL=signer-inputs.js.map

/***/ })

};
