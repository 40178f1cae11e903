-- 0006-search-exact.sql: exact names whatever their id, and phone numbers
-- by any part of their digits (issue 5; src/store/search.c).
--
-- Exact matches.  The lookup reads only the first rows of each kind of a
-- match in rowid order (0003-search.sql), so a name that equals the typed
-- text was missed when more than `limit` longer names holding the word had
-- lower ids.  search_exact is a second, small FTS5 index over names, codes
-- and serial numbers (record numbers need none: a number is one token of
-- its own, met first in rowid order), with the same rowids and tokenizer as
-- search_fts.  Its value is the field without ASCII punctuation, spaces and
-- control characters ('Müller & Söhne' -> 'MüllerSöhne'), so that it is one
-- token, folded by the tokenizer like search_fts; the lookup probes it with
-- the typed text made the same way (^"MULLERSOHNE"), one term look-up per
-- kind, and ranks what it finds as exact when the value normalizes equal.
-- No prefix indexes: only whole values are looked up.
--
-- Phones.  A phone is indexed by its digits and every digit suffix of 4 to
-- 15 digits ('+49 (30) 1234-567' -> '49301234567 4567 34567 ... 9301234567'),
-- so that a prefix query on digits finds any run of 4 or more digits in the
-- number: national and international forms ("030 1234567" less its 0, or
-- "+49 30 1234567" less the country code, which the lookup drops in turn)
-- and the area code with the start of the subscriber number ("301234").
-- This replaces 0003's whole digits and their last 10, 7 and 4.
--
-- Size.  At seed scale 100 (99k contacts, 99k consumers, 201k install base
-- items) the suffixes make search_fts_data 184 -> 258 MB and search_exact
-- adds 6 MB.  Both tables are made with columnsize=0: the lookup ranks
-- without bm25(), so the per-row token counts (%_docsize, 28 MB for
-- search_fts at that scale) are not kept.
--
-- Both indexes are rebuilt here from the tables, as store_search_rebuild()
-- does after a bulk load.  The triggers keep 0003's names, columns and
-- WHEN csm_index_on(); each now writes both indexes.

-- ------------------------------------------------ the old triggers and view
DROP TRIGGER search_account_insert;
DROP TRIGGER search_account_delete;
DROP TRIGGER search_account_update_old;
DROP TRIGGER search_account_update_new;
DROP TRIGGER search_contact_insert;
DROP TRIGGER search_contact_delete;
DROP TRIGGER search_contact_update_old;
DROP TRIGGER search_contact_update_new;
DROP TRIGGER search_consumer_insert;
DROP TRIGGER search_consumer_delete;
DROP TRIGGER search_consumer_update_old;
DROP TRIGGER search_consumer_update_new;
DROP TRIGGER search_household_insert;
DROP TRIGGER search_household_delete;
DROP TRIGGER search_household_update_old;
DROP TRIGGER search_household_update_new;
DROP TRIGGER search_cases_insert;
DROP TRIGGER search_cases_delete;
DROP TRIGGER search_cases_update_old;
DROP TRIGGER search_cases_update_new;
DROP TRIGGER search_install_base_item_insert;
DROP TRIGGER search_install_base_item_delete;
DROP TRIGGER search_install_base_item_update_old;
DROP TRIGGER search_install_base_item_update_new;
DROP TRIGGER search_sold_product_insert;
DROP TRIGGER search_sold_product_delete;
DROP TRIGGER search_sold_product_update_old;
DROP TRIGGER search_sold_product_update_new;
DROP TRIGGER search_product_rename_old;
DROP TRIGGER search_product_rename_new;
DROP TABLE search_fts;
DROP VIEW search_source;

