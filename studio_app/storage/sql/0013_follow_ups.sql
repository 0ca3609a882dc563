-- What is raised in a contact or found in an activity grows into a visit or a proposal /
-- 社情民意, linked to it (core/kinds.py: VISIT and PROPOSAL declare Origin("contact") and
-- Origin("activity")).
ALTER TABLE "proposal_source" ADD COLUMN "contact_id" INTEGER REFERENCES "contact" ("id") ON DELETE RESTRICT;
ALTER TABLE "proposal_source" ADD COLUMN "activity_id" INTEGER REFERENCES "activity" ("id") ON DELETE RESTRICT;
CREATE INDEX "proposal_source_contact_id" ON "proposal_source" ("contact_id");
CREATE INDEX "proposal_source_activity_id" ON "proposal_source" ("activity_id");
CREATE TABLE "visit_source" ("id" INTEGER NOT NULL PRIMARY KEY, "visit_id" INTEGER NOT NULL REFERENCES "visit" ("id") ON DELETE CASCADE, "contact_id" INTEGER REFERENCES "contact" ("id") ON DELETE RESTRICT, "activity_id" INTEGER REFERENCES "activity" ("id") ON DELETE RESTRICT);
CREATE INDEX "visit_source_visit_id" ON "visit_source" ("visit_id");
CREATE INDEX "visit_source_contact_id" ON "visit_source" ("contact_id");
CREATE INDEX "visit_source_activity_id" ON "visit_source" ("activity_id");
