export const id = 866;
export const ids = [866];
export const modules = {

/***/ 89629:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ parseAnnotationArguments),
/* harmony export */   O$: () => (/* binding */ parseAnnotationArgumentList),
/* harmony export */   f8: () => (/* binding */ unprefixedAnnotations),
/* harmony export */   yp: () => (/* binding */ checkAnnotationPlaces)
/* harmony export */ });
/* unused harmony exports ANNOTATION_LEVELS, parseAnnotationArgument */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/* harmony import */ var _platform_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77837);
/**
 * `key=value` annotation arguments (`--annotation`, the `annotations` input), with
 * Docker's level prefixes as docker/metadata-action and buildx write them:
 * `manifest:`, `index:`, `manifest-descriptor:`, `index-descriptor:`, several at
 * once (`index,manifest:`) and a platform for a per-platform level
 * (`manifest[linux/arm64]:`). A prefix says where the annotation goes; a verb
 * takes it there or refuses it, and never keeps the prefix as part of the key.
 */


const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];
const PREFIX = /^([a-z,-]+)(?:\[([^\]]*)\])?:(.*)$/s;
/** One `[levels[platforms]:]key=value` argument. */
function parseAnnotationArgument(text) {
    const eq = text.indexOf('=');
    const bad = () => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation "${text}" is not key=value`, {
            hint: `e.g. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('annotation')} org.opencontainers.image.source=https://github.com/org/repo`,
        });
    };
    if (eq <= 0)
        bad();
    const name = text.slice(0, eq);
    const value = text.slice(eq + 1);
    const prefixed = PREFIX.exec(name);
    const words = prefixed?.[1].split(',') ?? [];
    // A key may hold a colon of its own (`com.example:build`): only Docker's four words make a prefix.
    if (!prefixed || !words.every((word) => ANNOTATION_LEVELS.includes(word))) {
        if (/[[\]]/.test(name))
            bad();
        return { key: name, value };
    }
    const key = prefixed[3];
    if (key === '')
        bad();
    const platforms = prefixed[2]?.split(',').map((p) => (0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePlatform */ .Y8)(p.trim()));
    return { key, value, levels: [...new Set(words)], ...(platforms ? { platforms } : {}) };
}
function parseAnnotationArgumentList(values) {
    return values.map(parseAnnotationArgument);
}
/** The user's map as arguments with no prefix (what a CI run adds, for a verb that takes levels). */
function unprefixedAnnotations(annotations) {
    return Object.entries(annotations).map(([key, value]) => ({ key, value }));
}
const WHAT_WRITES = {
    manifest: 'push, attach, sign and release write manifests',
    index: 'index create and release write an index',
    'manifest-descriptor': 'release writes an index whose entries are its manifests',
    'index-descriptor': "no ocikit verb writes a descriptor of an index (it would live in an OCI layout's index.json or a parent index)",
};
/** Refuses an argument whose prefix names a level or platform the verb has no place for. */
function checkAnnotationPlaces(argument, places) {
    for (const level of argument.levels ?? []) {
        if (places.levels.includes(level))
            continue;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation ${level}:${argument.key} has nowhere to go: ${places.verb} writes no ${level.replace('-', ' ')}`, {
            hint: `${WHAT_WRITES[level]}; drop the ${level}: prefix to annotate what ${places.verb} writes (${places.levels.join(', ')})`,
        });
    }
    if (argument.platforms && !places.perPlatform) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation ${argument.key} names platforms (${argument.platforms.map(_platform_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .platformString */ .Fd).join(', ')}), and ${places.verb} writes one manifest for none`, {
            hint: 'drop the [platform] part; release writes a manifest per platform',
        });
    }
}
/**
 * The annotations of a verb that writes one thing: unprefixed keys and those
 * prefixed with its level; any other prefix is refused with where it could go.
 */
function parseAnnotationArguments(values, verb) {
    const annotations = {};
    for (const argument of parseAnnotationArgumentList(values)) {
        checkAnnotationPlaces(argument, { verb, levels: [verb === 'index' ? 'index' : 'manifest'] });
        annotations[argument.key] = argument.value;
    }
    return annotations;
}
//# sourceMappingURL=annotation-arguments.js.map

/***/ }),

/***/ 83866:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/artifact/artifact-inputs.js
var artifact_inputs = __webpack_require__(35469);
// EXTERNAL MODULE: ./packages/core/dist/artifact/annotation-arguments.js
var annotation_arguments = __webpack_require__(89629);
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/util/source-date-epoch.js
var source_date_epoch = __webpack_require__(45355);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/artifact/push-artifact.js + 1 modules
var push_artifact = __webpack_require__(35034);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/registry/remote-repository.js + 4 modules
var remote_repository = __webpack_require__(33114);
// EXTERNAL MODULE: ./packages/core/dist/sign/sign-reference.js + 2 modules
var sign_reference = __webpack_require__(23871);
// EXTERNAL MODULE: ./packages/core/dist/referrers/content-kinds.js + 1 modules
var content_kinds = __webpack_require__(84251);
// EXTERNAL MODULE: ./packages/core/dist/referrers/referrer-descriptor.js
var referrer_descriptor = __webpack_require__(31386);
;// CONCATENATED MODULE: ./packages/core/dist/referrers/attach.js







