-- Who holds a unique value.
SELECT owner FROM __schema__.uniques WHERE scope = $1 AND value = $2
