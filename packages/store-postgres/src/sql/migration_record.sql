-- Records an applied migration.
INSERT INTO __schema__.migrations (version, name) VALUES ($1, $2)
