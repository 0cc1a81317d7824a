-- Wakes every listener of the schema's channel (after-commit notification mode). The events were already committed
-- durably; this transaction holds only the wake-up, so it commits without waiting for a WAL flush (a NOTIFY gives its
-- transaction an id and would otherwise cost one more fsync per append).
SELECT pg_notify($1, '') AS notified, set_config('synchronous_commit', 'off', true) AS async_commit
