/**
 * How claimed outbox messages leave the building. Email goes through Strapi's email plugin
 * (nodemailer, SMTP from the environment); without SMTP_HOST, as in development, each message is
 * written to .tmp/mail/ as an .eml file a new user can open. Webhooks are POSTed as JSON.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import MailComposer from 'nodemailer/lib/mail-composer';
import { renderTemplate, type TemplateData, type TemplateName } from '../notifications/templates';
import type { ClaimedNotification, Deliver } from './outbox';
import { settings } from './settings';

const WEBHOOK_TIMEOUT_MS = 10_000;

function render(message: ClaimedNotification) {
  return renderTemplate(
    message.template as TemplateName,
    message.language,
    message.payload as unknown as TemplateData
  );
}

async function writeEml(dir: string, message: ClaimedNotification, from: string) {
  const { subject, text, html } = render(message);
  const eml = await new MailComposer({ from, to: message.recipient, subject, text, html })
    .compile()
    .build();
  await fs.mkdir(dir, { recursive: true });
  const name = `${Date.now()}-${message.dedupeKey.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 80)}.eml`;
  await fs.writeFile(path.join(dir, name), eml);
}

async function postWebhook(message: ClaimedNotification) {
  const res = await fetch(message.recipient, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      template: message.template,
      code: message.caseCode,
      ...message.payload,
    }),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
}

export function createDeliver(strapi: Core.Strapi): Deliver {
  const mail = settings(strapi).mail;
  return async (message) => {
    if (message.channel === 'webhook') return postWebhook(message);
    if (mail.transport === 'directory') return writeEml(mail.directory, message, mail.from);
    const { subject, text, html } = render(message);
    await strapi
      .plugin('email')
      .service('email')
      .send({ to: message.recipient, subject, text, html });
  };
}
