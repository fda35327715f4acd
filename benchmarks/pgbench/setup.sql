-- The pgbench baseline's fixture, in the benchmark database after the HTTP scenarios: the readers
-- the HTTP run registered (numbered, so a script can pick one at random) and fresh copies of one of
-- its books (taken in order by a sequence, so every checkout finds an available copy).
DROP TABLE IF EXISTS public.pgbench_readers;
CREATE TABLE public.pgbench_readers AS
    SELECT row_number() OVER (ORDER BY reader_id)::int AS n, reader_id FROM lending.reader_eligibility;
CREATE UNIQUE INDEX ON public.pgbench_readers (n);
DROP SEQUENCE IF EXISTS public.pgbench_copy;
CREATE SEQUENCE public.pgbench_copy;
DROP SEQUENCE IF EXISTS public.pgbench_outbox;
CREATE SEQUENCE public.pgbench_outbox;
INSERT INTO lending.copies (id, isbn, barcode, status, added_at, version)
    SELECT gen_random_uuid(), (SELECT isbn FROM lending.books ORDER BY isbn LIMIT 1), 'PGBENCH-' || i, 'Available', now(), 1
    FROM generate_series(1, :copies) AS i;
ANALYZE;
