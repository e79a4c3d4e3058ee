-- Migration 0002_add_comments_organization_id_and_9_more (sqlite), written by `loom generate`. Never edit an applied migration.
DROP INDEX IF EXISTS "projects_name_key";
DROP INDEX IF EXISTS "projects_external_id_key";
DROP INDEX IF EXISTS "tasks_code_key";
ALTER TABLE "comments" ADD COLUMN "organization_id" TEXT;
ALTER TABLE "comments" ADD COLUMN "author_id" TEXT;
ALTER TABLE "projects" ADD COLUMN "organization_id" TEXT;
ALTER TABLE "tasks" ADD COLUMN "organization_id" TEXT;
CREATE INDEX IF NOT EXISTS "comments_tenant_idx" ON "comments" ("organization_id", "author_id");
CREATE INDEX IF NOT EXISTS "projects_tenant_idx" ON "projects" ("organization_id");
CREATE UNIQUE INDEX IF NOT EXISTS "projects_name_key" ON "projects" ("organization_id", "name");
CREATE UNIQUE INDEX IF NOT EXISTS "projects_external_id_key" ON "projects" ("organization_id", "external_id");
CREATE INDEX IF NOT EXISTS "tasks_tenant_idx" ON "tasks" ("organization_id");
CREATE UNIQUE INDEX IF NOT EXISTS "tasks_code_key" ON "tasks" ("organization_id", "code");
