'use strict';

/**
 * Counters behind the reference codes (SEG-2026-000123): one row per case kind and year, bumped
 * inside the transaction that creates the case, so codes are unique and gapless. This table is
 * ours, not a content type, so it can be created here, before Strapi's schema sync.
 */
module.exports = {
  async up(knex) {
    if (await knex.schema.hasTable('bc_reference_counters')) return;
    await knex.schema.createTable('bc_reference_counters', (t) => {
      t.string('kind', 16).notNullable();
      t.integer('year').notNullable();
      t.integer('last_value').notNullable();
      t.primary(['kind', 'year']);
    });
  },
};
