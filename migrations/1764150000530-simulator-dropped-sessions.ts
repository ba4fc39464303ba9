import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The simulator's dropped-session fault: operations named here lose their PowerShell remoting
 * session to the host while they run (the driver throws a transport error, not a host's refusal).
 */
export class SimulatorDroppedSessions1764150000530 implements MigrationInterface {
  name = 'SimulatorDroppedSessions1764150000530';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sim_faults ADD COLUMN drop_sessions text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sim_faults DROP COLUMN drop_sessions');
  }
}
