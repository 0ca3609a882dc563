-- The county's designations of an accepted proposal: 重点提案 (key) and 优秀提案 (excellent)
-- (core/kinds.py: PROPOSAL's "key_proposal" and "excellent"; services/county_work.py:
-- designate). Each earns its authors duty points (core/kinds.py: PROPOSAL.point_rules).
ALTER TABLE "proposal" ADD COLUMN "key_proposal" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "proposal" ADD COLUMN "excellent" INTEGER NOT NULL DEFAULT 0;
