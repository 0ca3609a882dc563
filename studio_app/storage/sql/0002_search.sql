-- Schema version 2: full-text search over visits, interviews and proposal-type records.
-- A visit is found by what the resident said, its people, place and serial.
-- Contentless FTS5 tables (the text already lives in the record tables) fed by triggers
-- through search_doc(), which splits Chinese text into one token per character so that
-- 1- and 2-character queries work (searched as phrases). search_doc is registered on every
-- connection by the application; a connection without it cannot change these tables,
-- which keeps the index from drifting. Only live rows are indexed: a count of matches
-- needs no lookups to leave out the trash, which is small and searched without the index.

CREATE VIRTUAL TABLE visit_fts USING fts5(doc, content='', detail='full', tokenize="unicode61 remove_diacritics 0");

CREATE TRIGGER visit_fts_insert AFTER INSERT ON visit WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO visit_fts(rowid, doc) VALUES (new.id, search_doc(new.serial, new.place, new.member_names, new.resident_names, new.content));
END;
CREATE TRIGGER visit_fts_update AFTER UPDATE OF serial, place, member_names, resident_names, content, deleted_at ON visit BEGIN
  INSERT INTO visit_fts(visit_fts, rowid, doc) SELECT 'delete', old.id, search_doc(old.serial, old.place, old.member_names, old.resident_names, old.content) WHERE old.deleted_at IS NULL;
  INSERT INTO visit_fts(rowid, doc) SELECT new.id, search_doc(new.serial, new.place, new.member_names, new.resident_names, new.content) WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER visit_fts_delete AFTER DELETE ON visit WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO visit_fts(visit_fts, rowid, doc) VALUES ('delete', old.id, search_doc(old.serial, old.place, old.member_names, old.resident_names, old.content));
END;

CREATE VIRTUAL TABLE interview_fts USING fts5(doc, content='', detail='full', tokenize="unicode61 remove_diacritics 0");

CREATE TRIGGER interview_fts_insert AFTER INSERT ON interview WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO interview_fts(rowid, doc) VALUES (new.id, search_doc(new.serial, new.title, new.place_or_platform, new.member_names, new.resident_names, new.participant_note, new.views, new.follow_up));
END;
CREATE TRIGGER interview_fts_update AFTER UPDATE OF serial, title, place_or_platform, member_names, resident_names, participant_note, views, follow_up, deleted_at ON interview BEGIN
  INSERT INTO interview_fts(interview_fts, rowid, doc) SELECT 'delete', old.id, search_doc(old.serial, old.title, old.place_or_platform, old.member_names, old.resident_names, old.participant_note, old.views, old.follow_up) WHERE old.deleted_at IS NULL;
  INSERT INTO interview_fts(rowid, doc) SELECT new.id, search_doc(new.serial, new.title, new.place_or_platform, new.member_names, new.resident_names, new.participant_note, new.views, new.follow_up) WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER interview_fts_delete AFTER DELETE ON interview WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO interview_fts(interview_fts, rowid, doc) VALUES ('delete', old.id, search_doc(old.serial, old.title, old.place_or_platform, old.member_names, old.resident_names, old.participant_note, old.views, old.follow_up));
END;

CREATE VIRTUAL TABLE proposal_fts USING fts5(doc, content='', detail='full', tokenize="unicode61 remove_diacritics 0");

CREATE TRIGGER proposal_fts_insert AFTER INSERT ON proposal WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO proposal_fts(rowid, doc) VALUES (new.id, search_doc(new.serial, new.title, new.co_signer_names, new.facts, new.analysis, new.recommendations, new.county_no, new.reply_summary));
END;
CREATE TRIGGER proposal_fts_update AFTER UPDATE OF serial, title, co_signer_names, facts, analysis, recommendations, county_no, reply_summary, deleted_at ON proposal BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, doc) SELECT 'delete', old.id, search_doc(old.serial, old.title, old.co_signer_names, old.facts, old.analysis, old.recommendations, old.county_no, old.reply_summary) WHERE old.deleted_at IS NULL;
  INSERT INTO proposal_fts(rowid, doc) SELECT new.id, search_doc(new.serial, new.title, new.co_signer_names, new.facts, new.analysis, new.recommendations, new.county_no, new.reply_summary) WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER proposal_fts_delete AFTER DELETE ON proposal WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, doc) VALUES ('delete', old.id, search_doc(old.serial, old.title, old.co_signer_names, old.facts, old.analysis, old.recommendations, old.county_no, old.reply_summary));
END;

-- Rows written under version 1 are indexed now.
INSERT INTO visit_fts(rowid, doc) SELECT id, search_doc(serial, place, member_names, resident_names, content) FROM visit WHERE deleted_at IS NULL;
INSERT INTO interview_fts(rowid, doc) SELECT id, search_doc(serial, title, place_or_platform, member_names, resident_names, participant_note, views, follow_up) FROM interview WHERE deleted_at IS NULL;
INSERT INTO proposal_fts(rowid, doc) SELECT id, search_doc(serial, title, co_signer_names, facts, analysis, recommendations, county_no, reply_summary) FROM proposal WHERE deleted_at IS NULL;