/**
 * `ocikit attach`: pushes files as an artifact whose `subject` is the manifest
 * `subjectRef` names (by tag or digest), in the subject's repository or
 * layout. Every file of a known kind (SBOMs, SARIF, in-toto, DSSE, Sigstore,
 * cosign and Notation signatures) is checked to be what it claims before
 * anything is sent; its kind gives the media type, and the artifact type when
 * none is given. The store then lists the artifact as a referrer: a registry
 * through its API or the `sha256-<hex>` tag schema, a layout in index.json.
 */
async function attachArtifact(target, subjectRef, options) {
    if (options.files.length === 0) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'nothing to attach', { hint: 'name one or more files: an SBOM, a signature, a scan report…' });
    }
    const files = [];
    for (const file of options.files) {
        if (file.path === '-') {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'attach reads files, not standard input', { hint: 'write it to a file first (its content is checked before it is pushed)' });
        }
        if (file.mediaType !== undefined && !(0,media_types/* isValidMediaType */.Hw)(file.mediaType)) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `"${file.mediaType}" is not a valid media type for ${file.path}`);
        }
        const kind = await (0,content_kinds/* inspectContent */.IL)(file.path, file.mediaType);
        files.push({ path: file.path, mediaType: file.mediaType ?? kind?.mediaType ?? media_types/* MediaType */.zu.DefaultFile, ...(kind ? { kind } : {}) });
    }
    const artifactType = options.artifactType ?? impliedArtifactType(files);
    const subject = (0,referrer_descriptor/* subjectDescriptor */.Ay)(await target.resolve(subjectRef));
    for (const file of files) {
        const about = file.kind?.about;
        if (about?.length && !about.includes(subject.digest)) {
            options.progress?.warning?.(`${file.path} (${file.kind.name}) is about ${about.join(', ')}, not the subject ${subject.digest}`);
        }
    }
    const kindAnnotations = Object.assign({}, ...files.map((f) => f.kind?.annotations ?? {}));
    const { sign: signer, ...pushOptions } = options;
    const result = await (0,push_artifact/* pushArtifact */.X)(target, {
        ...pushOptions,
        files: files.map((f) => ({ path: f.path, mediaType: f.mediaType })),
        tags: [],
        artifactType,
        annotations: { ...kindAnnotations, ...options.annotations },
        subject,
    });
    const referrers = target instanceof remote_repository/* RemoteRepository */.N ? target.referrersOutcome(result.descriptor.digest) : undefined;
    const signature = signer ? await signAttached(target, result.descriptor, signer, options) : undefined;
    return { ...result, subject, files, ...(referrers ? { referrers } : {}), ...(signature ? { signature } : {}) };
}
/** Signs the artifact just attached; a failure says it is attached unsigned and how to sign it. */
async function signAttached(target, attached, signer, options) {
    try {
        return await (0,sign_reference/* signManifest */.TX)(target, attached, {
            signer,
            ...(options.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: options.sourceDateEpoch }),
            ...(options.progress ? { progress: options.progress } : {}),
        });
    }
    catch (error) {
        if (!(error instanceof errors/* OcikitError */.Gu))
            throw error;
        throw new errors/* OcikitError */.Gu(error.code, `${target.name}@${attached.digest} was attached, but signing it failed: ${error.message}`, {
            ...(error.detail ? { detail: error.detail } : {}),
            ...(error.status ? { status: error.status } : {}),
            hint: `${error.hint ? `${error.hint}; then ` : ''}sign it with \`ocikit sign ${target.name}@${attached.digest}\``,
            cause: error,
        });
    }
}
/** The artifact type the files' kinds agree on; an error when they do not or there is none. */
function impliedArtifactType(files) {
    const types = new Set(files.map((f) => f.kind?.artifactType));
    const [only] = types;
    if (types.size === 1 && only !== undefined)
        return only;
    const unknown = files.filter((f) => !f.kind).map((f) => f.path);
    throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'attach needs an artifact type, and the files do not imply one', {
        hint: unknown.length
            ? `name it with ${(0,errors/* optionRef */.$j)('artifact-type')} (ocikit does not recognise ${unknown.join(', ')})`
            : `name it with ${(0,errors/* optionRef */.$j)('artifact-type')} (the files are of different kinds: ${[...types].join(', ')})`,
    });
}
//# sourceMappingURL=attach.js.map
// EXTERNAL MODULE: ./packages/core/dist/sign/signer-secrets.js
var signer_secrets = __webpack_require__(94438);
// EXTERNAL MODULE: ./packages/core/dist/results/referrer-result-json.js
var referrer_result_json = __webpack_require__(30451);
;// CONCATENATED MODULE: ./packages/core/dist/results/attach-result-json.js

