/**
 * Downloads a file from a console route (CSV, GPX). The admin's token is not a cookie the server
 * reads, so a plain link would not be signed in: the file is fetched with the admin client and
 * handed to the browser as a blob, under the name the server gave it.
 */
import { useCallback } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { BASE, errorText } from './api';

export function fileNameOf(disposition: string | null | undefined, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]) : fallback;
}

/** Resolves once the browser has the file; rejects with the server's sentence. */
export function useDownload() {
  const { get } = useFetchClient();
  return useCallback(
    async (path: string, fallbackName: string) => {
      try {
        const res = await get(`${BASE}${path}`, { responseType: 'blob' });
        const url = URL.createObjectURL(res.data);
        const a = document.createElement('a');
        a.href = url;
        a.download = fileNameOf(res.headers?.get('Content-Disposition'), fallbackName);
        a.style.display = 'none';
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 30_000);
      } catch (e) {
        throw new Error(errorText(e));
      }
    },
    [get]
  );
}
