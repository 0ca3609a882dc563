-- Schema version 3: the sortable columns of the visits list that lacked an index get one
-- over live rows, so sorting a million visits reads one page instead of sorting the table.
-- (Serial sorts along the unique (origin_site, serial) index.)

CREATE INDEX "visit_live_due" ON "visit" (COALESCE("due_at", ''), "occurred_at") WHERE "deleted_at" IS NULL;
CREATE INDEX "interview_live_title" ON "interview" ("title") WHERE "deleted_at" IS NULL;
CREATE INDEX "member_live_name" ON "member" ("name") WHERE "deleted_at" IS NULL;
CREATE INDEX "resident_live_name" ON "resident" ("name") WHERE "deleted_at" IS NULL;
