-- Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d), as
-- the superuser, in the database POSTGRES_DB names. The same set-up as
-- libs/database/src/database-roles.ts, which `npm run migration:run` and the demo run when
-- DATABASE_ADMIN_URL is set: an owner role that owns the schema and runs the migrations, and a
-- runtime role for the api and worker that owns nothing (the migrations grant it what it needs).
-- Trust authentication, so no passwords: local development only.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'biotekbyen_owner') THEN
    CREATE ROLE biotekbyen_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'biotekbyen_app') THEN
    CREATE ROLE biotekbyen_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
END
$$;
ALTER DATABASE biotekbyen OWNER TO biotekbyen_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
