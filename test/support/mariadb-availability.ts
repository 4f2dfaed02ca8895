import mysql from "mysql2/promise";

/** Where the test suite finds MariaDB unless told otherwise. */
export const DEFAULT_TEST_MARIADB_URL = "mysql://root@127.0.0.1:3306/test";

/**
 * Decides whether the MariaDB half of the suite runs. Locally an unreachable server is reported
 * and skipped; under CI=true it is an error, so CI can never pass without testing MariaDB.
 */
export async function mariadbAvailability(): Promise<{ use: boolean; url: string }> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_MARIADB_URL;
  if (process.env.TEST_SKIP_MARIADB === "1" && process.env.CI !== "true") return { use: false, url };
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
    await connection.query("SELECT 1");
    await connection.end();
    return { use: true, url };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === "true") {
      throw new Error(`MariaDB is required under CI=true but is unreachable at ${url}: ${reason}`);
    }
    console.warn(`\n[tests] MariaDB unreachable at ${url} (${reason}): running the API suites on SQLite only.\n`);
    return { use: false, url };
  }
}
