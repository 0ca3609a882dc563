-- Schema version 8: the county office's own work on proposal-type records (docs/COUNTY.md).
-- converted_to: the kind a proposal was converted into (review 'converted'); reply_text: the
-- unit's reply as received (the summary stays short); adopted_at/adopted_by: when and by whom
-- a 社情民意 was adopted; instruction_leader: who gave the 批示. All county-owned.
ALTER TABLE "proposal" ADD COLUMN "converted_to" VARCHAR(16) NOT NULL DEFAULT '';
ALTER TABLE "proposal" ADD COLUMN "reply_text" TEXT NOT NULL DEFAULT '';
ALTER TABLE "proposal" ADD COLUMN "adopted_at" DATE;
ALTER TABLE "proposal" ADD COLUMN "adopted_by" VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE "proposal" ADD COLUMN "instruction_leader" VARCHAR(100) NOT NULL DEFAULT '';
-- The county's lists and desk filter by studio and by where a record stands in review.
CREATE INDEX "proposal_live_origin" ON "proposal" ("origin_site", "kind") WHERE "deleted_at" IS NULL;
CREATE INDEX "proposal_live_review" ON "proposal" ("review", "reply_class", "reply_due") WHERE "deleted_at" IS NULL;
CREATE INDEX "proposal_live_adopted" ON "proposal" ("kind", "adopted_at") WHERE "deleted_at" IS NULL AND "adoption_level" != '';
