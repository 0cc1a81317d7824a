-- Claims values without checks, a later claim winning (rebuilds replay history in order).
INSERT INTO __schema__.uniques AS u (scope, value, owner)
SELECT DISTINCT ON (scope, value) scope, value, owner
FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS c(scope, value, owner, ord)
ORDER BY scope, value, ord DESC
ON CONFLICT (scope, value) DO UPDATE SET owner = excluded.owner
