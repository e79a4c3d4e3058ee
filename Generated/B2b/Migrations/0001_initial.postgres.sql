-- Migration 0001_initial (postgres), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "organizations" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL);
CREATE TABLE "users" ("id" TEXT PRIMARY KEY, "email" TEXT NOT NULL, "name" TEXT, "organization_id" TEXT REFERENCES "organizations" ("id") ON DELETE SET NULL, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS "users_email_key" ON "users" ("email");
CREATE INDEX IF NOT EXISTS "users_organization_id_idx" ON "users" ("organization_id");