-- ------------------------------------------------------------ the new views
CREATE VIEW search_source(rid, value, kind, rec_id, field, inactive) AS
  SELECT (0 << 59) + ((4 * (a.active = 0) + 0) << 55) + (0 << 51) + a.id,
         a.number || ' ' || ltrim(csm_digits(a.number), '0'),
         0, a.id, 0, a.active = 0
    FROM account a
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 1) << 55) + (1 << 51) + a.id,
         a.name,
         0, a.id, 1, a.active = 0
    FROM account a
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 0) << 55) + (2 << 51) + a.id,
         a.code,
         0, a.id, 2, a.active = 0
    FROM account a WHERE a.code <> ''
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 2) << 55) + (3 << 51) + a.id,
         csm_digits(a.phone)
           || CASE WHEN length(csm_digits(a.phone)) > 4 THEN ' ' || substr(csm_digits(a.phone), -4) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 5 THEN ' ' || substr(csm_digits(a.phone), -5) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 6 THEN ' ' || substr(csm_digits(a.phone), -6) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 7 THEN ' ' || substr(csm_digits(a.phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 8 THEN ' ' || substr(csm_digits(a.phone), -8) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 9 THEN ' ' || substr(csm_digits(a.phone), -9) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 10 THEN ' ' || substr(csm_digits(a.phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 11 THEN ' ' || substr(csm_digits(a.phone), -11) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 12 THEN ' ' || substr(csm_digits(a.phone), -12) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 13 THEN ' ' || substr(csm_digits(a.phone), -13) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 14 THEN ' ' || substr(csm_digits(a.phone), -14) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 15 THEN ' ' || substr(csm_digits(a.phone), -15) ELSE '' END,
         0, a.id, 3, a.active = 0
    FROM account a WHERE a.phone <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 0) << 55) + (0 << 51) + c.id,
         c.number || ' ' || ltrim(csm_digits(c.number), '0'),
         1, c.id, 0, c.active = 0
    FROM contact c
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 1) << 55) + (1 << 51) + c.id,
         COALESCE(c.first_name || ' ', '') || c.last_name,
         1, c.id, 1, c.active = 0
    FROM contact c
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (2 << 51) + c.id,
         c.email,
         1, c.id, 2, c.active = 0
    FROM contact c WHERE c.email <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (3 << 51) + c.id,
         csm_digits(c.phone)
           || CASE WHEN length(csm_digits(c.phone)) > 4 THEN ' ' || substr(csm_digits(c.phone), -4) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 5 THEN ' ' || substr(csm_digits(c.phone), -5) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 6 THEN ' ' || substr(csm_digits(c.phone), -6) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 7 THEN ' ' || substr(csm_digits(c.phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 8 THEN ' ' || substr(csm_digits(c.phone), -8) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 9 THEN ' ' || substr(csm_digits(c.phone), -9) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 10 THEN ' ' || substr(csm_digits(c.phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 11 THEN ' ' || substr(csm_digits(c.phone), -11) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 12 THEN ' ' || substr(csm_digits(c.phone), -12) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 13 THEN ' ' || substr(csm_digits(c.phone), -13) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 14 THEN ' ' || substr(csm_digits(c.phone), -14) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 15 THEN ' ' || substr(csm_digits(c.phone), -15) ELSE '' END,
         1, c.id, 3, c.active = 0
    FROM contact c WHERE c.phone <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (4 << 51) + c.id,
         csm_digits(c.mobile)
           || CASE WHEN length(csm_digits(c.mobile)) > 4 THEN ' ' || substr(csm_digits(c.mobile), -4) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 5 THEN ' ' || substr(csm_digits(c.mobile), -5) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 6 THEN ' ' || substr(csm_digits(c.mobile), -6) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 7 THEN ' ' || substr(csm_digits(c.mobile), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 8 THEN ' ' || substr(csm_digits(c.mobile), -8) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 9 THEN ' ' || substr(csm_digits(c.mobile), -9) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 10 THEN ' ' || substr(csm_digits(c.mobile), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 11 THEN ' ' || substr(csm_digits(c.mobile), -11) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 12 THEN ' ' || substr(csm_digits(c.mobile), -12) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 13 THEN ' ' || substr(csm_digits(c.mobile), -13) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 14 THEN ' ' || substr(csm_digits(c.mobile), -14) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 15 THEN ' ' || substr(csm_digits(c.mobile), -15) ELSE '' END,
         1, c.id, 4, c.active = 0
    FROM contact c WHERE c.mobile <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 0) << 55) + (0 << 51) + c.id,
         c.number || ' ' || ltrim(csm_digits(c.number), '0'),
         2, c.id, 0, c.active = 0
    FROM consumer c
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 1) << 55) + (1 << 51) + c.id,
         COALESCE(c.first_name || ' ', '') || COALESCE(c.middle_name || ' ', '') || c.last_name || COALESCE(' ' || c.suffix, ''),
         2, c.id, 1, c.active = 0
    FROM consumer c
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (2 << 51) + c.id,
         c.email,
         2, c.id, 2, c.active = 0
    FROM consumer c WHERE c.email <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (3 << 51) + c.id,
         csm_digits(c.mobile_phone)
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 4 THEN ' ' || substr(csm_digits(c.mobile_phone), -4) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 5 THEN ' ' || substr(csm_digits(c.mobile_phone), -5) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 6 THEN ' ' || substr(csm_digits(c.mobile_phone), -6) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 7 THEN ' ' || substr(csm_digits(c.mobile_phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 8 THEN ' ' || substr(csm_digits(c.mobile_phone), -8) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 9 THEN ' ' || substr(csm_digits(c.mobile_phone), -9) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 10 THEN ' ' || substr(csm_digits(c.mobile_phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 11 THEN ' ' || substr(csm_digits(c.mobile_phone), -11) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 12 THEN ' ' || substr(csm_digits(c.mobile_phone), -12) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 13 THEN ' ' || substr(csm_digits(c.mobile_phone), -13) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 14 THEN ' ' || substr(csm_digits(c.mobile_phone), -14) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 15 THEN ' ' || substr(csm_digits(c.mobile_phone), -15) ELSE '' END,
         2, c.id, 3, c.active = 0
    FROM consumer c WHERE c.mobile_phone <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (4 << 51) + c.id,
         csm_digits(c.home_phone)
           || CASE WHEN length(csm_digits(c.home_phone)) > 4 THEN ' ' || substr(csm_digits(c.home_phone), -4) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 5 THEN ' ' || substr(csm_digits(c.home_phone), -5) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 6 THEN ' ' || substr(csm_digits(c.home_phone), -6) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 7 THEN ' ' || substr(csm_digits(c.home_phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 8 THEN ' ' || substr(csm_digits(c.home_phone), -8) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 9 THEN ' ' || substr(csm_digits(c.home_phone), -9) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 10 THEN ' ' || substr(csm_digits(c.home_phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 11 THEN ' ' || substr(csm_digits(c.home_phone), -11) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 12 THEN ' ' || substr(csm_digits(c.home_phone), -12) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 13 THEN ' ' || substr(csm_digits(c.home_phone), -13) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 14 THEN ' ' || substr(csm_digits(c.home_phone), -14) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 15 THEN ' ' || substr(csm_digits(c.home_phone), -15) ELSE '' END,
         2, c.id, 4, c.active = 0
    FROM consumer c WHERE c.home_phone <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (5 << 51) + c.id,
         csm_digits(c.business_phone)
           || CASE WHEN length(csm_digits(c.business_phone)) > 4 THEN ' ' || substr(csm_digits(c.business_phone), -4) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 5 THEN ' ' || substr(csm_digits(c.business_phone), -5) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 6 THEN ' ' || substr(csm_digits(c.business_phone), -6) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 7 THEN ' ' || substr(csm_digits(c.business_phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 8 THEN ' ' || substr(csm_digits(c.business_phone), -8) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 9 THEN ' ' || substr(csm_digits(c.business_phone), -9) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 10 THEN ' ' || substr(csm_digits(c.business_phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 11 THEN ' ' || substr(csm_digits(c.business_phone), -11) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 12 THEN ' ' || substr(csm_digits(c.business_phone), -12) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 13 THEN ' ' || substr(csm_digits(c.business_phone), -13) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 14 THEN ' ' || substr(csm_digits(c.business_phone), -14) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 15 THEN ' ' || substr(csm_digits(c.business_phone), -15) ELSE '' END,
         2, c.id, 5, c.active = 0
    FROM consumer c WHERE c.business_phone <> ''
  UNION ALL
  SELECT (3 << 59) + ((4 * (h.active = 0) + 0) << 55) + (0 << 51) + h.id,
         h.number || ' ' || ltrim(csm_digits(h.number), '0'),
         3, h.id, 0, h.active = 0
    FROM household h
  UNION ALL
  SELECT (3 << 59) + ((4 * (h.active = 0) + 1) << 55) + (1 << 51) + h.id,
         h.name,
         3, h.id, 1, h.active = 0
    FROM household h
  UNION ALL
  SELECT (4 << 59) + ((4 * (1 = 0) + 0) << 55) + (0 << 51) + k.id,
         k.number || ' ' || ltrim(csm_digits(k.number), '0'),
         4, k.id, 0, 1 = 0
    FROM cases k
  UNION ALL
  SELECT (4 << 59) + ((4 * (1 = 0) + 1) << 55) + (1 << 51) + k.id,
         k.short_description,
         4, k.id, 1, 1 = 0
    FROM cases k
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 0) << 55) + (0 << 51) + i.id,
         i.number || ' ' || ltrim(csm_digits(i.number), '0'),
         5, i.id, 0, i.state <> 'inactive' = 0
    FROM install_base_item i
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 1) << 55) + (1 << 51) + i.id,
         i.name,
         5, i.id, 1, i.state <> 'inactive' = 0
    FROM install_base_item i
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 0) << 55) + (2 << 51) + i.id,
         i.serial_number,
         5, i.id, 2, i.state <> 'inactive' = 0
    FROM install_base_item i WHERE i.serial_number <> ''
  UNION ALL
  SELECT (6 << 59) + ((4 * (s.active = 0) + 0) << 55) + (0 << 51) + s.id,
         s.number || ' ' || ltrim(csm_digits(s.number), '0'),
         6, s.id, 0, s.active = 0
    FROM sold_product s JOIN product p ON p.id = s.product_id
  UNION ALL
  SELECT (6 << 59) + ((4 * (s.active = 0) + 1) << 55) + (1 << 51) + s.id,
         p.name,
         6, s.id, 1, s.active = 0
    FROM sold_product s JOIN product p ON p.id = s.product_id;

CREATE VIEW search_exact_source(rid, value, kind, rec_id, field, inactive) AS
  SELECT rid, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(value, '/', ''), ':', ''), ';', ''), '<', ''), '=', ''), '>', ''), '?', ''), '@', ''), '[', ''), '\', ''), ']', ''), '^', ''), '_', ''), '`', ''), '{', ''), '|', ''), '}', ''), '~', ''),
         kind, rec_id, field, inactive
    FROM (SELECT rid, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(value, char(9), ''), char(10), ''), char(13), ''), ' ', ''), '!', ''), '"', ''), '#', ''), '$', ''), '%', ''), '&', ''), '''', ''), '(', ''), ')', ''), '*', ''), '+', ''), ',', ''), '-', ''), '.', '') AS value,
                 kind, rec_id, field, inactive
            FROM search_source WHERE field = 1 OR (field = 2 AND kind IN (0, 5)));

CREATE VIRTUAL TABLE search_fts USING fts5(
  value,
  content = 'search_source',
  content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4 5 6 7 8',
  columnsize = 0
);

CREATE VIRTUAL TABLE search_exact USING fts5(
  value,
  content = 'search_exact_source',
  content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2',
  columnsize = 0
);

-- ------------------------------------------- triggers that keep both indexes
-- account
CREATE TRIGGER search_account_insert AFTER INSERT ON account WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 0 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_account_delete BEFORE DELETE ON account WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 0 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_account_update_old BEFORE UPDATE OF id, number, name, code, phone, active ON account
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 0 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_account_update_new AFTER UPDATE OF id, number, name, code, phone, active ON account
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 0 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = NEW.id;
END;

-- contact
CREATE TRIGGER search_contact_insert AFTER INSERT ON contact WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 1 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_contact_delete BEFORE DELETE ON contact WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 1 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_contact_update_old BEFORE UPDATE OF id, number, first_name, last_name, email, phone, mobile, active ON contact
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 1 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_contact_update_new AFTER UPDATE OF id, number, first_name, last_name, email, phone, mobile, active ON contact
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 1 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = NEW.id;
END;

-- consumer
CREATE TRIGGER search_consumer_insert AFTER INSERT ON consumer WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 2 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_consumer_delete BEFORE DELETE ON consumer WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 2 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_consumer_update_old BEFORE UPDATE OF id, number, first_name, middle_name, last_name, suffix, email, mobile_phone, home_phone, business_phone, active ON consumer
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 2 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_consumer_update_new AFTER UPDATE OF id, number, first_name, middle_name, last_name, suffix, email, mobile_phone, home_phone, business_phone, active ON consumer
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 2 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = NEW.id;
END;

-- household
CREATE TRIGGER search_household_insert AFTER INSERT ON household WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 3 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 3 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_household_delete BEFORE DELETE ON household WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 3 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 3 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_household_update_old BEFORE UPDATE OF id, number, name, active ON household
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 3 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 3 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_household_update_new AFTER UPDATE OF id, number, name, active ON household
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 3 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 3 AND rec_id = NEW.id;
END;

-- cases
CREATE TRIGGER search_cases_insert AFTER INSERT ON cases WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 4 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 4 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_cases_delete BEFORE DELETE ON cases WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 4 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 4 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_cases_update_old BEFORE UPDATE OF id, number, short_description ON cases
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 4 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 4 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_cases_update_new AFTER UPDATE OF id, number, short_description ON cases
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 4 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 4 AND rec_id = NEW.id;
END;

-- install_base_item
CREATE TRIGGER search_install_base_item_insert AFTER INSERT ON install_base_item WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 5 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 5 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_install_base_item_delete BEFORE DELETE ON install_base_item WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 5 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 5 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_install_base_item_update_old BEFORE UPDATE OF id, number, name, serial_number, state ON install_base_item
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 5 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 5 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_install_base_item_update_new AFTER UPDATE OF id, number, name, serial_number, state ON install_base_item
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 5 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 5 AND rec_id = NEW.id;
END;

-- sold_product
CREATE TRIGGER search_sold_product_insert AFTER INSERT ON sold_product WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 6 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 6 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_sold_product_delete BEFORE DELETE ON sold_product WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 6 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 6 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_sold_product_update_old BEFORE UPDATE OF id, number, product_id, active ON sold_product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 6 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 6 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_sold_product_update_new AFTER UPDATE OF id, number, product_id, active ON sold_product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 6 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 6 AND rec_id = NEW.id;
END;

-- A sold product is found by its product's name: follow renames.
CREATE TRIGGER search_product_rename_old BEFORE UPDATE OF name ON product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 6 AND field = 1
       AND rec_id IN (SELECT id FROM sold_product WHERE product_id = OLD.id);
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 6 AND field = 1
       AND rec_id IN (SELECT id FROM sold_product WHERE product_id = OLD.id);
END;
CREATE TRIGGER search_product_rename_new AFTER UPDATE OF name ON product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 6 AND field = 1
       AND rec_id IN (SELECT id FROM sold_product WHERE product_id = NEW.id);
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 6 AND field = 1
       AND rec_id IN (SELECT id FROM sold_product WHERE product_id = NEW.id);
END;

-- --------------------------------------------------------- the records there
-- Both indexes from the tables, arm by arm in ascending rowid order.
INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 0);
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 0 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 2 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 1 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 3 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 0 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 2 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 1 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 0 AND field = 3 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 0 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 1 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 2 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 3 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 4 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 0 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 1 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 2 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 3 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 1 AND field = 4 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 0 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 1 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 2 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 3 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 4 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 5 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 0 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 1 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 2 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 3 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 4 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 2 AND field = 5 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 3 AND field = 0 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 3 AND field = 1 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 3 AND field = 0 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 3 AND field = 1 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 4 AND field = 0 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 4 AND field = 1 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 5 AND field = 0 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 5 AND field = 2 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 5 AND field = 1 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 5 AND field = 0 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 5 AND field = 2 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 5 AND field = 1 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 6 AND field = 0 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 6 AND field = 1 AND inactive = 0;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 6 AND field = 0 AND inactive = 1;
INSERT INTO search_fts(rowid, value) SELECT rid, value FROM search_source
  WHERE kind = 6 AND field = 1 AND inactive = 1;
INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 4);
INSERT INTO search_fts(search_fts) VALUES ('optimize');
INSERT INTO search_exact(search_exact, rank) VALUES ('automerge', 0);
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 0 AND field = 2 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 0 AND field = 1 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 0 AND field = 2 AND inactive = 1;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 0 AND field = 1 AND inactive = 1;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 1 AND field = 1 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 1 AND field = 1 AND inactive = 1;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 2 AND field = 1 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 2 AND field = 1 AND inactive = 1;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 3 AND field = 1 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 3 AND field = 1 AND inactive = 1;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 4 AND field = 1 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 5 AND field = 2 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 5 AND field = 1 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 5 AND field = 2 AND inactive = 1;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 5 AND field = 1 AND inactive = 1;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 6 AND field = 1 AND inactive = 0;
INSERT INTO search_exact(rowid, value) SELECT rid, value FROM search_exact_source
  WHERE kind = 6 AND field = 1 AND inactive = 1;
INSERT INTO search_exact(search_exact, rank) VALUES ('automerge', 4);
INSERT INTO search_exact(search_exact) VALUES ('optimize');
