/** Types of addin/build.mjs for the TypeScript tests that import it. */
export declare const ICON_SIZES: number[];
export interface BuildAddinOptions {
  /** Default: dist/addin at the repository root. */
  outDir?: string;
  minify?: boolean;
  /** Empty the output directory first (default true). */
  clean?: boolean;
}
export interface BuildAddinResult {
  outDir: string;
  /** Files written, relative to outDir, sorted. */
  files: string[];
  /** Logical name ("functions.json") → the content-hashed file written ("functions.1a2b3c4d.json"). */
  assets: Record<string, string>;
  /** Custom function ids, as in functions.json. */
  functionIds: string[];
}
export declare function buildAddin(options?: BuildAddinOptions): Promise<BuildAddinResult>;
export declare function iconPng(size: number): Buffer;
