// The adversarial suite's figures (SECURITY.md): a test or script prints one line per figure,
// `security-figure {"part", "name", "value", "unit"}`, and `test/security/run.ts` collects them
// from the output of every part. Works the same in Node, happy-dom and workerd.

export interface Figure {
  part: string;
  name: string;
  value: number | string;
  unit: string;
}

export const FIGURE_PREFIX = "security-figure ";

export function figure(part: string, name: string, value: number | string, unit = ""): void {
  const line: Figure = { part, name, value, unit };
  console.log(FIGURE_PREFIX + JSON.stringify(line));
}

/** The figures in a part's output, in order. */
export function readFigures(output: string): Figure[] {
  const found: Figure[] = [];
  for (const line of output.split("\n")) {
    const at = line.indexOf(FIGURE_PREFIX);
    if (at < 0) continue;
    try {
      found.push(JSON.parse(line.slice(at + FIGURE_PREFIX.length)) as Figure);
    } catch {
      // a line cut by the runner's output: not a figure
    }
  }
  return found;
}
