-- Migration 0001_initial (postgres), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "contacts" ("id" UUID PRIMARY KEY, "email" TEXT NOT NULL, "first_name" TEXT, "last_name" TEXT, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL, "deleted_at" TIMESTAMPTZ);
CREATE TABLE "projects" ("id" UUID PRIMARY KEY, "name" TEXT NOT NULL, "status" TEXT NOT NULL DEFAULT 'active', "priority" BIGINT NOT NULL DEFAULT 1, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL, "deleted_at" TIMESTAMPTZ);
CREATE UNIQUE INDEX IF NOT EXISTS "contacts_email_key" ON "contacts" ("email");
CREATE INDEX IF NOT EXISTS "projects_status_priority_idx" ON "projects" ("status", "priority");
CREATE INDEX IF NOT EXISTS "projects_search" ON "projects" USING GIN (to_tsvector('simple', coalesce("name", '')));
