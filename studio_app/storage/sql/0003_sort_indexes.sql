-- Schema version 3: every sortable column of the visits list has an index over live rows,
-- so sorting a million visits by it reads one page instead of sorting the table.

CREATE INDEX "visit_live_serial" ON "visit" ("serial", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "visit_live_handling" ON "visit" ("handling", "occurred_at", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "visit_live_due" ON "visit" (COALESCE("due_at", ''), "occurred_at", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "interview_live_title" ON "interview" ("title", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "member_live_name" ON "member" ("name", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "resident_live_name" ON "resident" ("name", "id") WHERE "deleted_at" IS NULL;
