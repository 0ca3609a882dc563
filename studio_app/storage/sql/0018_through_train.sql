-- 直通车: a proposal / 社情民意 a member sends straight to the county (core/kinds.py:
-- PROPOSAL's "through_train"). The county lists them first, newest submitted first.
ALTER TABLE "proposal" ADD COLUMN "through_train" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "proposal_sort_through_train" ON "proposal" ("through_train", COALESCE("submitted_at", '')) WHERE "deleted_at" IS NULL;
