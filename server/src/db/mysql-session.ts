import type { PoolConnection } from "mysql2";

/** Galera's `wsrep_local_state` of a node that is in sync with the cluster. */
const SYNCED = "4";

/** A node that answers but must not serve yet (joining, donating a snapshot, or cut off from the cluster). */
export class NodeNotReadyError extends Error {
  readonly code = "WSREP_NOT_READY";
  /** The errno a node outside the primary component answers with (ER_UNKNOWN_COM_ERROR). */
  readonly errno = 1047;
  constructor(state: string) {
    super(`Galera node not ready to serve (${state})`);
    this.name = "NodeNotReadyError";
  }
}

export interface SessionSettings {
  /** InnoDB's row lock wait for this session, in seconds: below the query timeout, so a lock wait is retried, not cut. */
  lockWaitSeconds: number;
}

/**
 * Prepares a new MySQL connection before its first use. On a Galera node it also refuses a node
 * that is not Synced (as clustercheck does for load balancers), and turns on causal reads
 * (`wsrep_sync_wait = 1`): a read, and the start of every transaction, waits until this node has
 * applied everything the cluster committed before it, so a client that wrote through one server
 * reads its write through any other, and a retried transaction sees the write that beat it.
 */
export async function prepareMysqlSession(connection: PoolConnection, settings: SessionSettings): Promise<void> {
  const session = connection.promise();
  const [variables] = await session.query("SHOW VARIABLES WHERE Variable_name = 'wsrep_on'");
  const galera = (variables as { Value: string }[]).some((row) => row.Value === "ON");
  if (galera) {
    const [rows] = await session.query(
      "SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state', 'wsrep_local_state_comment')",
    );
    const status = Object.fromEntries(
      (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
    );
    if (status.wsrep_ready !== "ON" || status.wsrep_local_state !== SYNCED) {
      throw new NodeNotReadyError(`ready=${status.wsrep_ready}, state=${status.wsrep_local_state_comment}`);
    }
    await session.query("SET SESSION wsrep_sync_wait = 1");
  }
  await session.query(`SET SESSION innodb_lock_wait_timeout = ${Math.max(1, Math.floor(settings.lockWaitSeconds))}`);
}
