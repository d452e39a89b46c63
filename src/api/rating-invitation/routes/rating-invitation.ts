// The citizen's rating page, opened by the single-use link of the invitation email
// (src/lib/deadlines/ratings.ts). No CRUD route: invitations are never listed.
export default {
  routes: [
    {
      method: 'GET',
      path: '/ratings/:token',
      handler: 'rating-invitation.show',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/ratings/:token',
      handler: 'rating-invitation.rate',
      config: { policies: [] },
    },
  ],
};
