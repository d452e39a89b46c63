-- Grows a seeded benchmark database to :target reports by copying the reports `npm run seed`
-- generated (ids 1..N, contiguous on a fresh database), with their topic, office, citizen and team
-- links; each copy gets a fresh documentId and the next reference code of the seed's year. Used
-- when the generator is too slow on a shared machine (docs/BENCHMARKS.md, "Deadline sweep").
--
--   psql -h 127.0.0.1 -U postgres -d benecomune_bench -v target=1000000 -f bench/replicate-reports.sql
\set ON_ERROR_STOP on
BEGIN;
SELECT max(id) AS n, count(*) AS c FROM reports \gset
SELECT CASE WHEN :n <> :c THEN 1/0 END; -- the seeded ids must be contiguous
SELECT year AS seed_year FROM bc_reference_counters WHERE kind = 'report' ORDER BY year DESC LIMIT 1 \gset
SELECT set_config('bench.seed_year', :'seed_year', true);

CREATE TEMP TABLE copies ON COMMIT DROP AS
  SELECT g AS id, ((g - 1) % :n) + 1 AS src FROM generate_series(:n + 1, :target) AS g;

DO $$
DECLARE cols text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
    FROM information_schema.columns
   WHERE table_schema = current_schema() AND table_name = 'reports'
     AND column_name NOT IN ('id', 'document_id', 'reference_code');
  EXECUTE format(
    'INSERT INTO reports (id, document_id, reference_code, %1$s)
     SELECT c.id, chr(97 + (c.id %% 26)) || left(md5(r.document_id || c.id), 23),
            %2$L || lpad(c.id::text, greatest(6, length(c.id::text)), %3$L), %4$s
       FROM copies c JOIN reports r ON r.id = c.src',
    cols, 'SEG-' || current_setting('bench.seed_year') || '-', '0',
    (SELECT string_agg('r.' || quote_ident(column_name), ', ' ORDER BY ordinal_position)
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'reports'
        AND column_name NOT IN ('id', 'document_id', 'reference_code')));
END $$;

INSERT INTO reports_topic_lnk (report_id, topic_id)
  SELECT c.id, l.topic_id FROM copies c JOIN reports_topic_lnk l ON l.report_id = c.src;
INSERT INTO reports_office_lnk (report_id, office_id)
  SELECT c.id, l.office_id FROM copies c JOIN reports_office_lnk l ON l.report_id = c.src;
INSERT INTO reports_citizen_lnk (report_id, citizen_id, report_ord)
  SELECT c.id, l.citizen_id, l.report_ord FROM copies c JOIN reports_citizen_lnk l ON l.report_id = c.src;
INSERT INTO reports_team_lnk (report_id, team_id)
  SELECT c.id, l.team_id FROM copies c JOIN reports_team_lnk l ON l.report_id = c.src;

SELECT setval('reports_id_seq', :target);
UPDATE bc_reference_counters SET last_value = :target WHERE kind = 'report' AND year = :seed_year;
COMMIT;
