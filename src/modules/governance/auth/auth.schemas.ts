import { USERNAME_PATTERN } from './username.util.ts';
import { PASSWORD_MAX_LENGTH } from './password.util.ts';

/** JSON schemas of the sign-in routes; the response schemas are closed so nothing else can slip out. */
const problem = { $ref: 'Problem#' } as const;

export const actorSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    displayName: { type: 'string' },
    orgCode: { type: 'string' },
    role: { type: 'string' },
    teamCodes: { type: 'array', items: { type: 'string' } },
    purpose: { type: 'string', enum: ['direct_care', 'planning', 'administration'] },
    channel: { type: 'string', enum: ['session', 'cli', 'system'] },
  },
  required: ['id', 'displayName', 'orgCode', 'role', 'teamCodes', 'purpose', 'channel'],
  additionalProperties: false,
} as const;

const sessionSchema = {
  type: 'object',
  properties: {
    actor: actorSchema,
    csrfToken: { type: 'string', description: 'Send it back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE.' },
    expiresAt: { type: 'string', format: 'date-time' },
    idleExpiresAt: { type: 'string', format: 'date-time' },
  },
  required: ['actor', 'csrfToken', 'expiresAt', 'idleExpiresAt'],
  additionalProperties: false,
} as const;

export const signInSchema = {
  tags: ['governance'],
  summary: 'Sign in with a username and password; sets the session cookie',
  body: {
    type: 'object',
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 254, pattern: USERNAME_PATTERN },
      password: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH },
    },
    required: ['username', 'password'],
    additionalProperties: false,
  },
  response: { 200: sessionSchema, 400: problem, 401: problem, 429: problem },
} as const;

export const getSessionSchema = {
  tags: ['governance'],
  summary: 'Who is signed in, with the CSRF token of the session',
  response: { 200: sessionSchema, 401: problem },
} as const;

export const signOutSchema = {
  tags: ['governance'],
  summary: 'Sign out: ends the session and clears the cookie',
  response: { 204: { type: 'null', description: 'Signed out (or there was no session).' }, 403: problem },
} as const;

export const oidcLoginSchema = {
  tags: ['governance'],
  summary: 'Single sign-on: redirects the browser to the OpenID Connect provider',
  response: { 302: { type: 'null', description: 'To the identity provider.' }, 401: problem, 404: problem },
} as const;

const callbackParameter = { type: 'string', maxLength: 4096 } as const;

export const oidcCallbackSchema = {
  tags: ['governance'],
  summary: 'Single sign-on: where the OpenID Connect provider sends the browser back; starts a session',
  querystring: {
    type: 'object',
    properties: {
      code: callbackParameter, state: callbackParameter, iss: callbackParameter, session_state: callbackParameter,
      error: callbackParameter, error_description: callbackParameter,
    },
  },
  response: { 303: { type: 'null', description: 'Signed in: to the web app.' }, 401: problem, 403: problem, 404: problem },
} as const;

export const signInMethodsSchema = {
  tags: ['governance'],
  summary: 'How people can sign in here: always with a password, and with single sign-on when an issuer is configured',
  response: {
    200: {
      type: 'object',
      properties: {
        methods: { type: 'array', items: { type: 'string', enum: ['password', 'oidc'] } },
        oidcLoginUrl: { type: ['string', 'null'], description: 'Send the browser here (a full-page navigation) to sign in with single sign-on.' },
      },
      required: ['methods', 'oidcLoginUrl'],
      additionalProperties: false,
    },
  },
} as const;
