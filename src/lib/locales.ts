/** Italian is the default content locale; English is the second (DESIGN.md). */
import type { Core } from '@strapi/strapi';

export const CONTENT_LOCALES = [
  { code: 'it', name: 'Italian (it)' },
  { code: 'en', name: 'English (en)' },
];

export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  const existing: { code: string }[] = await locales.find();
  for (const locale of CONTENT_LOCALES) {
    if (!existing.some((l) => l.code === locale.code)) await locales.create(locale);
  }
  if ((await locales.getDefaultLocale()) !== 'it') await locales.setDefaultLocale({ code: 'it' });
}
