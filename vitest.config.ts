import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";
import type { VitestPluginContext } from "vitest/node";
import { chromiumAvailability } from "./test/support/chromium-availability.js";
import { mariadbAvailability } from "./test/support/mariadb-availability.js";

// Decorator metadata (type-graphql, TypeORM) needs SWC: Vite's default transform drops it.
const swcOptions = {
  jsc: {
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    target: "es2022",
  },
} as const;
const swcPlugin = swc.vite(swcOptions);

// Transformed modules are kept on disk (experimental.fsModuleCache, in node_modules, so a fresh
// install starts cold) and shared by the four projects. Vitest keys them by source and Vite
// settings only: the SWC options, the tsconfig unplugin-swc reads and SWC's version go in too.
const require = createRequire(import.meta.url);
const transformKey = createHash("sha256")
  .update(JSON.stringify(swcOptions))
  .update(fs.readFileSync(new URL("./tsconfig.json", import.meta.url)))
  .update(require("@swc/core/package.json").version)
  .digest("hex");
// One cache directory per checkout (still under node_modules): the worktrees of this team share one
// node_modules, and vitest empties its whole cache directory when a run sees another lockfile than
// the last run did, under the feet of a run in another checkout (ENOENT on a cached module).
const checkout = fileURLToPath(new URL(".", import.meta.url));
const fsModuleCachePath = path.join(
  checkout,
  "node_modules",
  ".vitest-fs-cache",
  createHash("sha256").update(checkout).digest("hex").slice(0, 16),
);
const transformCacheKey = {
  name: "contracts:transform-cache-key",
  configureVitest({ experimental_defineCacheKeyGenerator }: VitestPluginContext) {
    experimental_defineCacheKeyGenerator(() => transformKey);
  },
};

// type-graphql is CommonJS and loads graphql's CJS build; ESM imports must use that same copy
// (two graphql instances refuse to work together).
const graphqlCjs = require.resolve("graphql");
const shared = {
  plugins: [swcPlugin, transformCacheKey],
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
};

/** Unit files that build the API's schema, or one of their own, with type-graphql. */
const UNIT_SCHEMA_FILES = [
  "test/unit/graphql/**/*.test.ts",
  "test/unit/http/**/*.test.ts",
  "test/unit/schema-file.test.ts",
  "test/unit/api-docs.test.ts",
  "test/unit/codegen.test.ts",
];

export default defineConfig(async () => {
  // The API suites run once per database. MariaDB is used when reachable; under CI=true an
  // unreachable MariaDB fails the run instead of being skipped (see test/support/mariadb-availability.ts).
  const mariadb = await mariadbAvailability();
  const chromium = chromiumAvailability();
  const databaseProjects = [
    { name: "api-sqlite", env: { TEST_DB: "sqlite" } },
    ...(mariadb.use ? [{ name: "api-mariadb", env: { TEST_DB: "mariadb", TEST_DATABASE_URL: mariadb.url } }] : []),
  ];
  return {
    ...shared,
    test: {
      reporters: ["default", "./test/support/summary-reporter.ts"],
      experimental: { fsModuleCache: true, fsModuleCachePath },
      // Each API file builds its own database and server; two at a time suits a 2-core machine.
      maxWorkers: 2,
      projects: [
        {
          ...shared,
          test: {
            name: "unit",
            include: ["test/unit/**/*.test.ts", "test/addin/unit/**/*.test.ts"],
            // Files that build a GraphQL schema run isolated (project "unit-schema"): type-graphql
            // keeps its decorators' metadata in one global store, which a test's own resolvers join.
            exclude: UNIT_SCHEMA_FILES,
            // Pure functions and fakes: sharing each worker's module cache saves most of the import
            // time (a third of the project's CPU). Tests that stub a global restore it.
            isolate: false,
            // Tests assert behaviour, not speed: the 5 s default failed the 20,000-row sheet tests
            // while the shared 2-core machine was loaded.
            testTimeout: 30_000,
            environment: "node",
          },
        },
        {
          ...shared,
          test: { name: "unit-schema", include: UNIT_SCHEMA_FILES, testTimeout: 30_000, environment: "node" },
        },
        ...databaseProjects.map((p) => ({
          ...shared,
          test: {
            name: p.name,
            include: ["test/api/**/*.test.ts"],
            // One migrated-and-seeded template database per run, copied for each file (see
            // test/support/database-templates.ts).
            globalSetup: ["./test/support/database-templates.ts"],
            // The files of a worker share its module cache (server code imported once per worker,
            // not once per file: most of the import time). Each file still gets its own database
            // and server; don't vi.mock server modules here (unit tests are isolated).
            isolate: false,
            // The outage test stops and restarts a private MariaDB server: it has no SQLite meaning. The
            // SQLite lock wait has no MariaDB meaning, and keep-alive involves no database (run once).
            exclude:
              p.env.TEST_DB === "sqlite"
                ? ["test/api/database-outage.test.ts"]
                : ["test/api/sqlite-lock-wait.test.ts", "test/api/keep-alive.test.ts"],
            environment: "node",
            env: p.env,
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        })),
        // The Galera proof (issue 17) starts a three-node cluster: only with `npm run test:cluster`.
        ...(process.env.TEST_CLUSTER === "1"
          ? [
              {
                ...shared,
                test: {
                  name: "cluster",
                  include: ["test/cluster/**/*.test.ts"],
                  environment: "node",
                  testTimeout: 240_000,
                  hookTimeout: 300_000,
                },
              },
            ]
          : []),
        ...(chromium
          ? [
              {
                ...shared,
                test: {
                  name: "addin-e2e",
                  include: ["test/addin/e2e/**/*.test.ts"],
                  globalSetup: ["./test/support/database-templates.ts"],
                  environment: "node",
                  env: { TEST_DB: "sqlite" },
                  testTimeout: 120_000,
                  hookTimeout: 180_000,
                },
              },
            ]
          : []),
      ],
    },
  };
});
