-- A consultation grows from election observations too (core/kinds.py: CONSULTATION declares
-- Origin("election")). The table is rebuilt rather than altered: a database made since step
-- 11 already has the column (that step's SQL comes from the declaration), an older one not.
CREATE TABLE "consultation_source_new" ("id" INTEGER NOT NULL PRIMARY KEY, "consultation_id" INTEGER NOT NULL REFERENCES "consultation" ("id") ON DELETE CASCADE, "visit_id" INTEGER REFERENCES "visit" ("id") ON DELETE RESTRICT, "election_id" INTEGER REFERENCES "election" ("id") ON DELETE RESTRICT);
INSERT INTO "consultation_source_new" ("id", "consultation_id", "visit_id") SELECT "id", "consultation_id", "visit_id" FROM "consultation_source";
DROP TABLE "consultation_source";
ALTER TABLE "consultation_source_new" RENAME TO "consultation_source";
CREATE INDEX "consultation_source_consultation_id" ON "consultation_source" ("consultation_id");
CREATE INDEX "consultation_source_visit_id" ON "consultation_source" ("visit_id");
CREATE INDEX "consultation_source_election_id" ON "consultation_source" ("election_id");
