// The adversarial suite (`npm run test:security`, SECURITY.md): runs every part, echoes its
// output, collects the `security-figure` lines it printed, and writes them to
// test/security/results.json and results.md. Ends with `security: N passed, N failed` (parts)
// and a non-zero exit code when any part failed. Parts of one stage run side by side (the
// in-process tests are busy with the CPU while the hostile part mostly waits on its deadlines);
// the load runs alone, so its latencies measure the Worker and not its neighbours.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Figure, readFigures } from "./figure.ts";

interface Part {
  name: string;
  command: string[];
}

const STAGES: Part[][] = [
  [
    {
      name: "in-process (SSRF vectors, fuzzing, tokens, faults)",
      command: [
        "vitest",
        "run",
        "--project",
        "security-node",
        "--project",
        "security-extension",
        "--project",
        "security-worker",
      ],
    },
    { name: "hostile listings in Chromium", command: ["node", "test/security/hostile.ts"] },
  ],
  [{ name: "load against wrangler dev", command: ["node", "test/security/load.ts"] }],
  [{ name: "privacy audit after the journeys", command: ["node", "test/journeys/journeys.ts"] }],
];

/** Runs one part; its output is echoed as it comes when `live`, else printed whole at its end. */
function runPart(part: Part, live: boolean): Promise<{ ok: boolean; output: string; seconds: number }> {
  const started = Date.now();
  if (live) console.log(`\n=== security: ${part.name}`);
  return new Promise((resolve) => {
    const [cmd, ...args] = part.command;
    const child = spawn(cmd ?? "node", args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let output = "";
    const take = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString("utf8");
      if (live) to.write(chunk);
    };
    child.stdout.on("data", (c: Buffer) => take(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => take(c, process.stderr));
    child.on("close", (code) => {
      if (!live) process.stdout.write(`\n=== security: ${part.name} (ran beside another part)\n${output}`);
      resolve({ ok: code === 0, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function markdown(rows: { part: string; ok: boolean; seconds: number }[], figures: Figure[]): string {
  const lines = ["| part | result | time |", "| --- | --- | --- |"];
  for (const r of rows) lines.push(`| ${r.part} | ${r.ok ? "passed" : "FAILED"} | ${r.seconds.toFixed(0)} s |`);
  lines.push("", "| area | figure | value |", "| --- | --- | --- |");
  for (const f of figures) lines.push(`| ${f.part} | ${f.name} | ${f.value}${f.unit ? ` ${f.unit}` : ""} |`);
  return `${lines.join("\n")}\n`;
}

const only = process.argv.slice(2);
const rows: { part: string; ok: boolean; seconds: number }[] = [];
const figures: Figure[] = [];
for (const stage of STAGES) {
  const parts = stage.filter((part) => only.length === 0 || only.some((o) => part.name.includes(o)));
  const results = await Promise.all(parts.map((part, i) => runPart(part, i === 0)));
  parts.forEach((part, i) => {
    const result = results[i];
    if (!result) return;
    rows.push({ part: part.name, ok: result.ok, seconds: result.seconds });
    figures.push(...readFigures(result.output));
  });
}

const out = join(import.meta.dirname);
writeFileSync(join(out, "results.json"), `${JSON.stringify({ parts: rows, figures }, null, 2)}\n`);
writeFileSync(join(out, "results.md"), markdown(rows, figures));
console.log(`\n${markdown(rows, figures)}`);
const failed = rows.filter((r) => !r.ok).length;
console.log(`security: ${rows.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 && rows.length > 0 ? 0 : 1;
