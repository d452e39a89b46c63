// The citizen's private page, opened by the signed link of their emails (src/lib/private-links.ts).
export default {
  routes: [
    {
      method: 'GET',
      path: '/private/:token',
      handler: 'private-case.show',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/private/:token/replies',
      handler: 'private-case.reply',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/private/:token/confirm',
      handler: 'private-case.confirm',
      config: { policies: [] },
    },
  ],
};
