-- 0008-phone-index.sql: search_phone without positions, split as ASCII
-- (issue 5: seeding at scale; src/store/search.c).
--
-- A phone query is a few digit strings OR-ed, one token each, never a
-- phrase: FTS5 never reads the positions 0007 kept (detail=none).  The
-- values are digits and spaces only (csm_phone_keys()), which the ascii
-- tokenizer splits as unicode61 does, with less work per character.
-- Measured on the phones of a scale 200 seed (657,599 values), filling the
-- index and merging it on one core: 33.6 s before, 27.9 s after; 167 MB
-- before, 120 MB after.  The prefix indexes stay: without the one of 6
-- digits a 6-digit query would merge every suffix that starts with them,
-- thousands where numbers share a prefix.
--
-- The triggers of 0007 write it by name, and go on as they are.

DROP TABLE search_phone;

CREATE VIRTUAL TABLE search_phone USING fts5(
  value,
  content = 'search_phone_source',
  content_rowid = 'rid',
  tokenize = 'ascii',
  prefix = '3 4 5 6',
  columnsize = 0,
  detail = none
);

INSERT INTO search_phone(search_phone) VALUES ('rebuild');