/** `subject` is the reference the attach named (tag or digest). */
function attachResultJson(subject, result) {
    return {
        ...(0,referrer_result_json/* referrerResultJson */.p)(subject, result),
        files: result.files.map((f) => ({ path: f.path, mediaType: f.mediaType, ...(f.kind ? { kind: f.kind.name } : {}) })),
    };
}
//# sourceMappingURL=attach-result-json.js.map
// EXTERNAL MODULE: ./packages/core/dist/sign/sign-result-json.js
var sign_result_json = __webpack_require__(68706);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/signer-inputs.js + 2 modules
var signer_inputs = __webpack_require__(39981);
// EXTERNAL MODULE: ./packages/github/dist/run-annotations.js
var run_annotations = __webpack_require__(10912);
// EXTERNAL MODULE: ./packages/github/dist/summaries/attach.js
var attach = __webpack_require__(49720);
// EXTERNAL MODULE: ./packages/github/dist/summaries/referrers-graph.js
var referrers_graph = __webpack_require__(92672);
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/attach.js
/**
 * attach: files (an SBOM, a SARIF report, a signature) as a referrer of a subject,
 * the same core call as `ocikit attach` (attachArtifact), then the subject's
 * referrers graph in the job summary.
 */










async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('attach', async (secrets, signal) => {
        (0,signer_inputs/* maskSigningKeyInput */.BA)(env, secrets);
        const { progress, connection, reference: subject } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'subject'));
        const files = (0,inputs/* getList */.vS)('files', {}, env).map((file) => (0,artifact_inputs/* parseFileArgument */.L3)(file));
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        const annotations = (0,run_annotations/* withRunAnnotations */.i)((0,annotation_arguments/* parseAnnotationArguments */.$I)((0,inputs/* getList */.vS)('annotations', {}, env), 'attach'), env);
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        const concurrency = (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env);
        const inlineMax = (0,inputs/* getPositiveInteger */.o0)('inline-max', undefined, env);
        const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
        const sign = (0,inputs/* getBoolean */.pW)('sign', false, env);
        const signingInputs = (0,signer_inputs/* signingInputsGiven */.kg)(env);
        if (!sign && signingInputs.length > 0) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `the signing inputs ${signingInputs.join(', ')} were given without sign: true`, { hint: 'add `sign: true` to sign what is attached' });
        }
        // Built before anything is pushed: a key that cannot be used fails first.
        const signer = sign ? await (0,signer_inputs/* signerFromInputs */.KF)('attach', env, secrets) : undefined;
        const { target, reference, selector } = await (0,open_target/* openTarget */.A)(subject, { ...connection, referrersMode });
        try {
            const result = await attachArtifact(target, selector, {
                files,
                ...(artifactType ? { artifactType } : {}),
                annotations,
                ...(inlineMax ? { inlineMax } : {}),
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                concurrency,
                progress,
                ...(signer ? { sign: signer } : {}),
            }).catch((error) => {
                throw signer ? (0,signer_secrets/* explainUnreachableRekor */.hQ)(error, signer, signer_inputs/* TLOG_HINT */.Tx) : error;
            });
            const attached = attachResultJson(reference, result);
            const signature = result.signature ? (0,sign_result_json/* signResultJson */.T)((0,reference_reference/* withSelector */.eU)(reference, { digest: result.descriptor.digest }), result.signature) : undefined;
            const json = signature ? { ...attached, signature } : attached;
            core/* info */.pq(`Attached ${json.reference} (${json.artifactType}) to ${json.subject.reference}`);
            if (signature)
                core/* info */.pq(`Signed it: ${signature.reference}`);
            (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
            const graph = await (0,referrers_graph/* graphForSummary */.Wx)(target, result.subject.digest, (message) => progress.warning(message));
            await (0,attach/* writeAttachSummary */.f)(json, graph, target.name);
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=attach.js.map

/***/ }),

/***/ 10912:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ runAnnotations),
/* harmony export */   i: () => (/* binding */ withRunAnnotations)
/* harmony export */ });
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98034);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61415);
/**
 * The manifest annotations a workflow run knows: where the source lives and which
 * commit was built. `org.opencontainers.image.created` is left to core, which sets
 * it to the time of the push (the run's time) or to SOURCE_DATE_EPOCH, so a
 * reproducible build keeps a reproducible digest. Whatever the user sets wins.
 */

/** `org.opencontainers.image.source` and `.revision` from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA. */
function runAnnotations(env = process.env) {
    const annotations = {};
    const server = (env.GITHUB_SERVER_URL ?? '').trim().replace(/\/+$/, '');
    const repository = (env.GITHUB_REPOSITORY ?? '').trim();
    if (server !== '' && repository !== '')
        annotations[_ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .Annotation */ .Y.Source] = `${server}/${repository}`;
    const sha = (env.GITHUB_SHA ?? '').trim();
    if (sha !== '')
        annotations[_ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .Annotation */ .Y.Revision] = sha;
    return annotations;
}
/** The run's annotations under the user's (core's rule): a key the user sets is theirs. */
function withRunAnnotations(user, env = process.env) {
    return (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .manifestAnnotations */ .g)({ run: runAnnotations(env), given: user });
}
//# sourceMappingURL=run-annotations.js.map

/***/ })

};
