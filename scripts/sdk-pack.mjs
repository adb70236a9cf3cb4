// Builds and packs @countersign/sdk; the tarball's absolute path is the last line printed.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sdk = path.join(root, "sdk");
const destination = path.join(root, ".tmp", "sdk-pack");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

// A clean dist, so files of deleted sources never ship.
rmSync(path.join(sdk, "dist"), { recursive: true, force: true });
execFileSync(npm, ["run", "--silent", "sdk:build"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
mkdirSync(destination, { recursive: true });
const out = execFileSync(npm, ["pack", "--json", "--pack-destination", destination], { cwd: sdk, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const [packed] = JSON.parse(out);
console.error(`packed ${packed.name}@${packed.version}: ${packed.entryCount} files, ${packed.size} bytes`);
console.log(path.join(destination, packed.filename));
