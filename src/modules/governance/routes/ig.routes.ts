import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Actor } from '../../../kernel/access/actor.ts';
import type { AuditEntry, AuditSink, Scope } from '../../../kernel/access/scope.ts';
import { createScope } from '../access/scope.factory.ts';
import type { Database } from '../../../kernel/db/database.ts';
import { auditSearchSchema, personAccessLogSchema } from '../audit/audit.schemas.ts';
import { producePersonAccessLog, searchAudit } from '../audit/audit-access.service.ts';
import type { AuditSearch } from '../audit/audit-query.repository.ts';
import { DEFAULT_EXPIRY_WARNING_DAYS, type AgreementInput } from '../registers/agreement.ts';
import { createAgreement, getAgreement, listAgreements, listExpiringAgreements, updateAgreement } from '../registers/agreement.service.ts';
import { DEFAULT_BREAK_GLASS_HOURS, type BreakGlassDecision, type BreakGlassReviewStatus } from '../registers/break-glass.ts';
import { listBreakGlassForReview, openBreakGlass, reviewBreakGlass } from '../registers/break-glass.service.ts';
import type { ConsentInput } from '../registers/consent.ts';
import { findConsent } from '../registers/consent.repository.ts';
import { listConsents, recordConsent, withdrawConsent } from '../registers/consent.service.ts';
import { igError } from '../registers/ig-errors.ts';
import { mayManageAgreements, mayManageConsents, mayOpenBreakGlass, mayReviewBreakGlass, maySearchAudit } from '../registers/ig-roles.ts';
import {
  createAgreementSchema, getAgreementSchema, listAgreementsSchema, listBreakGlassSchema, listConsentsSchema, openBreakGlassSchema,
  recordConsentSchema, reviewBreakGlassSchema, updateAgreementSchema, withdrawConsentSchema,
} from '../registers/registers.schemas.ts';

export interface IgRouteOptions {
  db: Database;
  /** The audit writer (createAuditWriter) shared by the whole server. */
  audit: AuditSink;
  /** How long break-glass access lasts (default 4). */
  breakGlassHours?: number | undefined;
  /** Days before its end from which an agreement is flagged as expiring (default 30). */
  agreementExpiryWarningDays?: number | undefined;
  /** Clock (tests). */
  now?: (() => Date) | undefined;
}

/** The signed-in actor, set on the request by the auth plugin (authPlugin); 401 when nobody is signed in. */
export function actorOf(request: FastifyRequest): Actor {
  const actor: Actor | undefined = request.actor;
  if (!actor) throw igError('NOT_SIGNED_IN', 'Sign in to use information governance.');
  return actor;
}

/**
 * /api/governance IG routes: audit search and a person's access log, the data sharing agreements
 * register, consents and objections, break-glass and its review queue. Every route reads the actor
 * from the request, allows by role (registers/ig-roles.ts), audits refusals, and writes its own audit
 * entries through the services before anything is returned.
 */
