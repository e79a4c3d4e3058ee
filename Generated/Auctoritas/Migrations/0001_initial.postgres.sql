-- Migration 0001_initial (postgres), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "user_data" ("id" UUID PRIMARY KEY, "key" TEXT NOT NULL, "value" TEXT, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL, "organization_id" TEXT, "project_id" TEXT, "user_id" TEXT);
CREATE INDEX IF NOT EXISTS "user_data_tenant_idx" ON "user_data" ("organization_id", "project_id", "user_id");
