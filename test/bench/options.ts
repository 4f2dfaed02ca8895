/**
 * Command-line options of `npm run bench` and `npm run load`: `--name N` or `--name=N`, nothing else.
 * Unknown options are refused, so a typo never silently runs the default.
 */
export function parseIntOptions(argv: string[], defaults: Record<string, number>, flags: string[] = []): Record<string, number> {
  const values: Record<string, number> = { ...defaults };
  for (const flag of flags) values[flag] = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unexpected argument "${arg}"`);
    const name = match[1] as string;
    if (flags.includes(name) && match[2] === undefined) {
      values[name] = 1;
      continue;
    }
    if (!(name in defaults)) {
      throw new Error(
        `Unknown option --${name} (options: ${[...Object.keys(defaults), ...flags].map((n) => `--${n}`).join(", ")})`,
      );
    }
    const raw = match[2] ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isInteger(value) || value < 0)
      throw new Error(`--${name} needs a whole number, got "${raw}"`);
    values[name] = value;
  }
  return values;
}

/** A small seeded generator (mulberry32), so a dataset is the same for the same seed and day. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