export const igRoutes: FastifyPluginAsync<IgRouteOptions> = async (app, options) => {
  const { db, audit } = options;
  const now = options.now ?? (() => new Date());
  const warningDays = options.agreementExpiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
  const breakGlassHours = options.breakGlassHours ?? DEFAULT_BREAK_GLASS_HOURS;

  /** The scope of a request whose actor the rule allows; otherwise the refusal is audited and 403 thrown. */
  async function allowed(request: FastifyRequest, rule: (role: string) => boolean, refused: Omit<AuditEntry, 'outcome'>, what: string): Promise<Scope> {
    const actor = actorOf(request);
    if (!rule(actor.role)) {
      await audit.record(actor, [{ ...refused, outcome: 'denied', detail: `role ${actor.role} may not ${what}` }]);
      throw igError('FORBIDDEN', `Your role (${actor.role}) may not ${what}.`);
    }
    // The request's scope (access filter included) is built by the app for every signed-in request.
    return request.scope ?? createScope(db, actor, audit);
  }

  // ---- audit -------------------------------------------------------------------------------------

  app.get<{ Params: { id: number }; Querystring: { from?: string; to?: string; limit: number; cursor?: number } }>(
    '/persons/:id/access-log', { schema: personAccessLogSchema },
    async function personAccessLogHandler(request) {
      const personId = request.params.id;
      const scope = await allowed(request, maySearchAudit, { action: 'read', resource: 'governance.access_log', personId }, "see a person's access log");
      return producePersonAccessLog(scope, personId, request.query);
    },
  );

  app.get<{ Querystring: AuditSearch }>('/audit', { schema: auditSearchSchema }, async function auditSearchHandler(request) {
    const scope = await allowed(request, maySearchAudit, { action: 'search', resource: 'governance.audit', personId: request.query.person }, 'search the audit log');
    return searchAudit(scope, request.query);
  });

  // ---- data sharing agreements -------------------------------------------------------------------

  app.get<{ Querystring: { status?: string; org?: string; inForceOn?: string; expiring?: boolean } }>(
    '/agreements', { schema: listAgreementsSchema },
    async function listAgreementsHandler(request) {
      actorOf(request);
      const at = { now: now(), warningDays };
      const { status, org, inForceOn, expiring } = request.query;
      const [items, soon] = await Promise.all([
        listAgreements(db, { status, orgCode: org, inForceOn, expiring }, at),
        listExpiringAgreements(db, at),
      ]);
      return { items, expiring: soon.map((a) => ({ id: a.id, title: a.title, endDate: a.endDate, daysToEnd: a.daysToEnd })), warningDays };
    },
  );

  app.get<{ Params: { id: number } }>('/agreements/:id', { schema: getAgreementSchema }, async function getAgreementHandler(request) {
    actorOf(request);
    return getAgreement(db, request.params.id, { now: now(), warningDays });
  });

  app.post<{ Body: AgreementInput }>('/agreements', { schema: createAgreementSchema }, async function createAgreementHandler(request, reply) {
    const scope = await allowed(request, mayManageAgreements, { action: 'admin', resource: 'governance.agreement' }, 'manage data sharing agreements');
    const created = await createAgreement(scope, request.body, { now: now(), warningDays });
    return reply.code(201).send(created);
  });

  app.put<{ Params: { id: number }; Body: AgreementInput }>('/agreements/:id', { schema: updateAgreementSchema }, async function updateAgreementHandler(request) {
    const scope = await allowed(request, mayManageAgreements, { action: 'admin', resource: 'governance.agreement' }, 'manage data sharing agreements');
    return updateAgreement(scope, request.params.id, request.body, { now: now(), warningDays });
  });

  // ---- consent and objections --------------------------------------------------------------------

  app.get<{ Params: { id: number }; Querystring: { includeWithdrawn: boolean } }>(
    '/persons/:id/consents', { schema: listConsentsSchema },
    async function listConsentsHandler(request) {
      const personId = request.params.id;
      const scope = await allowed(request, mayManageConsents, { action: 'read', resource: 'governance.consent', personId }, "see a person's consents and objections");
      return { items: await listConsents(scope, personId, { includeWithdrawn: request.query.includeWithdrawn }) };
    },
  );

  app.post<{ Params: { id: number }; Body: ConsentInput }>('/persons/:id/consents', { schema: recordConsentSchema }, async function recordConsentHandler(request, reply) {
    const personId = request.params.id;
    const scope = await allowed(request, mayManageConsents, { action: 'write', resource: 'governance.consent', personId }, 'record consents or objections');
    return reply.code(201).send(await recordConsent(scope, personId, request.body, { now: now() }));
  });

  app.post<{ Params: { consentId: number } }>('/consents/:consentId/withdraw', { schema: withdrawConsentSchema }, async function withdrawConsentHandler(request) {
    const actor = actorOf(request);
    const personId = mayManageConsents(actor.role) ? undefined : (await findConsent(db, request.params.consentId))?.personId;
    const scope = await allowed(request, mayManageConsents, { action: 'write', resource: 'governance.consent', personId }, 'withdraw consents or objections');
    return withdrawConsent(scope, request.params.consentId, { now: now() });
  });

  // ---- break-glass -------------------------------------------------------------------------------

  app.post<{ Params: { id: number }; Body: { reason: string } }>('/persons/:id/break-glass', { schema: openBreakGlassSchema }, async function openBreakGlassHandler(request, reply) {
    const personId = request.params.id;
    const scope = await allowed(request, mayOpenBreakGlass, { action: 'break_glass', resource: 'governance.break_glass', personId }, 'use break-glass access');
    return reply.code(201).send(await openBreakGlass(scope, personId, request.body.reason, { now: now(), hours: breakGlassHours }));
  });

  app.get<{ Querystring: { status: BreakGlassReviewStatus | 'all'; limit: number; cursor?: number } }>(
    '/break-glass', { schema: listBreakGlassSchema },
    async function listBreakGlassHandler(request) {
      const scope = await allowed(request, mayReviewBreakGlass, { action: 'search', resource: 'governance.break_glass' }, 'see the break-glass review queue');
      const { status, limit, cursor } = request.query;
      return listBreakGlassForReview(scope, { status: status === 'all' ? undefined : status, all: status === 'all', limit, cursor, now: now() });
    },
  );

  app.post<{ Params: { id: number }; Body: { decision: BreakGlassDecision; note?: string | null } }>(
    '/break-glass/:id/review', { schema: reviewBreakGlassSchema },
    async function reviewBreakGlassHandler(request) {
      const scope = await allowed(request, mayReviewBreakGlass, { action: 'write', resource: 'governance.break_glass' }, 'review break-glass access');
      return reviewBreakGlass(scope, request.params.id, request.body.decision, request.body.note, { now: now() });
    },
  );
};
