/**
 * The app for the e2e suite: the compiled Strapi with its built admin panel (npm run build),
 * listening on a free loopback port so a real browser can load it.
 */
import { createStrapi, type Core } from '@strapi/strapi';
import type { AddressInfo } from 'net';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');

export async function startServedStrapi(): Promise<{ strapi: Core.Strapi; base: string }> {
  const app = createStrapi({
    appDir: root,
    distDir: path.join(root, 'dist'),
    serveAdminPanel: true,
  });
  await app.load();
  await app.server.mount();
  await new Promise<void>((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.httpServer.address() as AddressInfo;
  return { strapi: app, base: `http://127.0.0.1:${port}` };
}
