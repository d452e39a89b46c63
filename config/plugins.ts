import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // The URP console (admin pages and their admin routes), built by the project's own build.
  'urp-console': { enabled: true, resolve: './src/plugins/urp-console' },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'dev-jwt-secret-change-me'),
      jwt: { expiresIn: '7d' },
      ratelimit: { enabled: env.bool('AUTH_RATE_LIMIT', true) },
    },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      landingPage: env('NODE_ENV') !== 'production',
      // Operation limits (src/lib/graphql-complexity.ts): nesting depth, and the estimated number
      // of records an operation may load (each list counts as its page size).
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 8),
      maxComplexity: env.int('GRAPHQL_MAX_COMPLEXITY', 10000),
      defaultLimit: env.int('GRAPHQL_DEFAULT_LIMIT', 25),
      maxLimit: env.int('GRAPHQL_MAX_LIMIT', 100),
    },
  },
  upload: {
    config: {
      provider: 'local',
      sizeLimit: env.int('UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: env('SMTP_HOST', '')
        ? {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
            auth: env('SMTP_USERNAME', '')
              ? { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') }
              : undefined,
          }
        : // Development default: no server needed; messages are rendered, not delivered.
          { jsonTransport: true },
      settings: {
        defaultFrom: env('MAIL_FROM', 'URP Comune di Pisa <urp@comune.pisa.example>'),
        defaultReplyTo: env('MAIL_REPLY_TO', 'urp@comune.pisa.example'),
      },
    },
  },
});
