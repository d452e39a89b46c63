/**
 * Who is writing: recorded on every case event. Requests carry their user (admin or citizen);
 * jobs and internal services declare themselves with runAs().
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

export type ActorType = 'system' | 'staff' | 'citizen';
export interface Actor {
  type: ActorType;
  id?: string | null;
  name?: string | null;
}

const declared = new AsyncLocalStorage<Actor>();

export function runAs<T>(actor: Actor, fn: () => Promise<T>): Promise<T> {
  return declared.run(actor, fn);
}

interface RequestState {
  user?: {
    id?: number | string;
    firstname?: string;
    lastname?: string;
    username?: string;
    email?: string;
  };
  auth?: { strategy?: { name?: string } };
}

export function currentActor(strapi: Core.Strapi): Actor {
  const explicit = declared.getStore();
  if (explicit) return explicit;

  const state = strapi.requestContext.get()?.state as RequestState | undefined;
  const user = state?.user;
  const strategy = state?.auth?.strategy?.name;
  if (user && strategy === 'admin') {
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null;
    return { type: 'staff', id: String(user.id), name };
  }
  if (user && strategy === 'users-permissions') {
    // A citizen's name is personal data: the event keeps only their account id.
    return { type: 'citizen', id: String(user.id), name: null };
  }
  if (strategy === 'api-token' || strategy === 'content-api-token')
    return { type: 'system', name: 'api-token' };
  return { type: 'system', name: null };
}
