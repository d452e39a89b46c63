/** Public content-API actions shared by the case types: filing a case from the website or app. */
import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { CaseKind } from '../domain/case-kind';
import { sendError } from './http-errors';
import { IntakeError, fileCase } from './intake';
import { allowIntakeAttempt } from './rate-limit';
import { supportReport } from './triage/support';

interface UploadedPart {
  filepath: string;
  originalFilename?: string | null;
}

/** Every file part of a multipart body, whatever its field name (photos, files.photos…). */
export async function readFiles(ctx: Context) {
  const files =
    (ctx.request as unknown as { files?: Record<string, UploadedPart | UploadedPart[]> }).files ??
    {};
  const parts = Object.values(files).flatMap((f) => (Array.isArray(f) ? f : [f]));
  return Promise.all(
    parts.map(async (p) => ({
      buffer: await fs.readFile(p.filepath),
      name: p.originalFilename ?? 'photo',
    }))
  );
}

/** The JSON body, or the JSON object in the `data` field of a multipart form. */
export function requestBody(ctx: Context): Record<string, unknown> {
  const body = ((ctx.request as unknown as { body?: Record<string, unknown> }).body ??
    {}) as Record<string, unknown>;
  if (typeof body.data !== 'string') return body;
  try {
    const parsed = JSON.parse(body.data);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // answered below
  }
  throw new IntakeError(400, 'data must be a JSON object', 'data');
}

export function citizenUserId(ctx: Context): number | null {
  const state = ctx.state as { user?: { id: number }; auth?: { strategy?: { name?: string } } };
  return state.auth?.strategy?.name === 'users-permissions' && state.user ? state.user.id : null;
}

export function intakeAction(strapi: Core.Strapi, kind: CaseKind) {
  return async (ctx: Context) => {
    if (!(await allowIntakeAttempt(strapi, ctx))) return;
    try {
      const result = await fileCase(strapi, kind, {
        body: ((ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {}) as Record<
          string,
          unknown
        >,
        files: await readFiles(ctx),
        userId: citizenUserId(ctx),
      });
      ctx.status = 201;
      ctx.body = { data: result };
    } catch (error) {
      if (error instanceof IntakeError)
        return sendError(ctx, error.status, error.message, error.field);
      throw error;
    }
  };
}

/** POST /api/reports/:code/support: "me too" on a report already on the map. */
export function supportAction(strapi: Core.Strapi) {
  return async (ctx: Context) => {
    if (!(await allowIntakeAttempt(strapi, ctx))) return;
    try {
      const result = await supportReport(
        strapi,
        String(ctx.params.code ?? ''),
        requestBody(ctx),
        citizenUserId(ctx)
      );
      ctx.status = result.alreadySupporting ? 200 : 201;
      ctx.body = { data: result };
    } catch (error) {
      if (error instanceof IntakeError)
        return sendError(ctx, error.status, error.message, error.field);
      throw error;
    }
  };
}
