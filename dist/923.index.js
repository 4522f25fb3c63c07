export const id = 923;
export const ids = [923];
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

/***/ 18923:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/sign/signer-secrets.js
var signer_secrets = __webpack_require__(94438);
// EXTERNAL MODULE: ./packages/core/dist/artifact/annotation-arguments.js
var annotation_arguments = __webpack_require__(89629);
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/util/source-date-epoch.js
var source_date_epoch = __webpack_require__(45355);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/sign/sign-reference.js + 2 modules
var sign_reference = __webpack_require__(23871);
// EXTERNAL MODULE: ./packages/core/dist/results/referrer-result-json.js
var referrer_result_json = __webpack_require__(30451);
;// CONCATENATED MODULE: ./packages/core/dist/sign/sign-result-json.js

/** `subject` is the reference that named what was signed (its tag is kept in the report). */
function signResultJson(subject, result) {
    return {
        ...(0,referrer_result_json/* referrerResultJson */.p)(subject, result),
        predicateType: result.predicateType,
        signer: result.signer,
        transparencyLogEntries: result.transparencyLogEntries,
        signedTimestamps: result.signedTimestamps,
    };
}
//# sourceMappingURL=sign-result-json.js.map
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
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
        throw new errors/* OcikitError */.G('INVALID_INPUT', `the ${what} URL "${value.slice(0, 200)}" is not a URL`, { hint: 'write it as https://host[:port]' });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (0,reference/* isLoopbackRegistry */.jW)(url.host))) {
        throw new errors/* OcikitError */.G('INVALID_INPUT', `the ${what} URL ${url.origin} is not HTTPS`, {
            hint: 'Sigstore services are spoken to over HTTPS; plain HTTP only on loopback',
        });
    }
    if (url.username || url.password)
        throw new errors/* OcikitError */.G('INVALID_INPUT', `the ${what} URL must not carry credentials`);
    return value.replace(/\/+$/, '');
}
//# sourceMappingURL=service-url.js.map
// EXTERNAL MODULE: ./packages/core/dist/sign/constants.js
var constants = __webpack_require__(8119);
// EXTERNAL MODULE: ./packages/core/dist/sign/key-reference.js
var key_reference = __webpack_require__(32689);
// EXTERNAL MODULE: ./packages/core/dist/sign/signers.js
var signers = __webpack_require__(82157);
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(66501);
// EXTERNAL MODULE: ./packages/github/dist/summaries/sign.js
var sign = __webpack_require__(9796);
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/sign.js
/**
 * sign: signs the manifest `reference` names as `cosign sign` does (a Sigstore
 * bundle) and attaches the bundle as its referrer, the same core call as
 * `ocikit sign` (signReference). With a key (`key`: the PEM text, from a secret)
 * or keyless (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio).
 * The key text and the OIDC request token are masked before anything runs.
 */







async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)(async (secrets, signal) => {
        // The key's text first: masked before any input is parsed or any line printed.
        mask((0,signer_secrets/* signingKeySecrets */.Ar)(env[(0,inputs/* inputVariable */.LO)('key')] ?? ''), secrets);
        const { progress, connection, reference: subject } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const signer = await signerFromInputs(env, secrets);
        const annotations = (0,annotation_arguments/* parseAnnotationArguments */.$I)((0,inputs/* getList */.vS)('annotations', {}, env), 'sign');
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
        const { target, reference, selector } = await (0,open_target/* openTarget */.A)(subject, { ...connection, referrersMode });
        try {
            const result = await (0,sign_reference/* signReference */.r3)(target, selector, {
                signer,
                ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                progress,
            }).catch((error) => {
                throw (0,signer_secrets/* explainUnreachableRekor */.hQ)(error, signer, 'where Rekor cannot be reached, set `tlog: false`, or give your own log with `rekor-url`');
            });
            const json = signResultJson(reference, result);
            const by = json.signer.kind === 'key' ? `key ${json.signer.hint}` : json.signer.identity;
            core/* info */.pq(`Signed ${json.subject.reference} with ${by}: ${json.reference}`);
            (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
            await (0,sign/* writeSignSummary */.dD)(json);
        }
        finally {
            await target.close();
        }
    });
}
function mask(values, secrets) {
    for (const value of values)
        if (secrets.add(value))
            core/* setSecret */.Pq(value);
}
async function signerFromInputs(env, secrets) {
    const key = (0,inputs/* getString */.AA)('key', env);
    const keyless = (0,inputs/* getBoolean */.pW)('keyless', false, env);
    const tlog = (0,inputs/* getBoolean */.pW)('tlog', true, env);
    const rekorInput = (0,inputs/* getString */.AA)('rekor-url', env);
    const fulcioInput = (0,inputs/* getString */.AA)('fulcio-url', env);
    const tsaInput = (0,inputs/* getString */.AA)('tsa-url', env);
    if (key !== '' && keyless)
        throw usage('the inputs key and keyless cannot both be given', 'sign with a key of your own (a secret), or keyless with the job\'s OIDC identity');
    if (key === '' && !keyless) {
        throw usage('sign needs the input key (a PEM private key, from a secret) or keyless: true', 'keyless needs the job to have `permissions: id-token: write`');
    }
    if (!tlog && rekorInput)
        throw usage('the inputs tlog: false and rekor-url cannot both be given');
    const rekorURL = tlog ? sigstoreServiceURL(rekorInput || constants/* DEFAULT_REKOR_URL */.AD, 'Rekor') : false;
    const tsaURL = tsaInput ? sigstoreServiceURL(tsaInput, 'timestamp authority') : undefined;
    if (key !== '') {
        if (fulcioInput)
            throw usage('the input fulcio-url is for keyless signing; a key signature has no certificate');
        // What the CLI's --key takes (a path, env://NAME), or the PEM itself from a secret.
        const source = (0,key_reference/* signingKeySource */.A)(key, env, 'the input key');
        if (source.pem !== undefined)
            mask((0,signer_secrets/* signingKeySecrets */.Ar)(source.pem), secrets);
        return (0,signers/* keySigner */.Ye)(await (0,signer_secrets/* loadGivenSigningKey */.w$)(source), { rekorURL, ...(tsaURL ? { tsaURL } : {}) });
    }
    mask((0,signer_secrets/* oidcTokenSecrets */.Y)(env), secrets);
    return (0,signers/* keylessSignerFromEnvironment */.k9)({
        fulcioURL: sigstoreServiceURL(fulcioInput || constants/* DEFAULT_FULCIO_URL */.jl, 'Fulcio'),
        rekorURL,
        ...(tsaURL ? { tsaURL } : {}),
    });
}
function usage(message, hint) {
    return new errors/* OcikitError */.G('INVALID_INPUT', message, hint ? { hint } : {});
}
//# sourceMappingURL=sign.js.map

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
