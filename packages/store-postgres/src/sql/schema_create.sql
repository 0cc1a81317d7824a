-- The store's schema.
CREATE SCHEMA IF NOT EXISTS __schema__
