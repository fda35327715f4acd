-- One checkout, statement for statement as the development host issues it (from the EF Core command
-- log, plus the loan-number draw and the CAP outbox row, which are not EF statements): the number in
-- a short transaction of its own, then the checkout's transaction with the outbox row, then CAP's
-- post-send status update. pgbench's "transactions per second" is checkouts per second.
\set r random(1, :readers)
BEGIN;
INSERT INTO lending.loan_number_counters AS counter (year, last_number) VALUES (extract(year FROM now())::int, 1)
    ON CONFLICT (year) DO UPDATE SET last_number = counter.last_number + 1 RETURNING last_number AS number \gset
COMMIT;
BEGIN;
SELECT reader_id FROM lending.reader_eligibility WHERE reader_id = (SELECT reader_id FROM public.pgbench_readers WHERE n = :r) FOR UPDATE \gset
SELECT id AS copy_id, isbn, barcode, version AS copy_version FROM lending.copies WHERE barcode = (SELECT 'PGBENCH-' || nextval('public.pgbench_copy')) FOR UPDATE \gset
SELECT l.id, l.currency, l.fine_per_day_cents, l.loan_period_days, l.lost_item_fee_cents, l.max_active_loans, l.max_fine_per_loan_cents, l.max_fines_owed_cents, l.max_renewals, l.updated_at, l.version
    FROM lending.lending_policy AS l LIMIT 2;
SELECT count(*) FILTER (WHERE l0.status = 'Active')::int AS open, count(*) FILTER (WHERE l0.status = 'Active' AND l0.due_date < now())::int AS overdue,
    (SELECT COALESCE(sum(CASE WHEN l1.fine_id IS NOT NULL THEN ((l1.fine_late_fee_cents + l1.fine_lost_fee_cents) - l1.fine_paid_cents) - l1.fine_waived_cents ELSE 0 END), 0.0)::bigint
       FROM lending.loans AS l1 WHERE l1.reader_id = ':reader_id') AS owed
    FROM lending.loans AS l0 WHERE l0.reader_id = ':reader_id' GROUP BY 1 = 1;
SELECT b.isbn, b.added_at, b.authors, b.genre, b.title AS title, b.version FROM lending.books AS b WHERE b.isbn = ':isbn' LIMIT 2 \gset
UPDATE lending.copies SET status = 'OnLoan', version = :copy_version + 1 WHERE id = ':copy_id' AND version = :copy_version;
INSERT INTO lending.loans (id, barcode, checked_out_at, copy_id, currency, due_date, fine_per_day_cents, isbn, loan_number, lost_at, max_fine_per_loan_cents, reader_id, renewals, return_comment, returned_at, status, title, version)
    VALUES (gen_random_uuid(), ':barcode', now(), ':copy_id', 'EUR', now() + interval '15 days', 50, ':isbn', extract(year FROM now())::int || '/' || :number, NULL, 5000, ':reader_id', 0, NULL, NULL, 'Active', ':title', 1);
INSERT INTO cap.published ("Id", "Version", "Name", "Content", "Retries", "Added", "ExpiresAt", "StatusName")
    VALUES (-nextval('public.pgbench_outbox'), 'v1', 'loan.created', repeat('x', 1064), 0, now(), NULL, 'Scheduled') RETURNING -"Id" AS outbox_id \gset
COMMIT;
UPDATE cap.published SET "Retries" = 0, "ExpiresAt" = now() + interval '1 day', "StatusName" = 'Succeeded' WHERE "Id" = -:outbox_id;
