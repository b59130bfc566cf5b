import type { Command } from 'commander';
import { badRequest } from '../../kernel/errors.ts';
import { maySearchAudit, producePersonAccessLog, verifyAuditChain, igError } from '../../modules/governance/index.ts';
import { findPersonIdByNhsNumber } from '../../modules/population/index.ts';
import { withCliScope } from '../context.ts';

function parseAnchor(raw: string | undefined): { seq: number; hash: string } | undefined {
  if (!raw) return undefined;
  const m = /^(\d+):([0-9a-f]{64})$/.exec(raw.trim());
  if (!m) throw badRequest('SEAMLESS_ERR_GOVERNANCE_AUDIT_ANCHOR', `--anchor takes <seq>:<hash> as printed by an earlier 'seamless audit verify', not '${raw}'.`);
  return { seq: Number(m[1]), hash: m[2]! };
}

/**
 * seamless audit verify: recompute the hash chain and name the first bad entry (exit status 1).
 * seamless audit log <nhs-number>: a person's access log, for a subject access request.
 * Both run as the local operator and are audited.
 */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The audit log: verify its hash chain, or list who accessed a person');

  audit.command('verify')
    .description('Recompute the audit hash chain and report the first entry that was changed, removed, added or moved (exit status 1)')
    .option('--anchor <seq:hash>', 'a head printed by an earlier verify, kept outside the database: also detects a rewritten or cut tail')
    .option('--json', 'print the report as JSON')
    .action(async (options: { anchor?: string; json?: boolean }) => {
      const anchor = parseAnchor(options.anchor);
      await withCliScope(async (scope) => {
        const report = await verifyAuditChain(scope.db, { anchor });
        await scope.audit.record(scope.actor, [{
          action: 'admin', resource: 'governance.audit_chain', outcome: 'allowed',
          detail: report.ok ? `verified ${report.entries} entries` : `chain broken at entry ${report.firstBadSeq}`,
        }]);
        if (options.json) console.log(JSON.stringify(report, null, 2));
        else if (report.ok) {
          console.log(`Audit log intact: ${report.entries} entries verified.`);
          if (report.head) console.log(`Head: ${report.head.seq}:${report.head.hash}\nKeep this line outside the database and pass it as --anchor next time to detect a cut or rewritten tail.`);
        } else {
          console.error(`Audit log TAMPERED: the first bad entry is ${report.firstBadSeq}. ${report.problem}.`);
          console.error(`${report.entries} entries were checked before the problem was found.`);
        }
        if (!report.ok) process.exitCode = 1;
      });
    });

  audit.command('log <nhs-number>')
    .description("Who has accessed a person's record (subject access request), newest first; needs an IG lead or administrator operator role")
    .option('--limit <n>', 'entries to show', '1000')
    .option('--from <date>', 'from this date or instant')
    .option('--to <date>', 'to this date (inclusive) or instant')
    .option('--json', 'print the entries as JSON')
    .action(async (nhsNumber: string, options: { limit: string; from?: string; to?: string; json?: boolean }) => {
      await withCliScope(async (scope) => {
        const personId = await findPersonIdByNhsNumber(scope, nhsNumber);
        if (!maySearchAudit(scope.actor.role)) {
          await scope.audit.record(scope.actor, [{ action: 'read', resource: 'governance.access_log', personId, outcome: 'denied', detail: `role ${scope.actor.role} may not see a person's access log` }]);
          throw igError('FORBIDDEN', `The operator role ${scope.actor.role} may not see a person's access log; run as an IG lead (SEAMLESS_OPERATOR_ROLE=ig_lead).`);
        }
        const limit = Math.min(Math.max(1, Number(options.limit) || 1000), 1000);
        const page = await producePersonAccessLog(scope, personId, { limit, from: options.from, to: options.to });
        if (options.json) {
          console.log(JSON.stringify(page, null, 2));
          return;
        }
        if (page.items.length === 0) console.log('Nobody has accessed this record.');
        for (const e of page.items) {
          const who = e.actorName ? `${e.actorName} (${e.actorId})` : e.actorId;
          const org = e.actorOrgName ? `${e.actorOrgName} (${e.actorOrg})` : e.actorOrg;
          console.log(`${e.at}  ${who}, ${e.actorRole}, ${org}  ${e.purpose}/${e.channel}  ${e.action} ${e.resource}  ${e.outcome}${e.detail ? ` — ${e.detail}` : ''}`);
        }
        if (page.nextCursor !== null) console.log(`… older entries not shown (raise --limit, or narrow with --from/--to).`);
      });
    });
}
