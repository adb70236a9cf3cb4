// Node 20's V8 (11.3) aborts the whole process ("Fatal error ... unreachable
// code" in Deoptimizer::DoComputeBuiltinContinuation) when TurboFan has
// inlined a JS-to-WebAssembly call and the calling function is deoptimized
// while that call runs. Cedar (@cedar-policy/cedar-wasm) is such a call, made
// several times per proposal and decision, and its WebAssembly calls back into
// JavaScript to read the request, which is what deoptimizes the caller now and
// then under load. Reproduced deterministically with --deopt-every-n-times
// (lib/policy/wasm-call-guard.test.ts). Turning off only that inlining removes
// the trigger; the call then goes through V8's ordinary JS-to-Wasm wrapper, a
// few nanoseconds more on a call that takes about 0.1 ms. It must run before
// TurboFan compiles a caller, so the Cedar module imports it first.
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--no-turbo-inline-js-wasm-calls");
