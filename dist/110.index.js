export const id = 110;
export const ids = [110];
export const modules = {

/***/ 48110:
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
// EXTERNAL MODULE: ./packages/core/dist/sign/transparency-log-rule.js
var transparency_log_rule = __webpack_require__(72004);
// EXTERNAL MODULE: ./packages/core/dist/sign/verify.js
var sign_verify = __webpack_require__(47309);
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
    /** The Rekor entry (its signed entry timestamp) of a logged signature; ocikit does not read it. */
    RekorBundle: 'dev.sigstore.cosign/bundle',
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
        if ((0,errors/* isOcikitError */.CI)(error) && error.code === 'NOT_FOUND')
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
 * `--key` and `--insecure-ignore-tlog` (which the policy must say: ocikit reads no
 * Rekor entry of this format): the signature by the key, then that the payload is
 * about this very digest. Throws SignatureVerificationError naming the check;
 * OcikitError when the layer cannot be read.
 */
async function verifyLegacyCosignLayer(target, entry, subject, policy, names = sign_verify/* POLICY_FIELD_NAMES */.fg) {
    checkLegacyPolicy(entry, policy, names);
    const { layer } = entry;
    const expected = entry.kind === 'sig' ? LegacyCosign.SignatureLayer : LegacyCosign.AttestationLayer;
    if (layer.mediaType !== expected) {
        throw new sign_verify/* SignatureVerificationError */._Q('bundle', `the ${entry.tag} layer ${layer.digest} is ${(0,sign_verify/* shown */.SP)(layer.mediaType)}, not ${expected}`);
    }
    if (layer.size > sign_verify/* MAX_BUNDLE_BYTES */.Me) {
        throw new sign_verify/* SignatureVerificationError */._Q('bundle', `the ${entry.tag} layer ${layer.digest} is ${layer.size} bytes, over the ${sign_verify/* MAX_BUNDLE_BYTES */.Me}-byte limit for a signature`);
    }
    // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
    const content = await (0,read_bounded/* readBounded */.C)(await target.fetchBlob(layer), sign_verify/* MAX_BUNDLE_BYTES */.Me, `the ${entry.tag} layer of ${target.name}`);
    return entry.kind === 'sig' ? verifySimpleSigning(entry, content, subject, policy, names) : verifyEnvelope(content, subject, policy, names);
}
function checkLegacyPolicy(entry, policy, names) {
    const hint = 'verify it with cosign, or sign again in the bundle format (cosign 3\'s default, `ocikit sign`)';
    if (policy.publicKey === undefined) {
        throw new sign_verify/* SignatureVerificationError */._Q('key', `cosign's legacy ${entry.tag} signatures are verified by ocikit with a public key only, not by identity`, { hint });
    }
    if (entry.layer.annotations?.[LegacyCosign.Certificate]) {
        throw new sign_verify/* SignatureVerificationError */._Q('key', 'the signature was made keyless (it carries a certificate), not with a key', { hint });
    }
    const logged = Boolean(entry.layer.annotations?.[LegacyCosign.RekorBundle]);
    const refusal = (0,transparency_log_rule/* legacyTransparencyLogRefusal */.uZ)(entry.tag, logged, policy.insecureIgnoreTlog === true, names);
    if (refusal !== undefined)
        throw new sign_verify/* SignatureVerificationError */._Q('transparency-log', refusal);
}
async function verifySimpleSigning(entry, payload, subject, policy, names) {
    const encoded = entry.layer.annotations?.[LegacyCosign.Signature] ?? '';
    const signature = Buffer.from(encoded, 'base64');
    if (signature.length === 0 || signature.toString('base64') !== encoded) {
        throw new sign_verify/* SignatureVerificationError */._Q('bundle', `the ${entry.tag} layer ${entry.layer.digest} has no base64 signature in its ${LegacyCosign.Signature} annotation`);
    }
    const verified = await (0,sign_verify/* verifyMessageSignature */.$)(payload, signature, policy, names);
    const about = readSimpleSigning(payload);
    if (typeof about === 'string')
        throw new sign_verify/* SignatureVerificationError */._Q('statement', `the signature is valid but ${about}`);
    if (about.digest !== subject.digest) {
        throw new sign_verify/* SignatureVerificationError */._Q('subject', `the payload is about ${(0,sign_verify/* shown */.SP)(about.digest)}, not ${subject.digest}`, {
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
    return { subject: subject.digest, predicateType: constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4, statement, ...verified };
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
        return `its payload is not a cosign image signature (critical.type ${(0,sign_verify/* shown */.SP)(JSON.stringify(critical?.type ?? null))})`;
    const digest = critical.image?.['docker-manifest-digest'];
    if (typeof digest !== 'string')
        return 'its payload names no image digest (critical.image["docker-manifest-digest"])';
    const claims = typeof optional === 'object' && optional !== null && !Array.isArray(optional) && Object.keys(optional).length > 0 ? optional : undefined;
    return claims ? { digest, claims } : { digest };
}
/** An `.att` layer is the DSSE envelope a bundle would carry: verified as one, by the same checks. */
async function verifyEnvelope(content, subject, policy, names) {
    let envelope;
    try {
        envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
    }
    catch {
        throw new sign_verify/* SignatureVerificationError */._Q('bundle', 'the attestation layer is not UTF-8 JSON (a DSSE envelope)');
    }
    const bundle = { mediaType: constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib, verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] }, dsseEnvelope: envelope };
    return (0,sign_verify/* verifyAttestation */.oe)(new TextEncoder().encode(JSON.stringify(bundle)), subject, policy, names);
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
    (0,sign_verify/* checkVerificationPolicy */.c6)(options.policy, options.policyNames);
    const names = options.policyNames;
    if (options.predicateType !== undefined && options.predicateType.trim() === '') {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'the attestation type to verify is empty', { hint: 'give a predicate type URI such as https://slsa.dev/provenance/v1' });
    }
    if (!target.referrers)
        throw new errors/* OcikitError */.Gu('UNSUPPORTED', `${target.name} cannot list referrers`);
    const subject = (0,referrer_descriptor/* subjectDescriptor */.Ay)(await target.resolve(subjectRef));
    const predicateType = options.predicateType ?? constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4;
    const listing = await target.referrers(subject, { artifactType: constants/* SIGSTORE_BUNDLE_MEDIA_TYPE */.Ib });
    const concurrency = Math.max(1, options.concurrency ?? 4);
    const referrers = await (0,map_concurrent/* mapConcurrent */._)((0,referrer_descriptor/* sortNewestFirst */.BP)(listing.manifests), concurrency, (descriptor) => verifyReferrer(target, subject, descriptor, predicateType, options.policy, names));
    // Signatures cosign made before its bundle format live under a tag, not as referrers.
    const legacyLayers = await legacyCosignLayers(target, subject, predicateType === constants/* COSIGN_SIGN_PREDICATE_TYPE */.Z4 ? 'sig' : 'att');
    const legacy = await (0,map_concurrent/* mapConcurrent */._)(legacyLayers, concurrency, (entry) => verifyLegacy(target, subject, entry, predicateType, options.policy, names));
    const all = [...referrers, ...legacy];
    return { subject, predicateType, via: listing.via, verified: all.some((r) => r.outcome === 'verified'), referrers: all };
}
async function verifyLegacy(target, subject, entry, predicateType, policy, names) {
    const legacy = { tag: entry.tag, layer: entry.layer };
    const descriptor = entry.manifest;
    const labelled = labelledPredicateType(entry);
    if (labelled !== undefined && labelled !== predicateType)
        return { descriptor, legacy, outcome: 'skipped', reason: otherKind(labelled, predicateType) };
    return { ...(await outcomeOf(descriptor, predicateType, async () => ({ result: await verifyLegacyCosignLayer(target, entry, subject, policy, names) }))), legacy };
}
async function verifyReferrer(target, subject, descriptor, predicateType, policy, names) {
    // The annotation is unsigned: it may only spare a fetch, never count as a check.
    const labelled = descriptor.annotations?.[constants/* SigstoreAnnotation */.M4.BundlePredicateType];
    if (labelled !== undefined && labelled !== predicateType)
        return { descriptor, outcome: 'skipped', reason: otherKind(labelled, predicateType) };
    return outcomeOf(descriptor, predicateType, async () => {
        const bundle = await readBundle(target, descriptor);
        if (typeof bundle === 'string')
            throw new sign_verify/* SignatureVerificationError */._Q('bundle', bundle);
        return (0,sign_verify/* verifyBundleContent */.zp)(bundle, subject, policy, undefined, names);
    });
}
/**
 * A verification's outcome: refused by a named check (or unreadable), another kind
 * of statement, or verified. Another kind is told before the transparency-log
 * rule is applied: what is not asked for is not counted, vouched for or not.
 */
async function outcomeOf(descriptor, predicateType, verify) {
    let verification;
    try {
        verification = await verify();
    }
    catch (error) {
        if ((0,errors/* isOcikitError */.CI)(error) && UNREADABLE.has(error.code)) {
            return { descriptor, outcome: 'refused', message: `it cannot be read: ${error.message}`, ...(error.detail ? { detail: error.detail } : {}) };
        }
        if (!(error instanceof sign_verify/* SignatureVerificationError */._Q))
            throw error;
        return { descriptor, outcome: 'refused', check: error.check, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
    }
    const { result, unvouched } = verification;
    // Signed and about this subject, but another kind of statement: not what was asked for.
    if (result.predicateType !== predicateType)
        return { descriptor, outcome: 'skipped', reason: otherKind(result.predicateType, predicateType) };
    if (unvouched)
        return { descriptor, outcome: 'refused', check: unvouched.check, message: unvouched.message };
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
    if (layer.size > sign_verify/* MAX_BUNDLE_BYTES */.Me)
        return `its bundle layer is ${layer.size} bytes, over the ${sign_verify/* MAX_BUNDLE_BYTES */.Me}-byte limit for a bundle`;
    // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
    return (0,read_bounded/* readBounded */.C)(await target.fetchBlob(layer), sign_verify/* MAX_BUNDLE_BYTES */.Me, `the bundle of ${target.name}@${descriptor.digest}`);
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
                transparencyLogIgnored: r.result.transparencyLogIgnored,
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
        return new errors/* OcikitError */.Gu('UNVERIFIED', `${json.subject.reference} has no ${what} to verify`, {
            hint: json.referrers.length > 0 ? `its Sigstore bundles are of other kinds (${json.referrers.map((r) => r.message).join('; ')})` : wording.signHint,
        });
    }
    const each = refused.map((r) => `${r.digest} refused${r.check ? ` (${r.check})` : ''}${wording.reasons ? `: ${r.message ?? ''}` : ''}`);
    return new errors/* OcikitError */.Gu('UNVERIFIED', `no ${what} of ${json.subject.reference} verified: ${each.join(wording.reasons ? '; ' : ', ')}`);
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
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} does not exist or cannot be read`);
    });
    if (!info.isFile() || info.size > MAX_TRUSTED_ROOT_BYTES)
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} is not a trusted_root.json file`);
    return (0,promises_.readFile)(path, 'utf8');
}
//# sourceMappingURL=trusted-root-file.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var dist_summary = __webpack_require__(52902);
// EXTERNAL MODULE: ./packages/github/dist/summaries/sign.js
var sign = __webpack_require__(9796);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/verify.js
/** verify's job summary: one row per Sigstore bundle referrer (verified, refused and by which check, or skipped). */




