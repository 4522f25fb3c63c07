export const id = 615;
export const ids = [615];
export const modules = {

/***/ 615:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/sign/verify.js
var verify = __webpack_require__(47309);
;// CONCATENATED MODULE: ./packages/core/dist/sign/predicate-file.js
/**
 * The predicate of an attestation as a user gives it: a JSON file (`ocikit attest
 * --predicate`, the attest action's and component's `predicate` input), read before
 * any key or service is used, and small enough for the signed bundle it goes into.
 */



async function readPredicateFile(path) {
    const what = `the predicate file ${path}`;
    const info = await (0,promises_.stat)(path).catch(() => {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} does not exist or cannot be read`);
    });
    if (!info.isFile())
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} is not a file`);
    if (info.size > verify/* MAX_BUNDLE_BYTES */.Me) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} is ${info.size} bytes; a signed bundle holds at most ${verify/* MAX_BUNDLE_BYTES */.Me}`, {
            hint: 'attach a large report as a referrer of its own (attach) and sign that',
        });
    }
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${what} is not JSON: ${error.message}`);
    }
}
//# sourceMappingURL=predicate-file.js.map
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/util/source-date-epoch.js
var source_date_epoch = __webpack_require__(45355);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/sign/sign-reference.js + 2 modules
var sign_reference = __webpack_require__(23871);
// EXTERNAL MODULE: ./packages/core/dist/sign/signer-secrets.js
var signer_secrets = __webpack_require__(94438);
// EXTERNAL MODULE: ./packages/core/dist/sign/sign-result-json.js
var sign_result_json = __webpack_require__(68706);
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/signer-inputs.js + 2 modules
var signer_inputs = __webpack_require__(39981);
// EXTERNAL MODULE: ./packages/github/dist/summaries/sign.js
var sign = __webpack_require__(9796);
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/attest.js
/**
 * attest: signs an in-toto statement about the manifest `reference` names (SLSA
 * provenance, a vulnerability report, any predicate) and attaches the Sigstore
 * bundle as its referrer, as `cosign attest` does; the same core call as `ocikit
 * attest` (attestReference). Signed with a key or keyless, as the sign action.
 */








async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('attest', async (secrets, signal) => {
        (0,signer_inputs/* maskSigningKeyInput */.BA)(env, secrets);
        const { progress, connection, reference: subject } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const predicateType = (0,inputs/* getRequired */.kA)('type', env);
        const predicate = await readPredicateFile((0,inputs/* getRequired */.kA)('predicate', env));
        const signer = await (0,signer_inputs/* signerFromInputs */.KF)('attest', env, secrets);
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
        const { target, reference, selector } = await (0,open_target/* openTarget */.A)(subject, { ...connection, referrersMode });
        try {
            const result = await (0,sign_reference/* attestReference */.Nk)(target, selector, {
                signer,
                predicateType,
                predicate,
                // cosign attest names the subject by its repository; a layout directory is no such name.
                ...(reference.kind === 'registry' ? { subjectName: target.name } : {}),
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                progress,
            }).catch((error) => {
                throw (0,signer_secrets/* explainUnreachableRekor */.hQ)(error, signer, signer_inputs/* TLOG_HINT */.Tx);
            });
            const json = (0,sign_result_json/* signResultJson */.T)(reference, result);
            const by = json.signer.kind === 'key' ? `key ${json.signer.hint}` : json.signer.identity;
            core/* info */.pq(`Attested ${json.subject.reference} (${predicateType}) with ${by}: ${json.reference}`);
            (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
            await (0,sign/* writeSignSummary */.dD)(json, 'attest');
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=attest.js.map

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
