// The JSON Content-Type check per request: the old media-type regex alone vs lib/http/json-content-type.ts
// (regex + charset rule), alternating in one process, 1,000,000 calls per header; prints ns per call (wall and CPU).
import { jsonContentTypeProblem } from "@/lib/http/json-content-type";
const OLD = (type: string) => /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(type);
const headers = ["application/json", "application/json; charset=utf-8", 'application/json; charset="UTF-8"', "application/json; charset=latin1"];
const N = 1_000_000;
let sink = 0;
function run(label: string, fn: (t: string) => unknown) {
  for (const h of headers) {
    const start = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) if (fn(h)) sink++;
    const cpu = process.cpuUsage(start);
    console.log(`${label.padEnd(4)} ${JSON.stringify(h).padEnd(36)} wall ${(((performance.now() - t0) * 1e6) / N).toFixed(0).padStart(5)} ns/call  cpu ${(((cpu.user + cpu.system) * 1e3) / N).toFixed(0).padStart(5)} ns/call`);
  }
}
for (let round = 0; round < 3; round++) {
  run("old", OLD);
  run("new", jsonContentTypeProblem);
}
console.log(sink > 0 ? "" : "-");