/** `optIn` names what let a signature nothing vouches for through (the input insecure-ignore-tlog). */
async function writeVerifySummary(json, optIn) {
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
                    ? `signed by ${r.signer ? (0,sign/* signerCell */.jw)(r.signer) : '?'}; ${r.transparencyLogIgnored ? `no transparency log entry verified (accepted with ${(0,dist_summary/* code */.aY)(optIn)})` : (0,sign/* evidence */.MX)(r.transparencyLogEntries ?? 0, r.signedTimestamps ?? 0)}`
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
    await (0,run_action/* runAction */.Cs)('verify', async (secrets, signal) => {
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
            await writeVerifySummary(json, 'insecure-ignore-tlog');
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
    const insecureIgnoreTlog = (0,inputs/* getBoolean */.pW)('insecure-ignore-tlog', false, env);
    return {
        // What the CLI's --key takes (a path, env://NAME), or the PEM itself.
        ...(publicKey !== '' ? { publicKey: await (0,key_reference/* readPublicKeyPem */.J)(publicKey, env) } : {}),
        ...(identity !== '' ? { certificateIdentity: identity } : {}),
        ...(issuer !== '' ? { certificateOidcIssuer: issuer } : {}),
        ...(trustedRootPath !== '' ? { trustedRoot: await readTrustedRootFile(trustedRootPath) } : {}),
        ...(insecureIgnoreTlog ? { insecureIgnoreTlog } : {}),
    };
}
const POLICY_INPUTS = {
    publicKey: 'the input public-key',
    certificateIdentity: 'certificate-identity',
    certificateOidcIssuer: 'certificate-oidc-issuer',
    trustedRoot: 'the input trusted-root',
    insecureIgnoreTlog: 'insecure-ignore-tlog: true',
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
async function writeSignSummary(json, verb = 'sign') {
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading(`ocikit ${verb}`, 3)
        .addTable([
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)(verb === 'sign' ? 'Signed' : 'Attested', 'Signed by', 'Evidence', verb === 'sign' ? 'Signature' : 'Attestation', 'Listed by'),
        [(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.subject.reference), signerCell(json.signer), evidence(json.transparencyLogEntries, json.signedTimestamps), (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.reference), (0,_attach_js__WEBPACK_IMPORTED_MODULE_2__/* .listingCell */ .R)(json.referrers)],
    ])
        .addRaw(`${verb === 'sign' ? 'Signature' : 'Attestation'} manifest ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.digest)}, ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(json.size)}, predicate ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.predicateType)}`, true);
    await (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .writeSummary */ .Sy)(summary);
}
//# sourceMappingURL=sign.js.map

/***/ })

};
