export const id = 866;
export const ids = [866];
export const modules = {

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
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
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
        throw new errors/* OcikitError */.G('INVALID_INPUT', 'nothing to attach', { hint: 'name one or more files: an SBOM, a signature, a scan report…' });
    }
    const files = [];
    for (const file of options.files) {
        if (file.path === '-') {
            throw new errors/* OcikitError */.G('INVALID_INPUT', 'attach reads files, not standard input', { hint: 'write it to a file first (its content is checked before it is pushed)' });
        }
        if (file.mediaType !== undefined && !(0,media_types/* isValidMediaType */.Hw)(file.mediaType)) {
            throw new errors/* OcikitError */.G('INVALID_INPUT', `"${file.mediaType}" is not a valid media type for ${file.path}`);
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
        if (!(error instanceof errors/* OcikitError */.G))
            throw error;
        throw new errors/* OcikitError */.G(error.code, `${target.name}@${attached.digest} was attached, but signing it failed: ${error.message}`, {
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
    throw new errors/* OcikitError */.G('INVALID_INPUT', 'attach needs an artifact type, and the files do not imply one', {
        hint: unknown.length
            ? `name it with --artifact-type (ocikit does not recognise ${unknown.join(', ')})`
            : `name it with --artifact-type (the files are of different kinds: ${[...types].join(', ')})`,
    });
}
//# sourceMappingURL=attach.js.map
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
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(66501);
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
    await (0,run_action/* runAction */.Cs)(async (secrets, signal) => {
        const { progress, connection, reference: subject } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'subject'));
        const files = (0,inputs/* getList */.vS)('files', {}, env).map((file) => (0,artifact_inputs/* parseFileArgument */.L3)(file));
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        const annotations = (0,run_annotations/* withRunAnnotations */.i)((0,annotation_arguments/* parseAnnotationArguments */.$I)((0,inputs/* getList */.vS)('annotations', {}, env), 'attach'), env);
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        const concurrency = (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env);
        const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
        const { target, reference, selector } = await (0,open_target/* openTarget */.A)(subject, { ...connection, referrersMode });
        try {
            const result = await attachArtifact(target, selector, {
                files,
                ...(artifactType ? { artifactType } : {}),
                annotations,
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                concurrency,
                progress,
            });
            const json = attachResultJson(reference, result);
            core/* info */.pq(`Attached ${json.reference} (${json.artifactType}) to ${json.subject.reference}`);
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
